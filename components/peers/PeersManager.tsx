'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import type { RowSelectionState } from '@tanstack/react-table';
import { api } from '../api';
import { ErrorAlert } from '../Feedback';
import { Progress, type ProgressState } from '../Progress';
import { useResource } from '../useResource';
import { BulkBar, type BulkRequest } from './BulkBar';
import { BULK_LABEL, runInBatches } from './bulkRun';
import { ColumnsMenu, useColumnVisibility } from './ColumnsMenu';
import { PeerFilters } from './PeerFilters';
import { PeerTable } from './PeerTable';
import type { PeerFilterOptions as FilterOptions } from '@/lib/dialects/console/peers';
import { DEFAULT_LIMIT, FILTER_KEYS, PAGE_SIZES } from './types';
import { usePeerPage } from './usePeerPage';

const fmt = (n: number) => n.toLocaleString('en-US');

/** The peers table with its filters, sort, paging and bulk actions; all view state is in the URL. */
export function PeersManager({ canSeeAll, canEdit }: { canSeeAll: boolean; canEdit: boolean }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const search = new URLSearchParams(params.toString());
  const { page, error, setError, loading, reload } = usePeerPage(search);
  const { data: options } = useResource<FilterOptions | null>(async () => (canSeeAll ? api<FilterOptions>('/api/console/peers/options') : null));
  const [selection, setSelection] = useState<RowSelectionState>({});
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [progress, setProgress] = useState<ProgressState | null>(null);
  const [visibility, setVisibility] = useColumnVisibility();

  const navigate = (updates: Record<string, string | null>, keepOffset = false) => {
    const next = new URLSearchParams(params.toString());
    for (const [k, v] of Object.entries(updates)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    // Filters and sort changes start again at the first page.
    if (!keepOffset) next.delete('offset');
    // A relative "last seen" choice replaces any absolute bounds from a pasted URL.
    if ('seen' in updates) {
      next.delete('lastSeenAfter');
      next.delete('lastSeenBefore');
    }
    const qs = next.toString();
    router.push(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
  };

  const [field = 'name', dir = 'asc'] = (params.get('sort') ?? 'name:asc').split(':');
  const offset = Number(params.get('offset') ?? 0) || 0;
  const limit = Number(params.get('limit') ?? DEFAULT_LIMIT) || DEFAULT_LIMIT;
  const total = page?.total ?? 0;
  const selected = Object.keys(selection).filter((id) => selection[id]);
  const filtered = FILTER_KEYS.some((k) => params.get(k));

  async function runBulk(r: BulkRequest): Promise<boolean> {
    setBusy(true);
    setError(null);
    setNotice(null);
    const ids = selected;
    const progressOf = (done: number): ProgressState => ({ label: BULK_LABEL[r.action], done, total: ids.length, unit: ids.length === 1 ? 'peer' : 'peers' });
    setProgress(progressOf(0));
    try {
      const { changed } = await runInBatches(ids, r, (done) => setProgress(progressOf(done)));
      setNotice(`Done: ${changed} of ${ids.length} selected peers changed.`);
      setSelection({});
      return true;
    } catch (e) {
      setError((e as Error).message);
      return false;
    } finally {
      setProgress(null);
      setBusy(false);
      await reload();
    }
  }

  return (
    <>
      <PeerFilters params={search} options={options} onChange={navigate} />
      {canEdit && selected.length > 0 && (
        <BulkBar
          count={selected.length}
          names={(page?.items ?? []).filter((p) => selection[p.id]).map((p) => p.name)}
          groups={options?.groups ?? []}
          busy={busy}
          onRun={runBulk}
          onClear={() => setSelection({})}
        />
      )}
      <Progress state={progress} />
      <ErrorAlert message={error} />
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <div className="panel">
        <div className="row table-tools">
          <span data-testid="peer-total" aria-live="polite">
            {page ? (total === 0 ? 'No peers' : `${fmt(Math.min(offset + 1, total))}–${fmt(Math.min(offset + limit, total))} of ${fmt(total)} peers`) : 'Loading…'}
            {loading && page ? ' · loading…' : ''}
          </span>
          <span className="row gap-8 middle ml-auto">
            <ColumnsMenu visibility={visibility} onChange={setVisibility} />
            <label htmlFor="peer-limit" className="m-0">
              Rows per page
            </label>
            <select id="peer-limit" className="auto-width" value={limit} onChange={(e) => navigate({ limit: e.target.value })}>
              {PAGE_SIZES.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
            <button type="button" disabled={offset === 0} onClick={() => navigate({ offset: String(Math.max(0, offset - limit)) }, true)}>
              Previous page
            </button>
            <button type="button" disabled={offset + limit >= total} onClick={() => navigate({ offset: String(offset + limit) }, true)}>
              Next page
            </button>
          </span>
        </div>
        {page && page.items.length === 0 ? (
          <p className="empty" data-testid="peers-empty">
            {filtered ? 'No peer matches these filters. Clear or change them to see more.' : 'No peers yet. Create a setup key, then register a peer with the command it shows.'}
          </p>
        ) : (
          <PeerTable
            peers={page?.items ?? []}
            sort={{ field, desc: dir === 'desc' }}
            onSort={(f, desc) => navigate({ sort: `${f}:${desc ? 'desc' : 'asc'}` })}
            selection={selection}
            onSelection={setSelection}
            visibility={visibility}
            canSelect={canEdit}
          />
        )}
      </div>
    </>
  );
}
