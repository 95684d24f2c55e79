'use client';
// Every saved version (author, time, message): view one against the editor, diff any two, restore
// one (saved again as a new version, with If-Match, after a confirmation).
import { useState } from 'react';
import { ConfirmButton } from '../ConfirmButton';
import { ErrorAlert } from '../Feedback';
import { TablePanel } from '../TablePanel';
import { useResource } from '../useResource';
import { DiffView } from './DiffView';
import { getVersion, listVersions, restoreVersion } from './policy-api';
import type { SavedPolicy } from './types';

interface Shown {
  label: string;
  original: string;
  modified: string;
}

export function HistoryPanel(props: { saved: SavedPolicy; text: string; canEdit: boolean; onRestored(): Promise<void>; onClose(): void }) {
  const { data: versions, error, setError, busy, act } = useResource(listVersions);
  const [shown, setShown] = useState<Shown | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');

  async function show(fn: () => Promise<Shown>) {
    setError(null);
    try {
      setShown(await fn());
    } catch (e) {
      setError((e as Error).message);
    }
  }

  const view = (n: number) =>
    show(async () => ({ label: `Version ${n} compared with the editor`, original: (await getVersion(n)).text, modified: props.text }));
  const compare = () =>
    show(async () => {
      const [a, b] = await Promise.all([getVersion(Number(from)), getVersion(Number(to))]);
      return { label: `Version ${a.number} compared with version ${b.number}`, original: a.text, modified: b.text };
    });

  return (
    <section className="panel" aria-labelledby="history-title" data-testid="acl-history">
      <div className="row spread">
        <h2 id="history-title" className="m-0">History</h2>
        <button type="button" onClick={props.onClose}>
          Close history
        </button>
      </div>
      <ErrorAlert message={error} />
      {versions === null ? (
        <p className="empty">Loading…</p>
      ) : (
        <>
          <form
            className="row mt-12"
            aria-label="Compare two versions"
            onSubmit={(e) => {
              e.preventDefault();
              if (!from || !to) return setError('Pick the two versions to compare.');
              compare();
            }}
          >
            <div className="field">
              <label htmlFor="cmp-from">Compare version</label>
              <select id="cmp-from" value={from} onChange={(e) => setFrom(e.target.value)}>
                <option value="">choose…</option>
                {versions.map((v) => (
                  <option key={v.number} value={v.number}>
                    {v.number}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="cmp-to">with version</label>
              <select id="cmp-to" value={to} onChange={(e) => setTo(e.target.value)}>
                <option value="">choose…</option>
                {versions.map((v) => (
                  <option key={v.number} value={v.number}>
                    {v.number}
                  </option>
                ))}
              </select>
            </div>
            <div className="field fit">
              <button type="submit">Show differences</button>
            </div>
          </form>
          <TablePanel rows={versions} headers={['Version', 'Author', 'Saved', 'Message', 'Actions']} wrap="scroll">
            {versions.map((v) => (
              <tr key={v.number} data-testid="version-row">
                <td>
                  {v.number}
                  {v.etag === props.saved.etag && <span className="badge ok ml-6">current</span>}
                </td>
                <td>{v.author_name || 'meshdeck'}</td>
                <td>
                  <time dateTime={v.created_at}>{new Date(v.created_at).toLocaleString()}</time>
                </td>
                <td>{v.message || <span className="muted">—</span>}</td>
                <td>
                  <span className="row tight">
                    <button type="button" aria-label={`View version ${v.number}`} onClick={() => view(v.number)}>
                      View
                    </button>
                    {props.canEdit && (
                      <ConfirmButton
                        label="Restore"
                        ariaLabel={`Restore version ${v.number}`}
                        confirmLabel={`Confirm restore of version ${v.number}`}
                        removes={`Saves version ${v.number} as the current document: unsaved edits in the editor are lost (saved versions stay in the history).`}
                        disabled={busy}
                        onConfirm={() =>
                          act(async () => {
                            await restoreVersion(v.number, props.saved.etag);
                            await props.onRestored();
                          })
                        }
                      />
                    )}
                  </span>
                </td>
              </tr>
            ))}
          </TablePanel>
        </>
      )}
      {shown && (
        <div className="mt-12">
          <div className="row spread">
            <h3 className="panel-title m-0">{shown.label}</h3>
            <button type="button" onClick={() => setShown(null)}>
              Hide differences
            </button>
          </div>
          {/* One diff editor for every comparison: remounting Monaco's diff editor mid-diff is fragile. */}
          <DiffView id="history" original={shown.original} modified={shown.modified} label={shown.label} />
        </div>
      )}
    </section>
  );
}
