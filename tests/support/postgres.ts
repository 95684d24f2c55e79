// A PostgreSQL server for tests and benchmarks that need one whatever DATABASE_URL says: the one
// DATABASE_URL names, or a private cluster (scripts/pg-test-cluster.sh) that `stop` removes.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './server';

export interface PostgresServer {
  /** Connection string of its maintenance database (createTempDb makes databases beside it). */
  url: string;
  stop(): void;
}

export function postgresServer(given = process.env.DATABASE_URL ?? ''): PostgresServer {
  if (/^postgres(ql)?:\/\//.test(given)) return { url: given, stop: () => {} };
  const script = join(ROOT, 'scripts/pg-test-cluster.sh');
  const out = execFileSync('bash', [script], { encoding: 'utf8' });
  const dir = /PG_TEST_DIR=(.*)/.exec(out)![1].trim();
  return { url: /DATABASE_URL=(.*)/.exec(out)![1].trim(), stop: () => execFileSync('bash', [script, 'stop', dir]) };
}
