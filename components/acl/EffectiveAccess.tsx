'use client';
// Who can reach whom under the saved policies (NetBird policies and the saved document), as the
// engine computes it: a peer × peer or group × group matrix; choosing a cell shows what grants it.
import { useEffect, useState } from 'react';
import { ErrorAlert } from '../Feedback';
import { TablePanel } from '../TablePanel';
import { loadEffective } from './policy-api';
import type { AccessCell, EffectiveView, GrantSource } from './types';

export function describeSource(s: GrantSource): string {
  if (s.kind === 'netbird') return `NetBird policy “${s.policy}”, rule “${s.rule}”`;
  return s.lines.length ? `policy document, line${s.lines.length > 1 ? 's' : ''} ${s.lines.join(', ')}` : 'policy document';
}

export function EffectiveAccess() {
  const [view, setView] = useState<'peers' | 'groups'>('peers');
  const [data, setData] = useState<EffectiveView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<AccessCell | null>(null);

  useEffect(() => {
    let live = true;
    setData(null);
    setPicked(null);
    loadEffective(view)
      .then((d) => live && setData(d))
      .catch((e) => live && setError((e as Error).message));
    return () => {
      live = false;
    };
  }, [view]);

  const cells = new Map(data?.cells.map((c) => [`${c.from} ${c.to}`, c]));
  const name = (id: string) => data?.rows.find((r) => r.id === id)?.name ?? id;

  return (
    <>
      <p className="hint">Computed from what is saved (NetBird policies and the saved document), not from unsaved edits.</p>
      <div className="field max-w-220">
        <label htmlFor="effective-view">Show</label>
        <select id="effective-view" value={view} onChange={(e) => setView(e.target.value as 'peers' | 'groups')}>
          <option value="peers">peer × peer</option>
          <option value="groups">group × group</option>
        </select>
      </div>
      <ErrorAlert message={error} />
      <TablePanel
        rows={data?.rows ?? null}
        headers={['from \\ to', ...(data?.rows ?? []).map((r) => ({ key: r.id, label: r.name, title: r.detail }))]}
        empty={view === 'peers' ? 'No peers yet. Register peers with a setup key, then come back.' : 'No groups yet.'}
        wrap="scroll"
        caption="Rows reach columns"
        table={{ className: 'matrix', 'data-testid': 'effective-matrix' }}
        cards={false}
      >
        {data?.rows.map((from) => (
          <tr key={from.id}>
            <th scope="row" title={from.detail}>
              {from.name}
            </th>
            {data.rows.map((to) => {
              const c = cells.get(`${from.id} ${to.id}`);
              return (
                <td key={to.id}>
                  {c ? (
                    <button type="button" className="cell" aria-label={`${from.name} reaches ${to.name}: show why`} onClick={() => setPicked(c)}>
                      ✓
                    </button>
                  ) : (
                    <span aria-label={`${from.name} does not reach ${to.name}`}>·</span>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </TablePanel>
      {data && data.rows.length > 0 && (
        <>
          {data.omitted > 0 && <p className="hint">{data.omitted} more not shown.</p>}
          {picked && (
            <div className="notice" role="status" data-testid="effective-why">
              <strong>
                {name(picked.from)} → {name(picked.to)}
              </strong>
              {picked.pairs !== undefined && ` (${picked.pairs} peer pair${picked.pairs === 1 ? '' : 's'})`}
              <ul className="m-0 mt-6">
                {picked.sources.map((s, i) => (
                  <li key={i}>{describeSource(s)}</li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
    </>
  );
}
