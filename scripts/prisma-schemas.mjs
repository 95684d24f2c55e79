// Derives prisma/postgresql/schema.prisma from prisma/schema.prisma (the SQLite source of truth).
// Prisma cannot take its provider from an environment variable, so each database gets its own
// schema file, generated client and migrations folder; only these two lines differ.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const sqliteSchemaPath = join(root, 'prisma/schema.prisma');
export const postgresSchemaPath = join(root, 'prisma/postgresql/schema.prisma');

export function postgresSchemaText() {
  const src = readFileSync(sqliteSchemaPath, 'utf8');
  const out = src
    .replace('output       = "../lib/generated/sqlite"', 'output       = "../../lib/generated/postgresql"')
    .replace(/provider = "sqlite"/, 'provider = "postgresql"');
  if (out === src || !out.includes('"postgresql"') || !out.includes('lib/generated/postgresql')) {
    throw new Error('prisma/schema.prisma: generator output or datasource provider line not found');
  }
  return '// GENERATED from prisma/schema.prisma by scripts/prisma-schemas.mjs — do not edit.\n' + out;
}

export function writePostgresSchema() {
  mkdirSync(dirname(postgresSchemaPath), { recursive: true });
  writeFileSync(postgresSchemaPath, postgresSchemaText());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) writePostgresSchema();
