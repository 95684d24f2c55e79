// `tsx e2e/dashboard-account.ts <domain> <email> <password>`: a new account and owner (who can sign
// in) in the e2e server's database, its id printed: the dashboard spec fills it with `npm run
// demo -- --account <id>`, apart from the first account that other specs fill.
import { createDb } from '../lib/db/client';
import { dbConfig } from '../lib/db/config';
import { createAccountWithOwner } from '../lib/domain/accounts/accounts';

const [domain, email, password] = process.argv.slice(2);
const db = await createDb(dbConfig());
const { account } = await createAccountWithOwner(db, { name: 'Dashboard demo', domain, ownerEmail: email, ownerName: 'Dash Owner', ownerPassword: password });
console.log(account.id);
await db.$disconnect();
