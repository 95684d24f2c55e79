// Bulk actions on many peers, in batches: each batch is one request (one transaction on the
// server), so the console can show how far it has got, and a failure names how many were done.
import { api } from '../api';
import type { BulkRequest } from './BulkBar';

export const BULK_BATCH = 50;

export const BULK_LABEL: Record<BulkRequest['action'], string> = {
  'add-groups': 'Adding to the group',
  'remove-groups': 'Removing from the group',
  approve: 'Approving',
  'login-expiration': 'Changing login expiration',
  delete: 'Deleting',
};

/** Runs `r` over `ids` batch by batch; `onProgress(done)` after each. Throws with the count done so far. */
export async function runInBatches(ids: string[], r: BulkRequest, onProgress: (done: number) => void): Promise<{ changed: number }> {
  let done = 0;
  let changed = 0;
  for (let i = 0; i < ids.length; i += BULK_BATCH) {
    const batch = ids.slice(i, i + BULK_BATCH);
    try {
      const res = await api<{ selected: number; changed: number }>('/api/console/peers/bulk', { method: 'POST', body: JSON.stringify({ ids: batch, ...r }) });
      changed += res.changed;
    } catch (e) {
      throw new Error(`${(e as Error).message} (stopped after ${done} of ${ids.length} peers; those ${done === 1 ? 'is' : 'are'} done)`);
    }
    done += batch.length;
    onProgress(done);
  }
  return { changed };
}
