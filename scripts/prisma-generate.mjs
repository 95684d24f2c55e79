// `npm install` hook: generates both Prisma clients (SQLite and PostgreSQL) offline.
// `prisma generate` only needs the schema engine binary to exist, not to run, so when it is absent
// (it cannot be downloaded here) a stub file stands in; the generated clients use driver adapters
// and need no native engine at run time.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, writePostgresSchema } from './prisma-schemas.mjs';

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
  const stub = join(root, 'node_modules/.cache/meshdeck/schema-engine-stub');
  mkdirSync(join(stub, '..'), { recursive: true });
  if (!existsSync(stub)) writeFileSync(stub, '#!/bin/sh\nexit 1\n', { mode: 0o755 });
  env.PRISMA_SCHEMA_ENGINE_BINARY = stub;
}
writePostgresSchema();
const prismaCli = join(root, 'node_modules/prisma/build/index.js');
for (const schema of ['prisma/schema.prisma', 'prisma/postgresql/schema.prisma']) {
  execFileSync(process.execPath, [prismaCli, 'generate', '--schema', schema], { cwd: root, env, stdio: 'inherit' });
}
