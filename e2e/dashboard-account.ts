// `tsx e2e/dashboard-account.ts <domain> <email> <password>`: an account and owner (who can sign
// in) in the e2e server's database, printed as "<id> new" (or "<id> existing" when the domain has
// one already): the dashboard spec fills a new one with `npm run demo -- --account <id>`, apart from
// the first account that other specs fill.
import { createDb } from '../lib/db/client';
import { dbConfig } from '../lib/db/config';
import { createAccountWithOwner } from '../lib/domain/accounts/accounts';

const [domain, email, password] = process.argv.slice(2);
const db = await createDb(dbConfig());
const existing = await db.account.findUnique({ where: { domain }, select: { id: true } });
if (existing) console.log(`${existing.id} existing`);
else console.log(`${(await createAccountWithOwner(db, { name: 'Dashboard demo', domain, ownerEmail: email, ownerName: 'Dash Owner', ownerPassword: password })).account.id} new`);
await db.$disconnect();
