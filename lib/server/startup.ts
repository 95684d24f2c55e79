// What happens once when the server starts: apply migrations, create the first account on an empty
// database, and tell the operator how to sign in.
import { getDb } from '../db/client';
import { dataDir, dbConfig, describeDb } from '../db/config';
import { migrate } from '../db/migrate';
import { bootstrap } from '../domain/accounts';
import { ensureZeroTierNode } from '../domain/zerotier/identity';

export async function startup(log: (line: string) => void = (l) => console.log(l)) {
  const cfg = dbConfig();
  const applied = await migrate(cfg);
  log(`meshdeck: database ${describeDb(cfg)}${applied.length ? ` (applied ${applied.length} migration(s): ${applied.join(', ')})` : ''}`);
  const result = await bootstrap(await getDb());
  // The ZeroTier controller's identity and metrics token exist from the first start on.
  const zt = await ensureZeroTierNode(await getDb(), dataDir());
  log(`meshdeck: ZeroTier controller node ${zt.address}`);
  void import('./ephemeral-cleanup').then((m) => m.startEphemeralCleanup(log));
  const url = `${process.env.MESHDECK_PUBLIC_URL || process.env.NEXTAUTH_URL || `http://localhost:${process.env.PORT || 3000}`}`.replace(/\/$/, '') + '/app';
  if (result.created) {
    log(`meshdeck: created the first account; owner ${result.email}`);
    if (result.generatedPassword) {
      log('meshdeck: ------------------------------------------------------------');
      log(`meshdeck: sign in at ${url}`);
      log(`meshdeck:   email:    ${result.email}`);
      log(`meshdeck:   password: ${result.generatedPassword}`);
      log('meshdeck: this password is shown only now; it is stored hashed.');
      log('meshdeck: ------------------------------------------------------------');
      return;
    }
  }
  log(`meshdeck: console at ${url}`);
}
