// Wire shapes of the console's access-control endpoints (app/api/console/acl/**): what the editor
// page sends (document text with a save message, the view of the effective-access matrix) and the
// version history it reads. Served with NetBird's error conventions (400 / 422 / 412).
import { z } from 'zod';
import type { AclVersion } from '../../db/models';
import { MAX_POLICY_BYTES, type AclVersionSummary } from '../../domain/acl/document';
import { ValidationError } from '../../domain/errors';

/**
 * The save request: a policy document of at most MAX_POLICY_BYTES (checked on the text itself by
 * saveAclDocument) inside JSON, whose escaping can double its size; so the body may be a bit more
 * than twice that.
 */
export const MAX_CONSOLE_SAVE_BODY = 2 * MAX_POLICY_BYTES + 64 * 1024;

export const saveRequest = z.object({
  text: z.string().min(1, 'empty policy file'),
  message: z.string().max(500).optional(),
});

export const effectiveQuery = z.object({ view: z.enum(['peers', 'groups']).default('peers') });

export function versionNumber(params: Record<string, string>): number {
  const n = Number(params.number);
  if (!/^\d{1,9}$/.test(params.number ?? '') || n < 1) throw new ValidationError(`invalid version number ${JSON.stringify(params.number)}`, 'value', 'number');
  return n;
}

export const toVersionSummary = (v: AclVersionSummary) => ({
  number: v.number,
  etag: v.etag,
  author_id: v.authorId,
  author_name: v.authorName,
  message: v.message,
  created_at: v.createdAt.toISOString(),
});

export const toVersion = (v: AclVersion) => ({ ...toVersionSummary(v), text: v.text });

export const toSaved = (saved: { document: { etag: string; text: string }; version: number }) => ({
  etag: saved.document.etag,
  version: saved.version,
});

export type AclVersionSummaryView = ReturnType<typeof toVersionSummary>;
export type AclVersionView = ReturnType<typeof toVersion>;
export type AclSaved = ReturnType<typeof toSaved>;
