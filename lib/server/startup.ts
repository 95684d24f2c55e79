// What happens once when the server starts: apply migrations, create the first account on an empty
// database, load the installation secrets, and tell the operator how to sign in. All of it under
// the start-up lock and idempotent: of servers starting at once, one does the work and the others
// find it done (a second first account, or a secret of their own, would leave a server broken).
import { getDb } from '../db/client';
import { dataDir, dbConfig, describeDb } from '../db/config';
import { withStartupLock } from '../db/lock';
import { migrate } from '../db/migrate';
import { setUpInstallation } from '../domain/accounts/installation';
import { ensureZeroTierNode } from '../domain/zerotier/identity';

export async function startup(log: (line: string) => void = (l) => console.log(l)) {
  const cfg = dbConfig();
  const { applied, result, zt } = await withStartupLock(cfg, async () => {
    const applied = await migrate(cfg);
    const result = await setUpInstallation(await getDb(), dataDir());
    // The ZeroTier controller's identity and metrics token exist from the first start on.
    const zt = await ensureZeroTierNode(await getDb(), dataDir());
    return { applied, result, zt };
  });
  log(`meshdeck: database ${describeDb(cfg)}${applied.length ? ` (applied ${applied.length} migration(s): ${applied.join(', ')})` : ''}`);
  log(`meshdeck: ZeroTier controller node ${zt.address}`);
  void import('./ephemeral-cleanup').then((m) => m.startEphemeralCleanup(log));
  void import('./traffic-retention').then((m) => m.startTrafficRetention(log));
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
