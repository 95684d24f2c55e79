// Vitest globalSetup for the API suite: one fresh database and one real server for the run.
import type { TestProject } from 'vitest/node';
import { startServer } from './server';
import { createTempDb } from './temp-db';

export const ADMIN_EMAIL = 'owner@example.test';
export const ADMIN_PASSWORD = 'correct-horse-battery-staple';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    dataDir: string;
    databaseUrl: string;
    adminEmail: string;
    adminPassword: string;
  }
}

export default async function setup(project: TestProject) {
  const db = await createTempDb();
  const server = await startServer({
    MESHDECK_DATA_DIR: db.dataDir,
    DATABASE_URL: db.databaseUrl,
    MESHDECK_ADMIN_EMAIL: ADMIN_EMAIL,
    MESHDECK_ADMIN_PASSWORD: ADMIN_PASSWORD,
    MESHDECK_ACCOUNT_DOMAIN: 'example.test',
    MESHDECK_ZITI_CERT_HEADER: 'X-Client-Cert',
    // The tests stand in for a TLS-terminating proxy on loopback: X-Forwarded-For and the client
    // certificate header are trusted from there only.
    MESHDECK_TRUSTED_PROXIES: '127.0.0.1, ::1',
  });
  project.provide('baseUrl', server.baseUrl);
  project.provide('dataDir', db.dataDir);
  project.provide('databaseUrl', db.databaseUrl);
  project.provide('adminEmail', ADMIN_EMAIL);
  project.provide('adminPassword', ADMIN_PASSWORD);
  return async () => {
    await server.stop();
    if (process.env.MESHDECK_TEST_SERVER_LOG) console.log(server.output());
    await db.drop();
  };
}
