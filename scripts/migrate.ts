// `npm run db:migrate`: applies pending migrations to the configured database (DATABASE_URL or the
// SQLite file in MESHDECK_DATA_DIR) without starting the server. The server also does this at start.
import { dbConfig, describeDb } from '../lib/db/config';
import { migrate } from '../lib/db/migrate';

const cfg = dbConfig();
const applied = await migrate(cfg);
console.log(`${describeDb(cfg)}: ${applied.length ? `applied ${applied.join(', ')}` : 'up to date'}`);
