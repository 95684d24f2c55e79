// Wire shapes of the access simulator (app/api/console/access/**): the question a script or the
// console asks — a source, a destination, optionally protocol and port and an unsaved document —
// answered by lib/domain/access/simulator.ts as it is (camelCase, like the other console shapes).
// Served with NetBird's error conventions (400 for malformed input, 422 for invalid values, 404).
import { z } from 'zod';
import { MAX_POLICY_BYTES } from '../../domain/acl/document';
import type { AccessQuestion } from '../../domain/access/simulator';

/** The document travels inside JSON, whose escaping can double its size (as the save request). */
export const MAX_ACCESS_CHECK_BODY = 2 * MAX_POLICY_BYTES + 64 * 1024;

const id = z.string().min(1).max(200);

export const accessCheckRequest = z.object({
  source: z.object({ kind: z.enum(['peer', 'user', 'group']), id }),
  destination: z.object({ kind: z.enum(['peer', 'group', 'route', 'resource', 'address']), id }),
  protocol: z.union([z.string().max(16), z.number().int()]).optional(),
  port: z.number().int().min(0).max(65535).optional(),
  document: z.string().max(MAX_POLICY_BYTES).optional(),
});

export const toAccessQuestion = (b: z.infer<typeof accessCheckRequest>): AccessQuestion => b;
