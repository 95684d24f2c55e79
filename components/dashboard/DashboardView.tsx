'use client';
// The dashboard: the cards (each a link to the page filtered to match), the last 24 h of traffic
// with the top talkers, the last changes from the audit log, and the access-policy document's
// state. Live: see useLiveDashboard.
import Link from 'next/link';
import type { ConsoleDashboard } from '@/lib/dialects/console/dashboard';
import { TablePanel } from '../TablePanel';
import { dashboardCards } from './cards';
import { TrafficPanel } from './TrafficPanel';
import { useLiveDashboard } from './useLiveDashboard';

const when = (iso: string) => iso.replace('T', ' ').slice(0, 16) + ' UTC';

export function DashboardView({ initial }: { initial: ConsoleDashboard }) {
  const { data, live } = useLiveDashboard(initial);
  return (
    <>
      <p className="muted dash-live" data-testid="dash-live" aria-live="polite">
        {live === 'on' ? `Live: updates as agents connect (as of ${new Date(data.at).toLocaleTimeString()}).` : 'Live updates paused: reconnecting…'}
      </p>
      <div className="cards">
        {dashboardCards(data).map((c) => (
          <Link key={c.id} href={c.href} className={`card card-link${c.warn && c.value ? ' card-warn' : ''}`} data-testid={`card-${c.id}`}>
            <div className="num" data-testid={`card-${c.id}-value`}>
              {c.value === null ? '…' : c.value.toLocaleString('en')}
            </div>
            <div className="label">{c.label}</div>
            {c.note && <div className="label">{c.note}</div>}
          </Link>
        ))}
      </div>
      {data.traffic && <TrafficPanel traffic={data.traffic} />}
      <div className="dash-columns">
        {data.changes && (
          <section aria-labelledby="dash-changes">
            <h2 id="dash-changes">
              Last changes <Link href="/app/audit" className="small">(audit log)</Link>
            </h2>
            <TablePanel rows={data.changes} headers={['When', 'What', 'Who', 'Through']} empty="Nothing has been changed yet.">
              {data.changes.map((e) => (
                <tr key={e.id} data-testid="dash-change">
                  <td className="nowrap">{when(e.at)}</td>
                  <td>{e.what}</td>
                  <td className="break-anywhere">{e.who}</td>
                  <td>{e.via}</td>
                </tr>
              ))}
            </TablePanel>
          </section>
        )}
        {data.acl && <AclPanel acl={data.acl} />}
      </div>
    </>
  );
}

function AclPanel({ acl }: { acl: NonNullable<ConsoleDashboard['acl']> }) {
  const t = acl.tests;
  const verdict = !acl.hasTests
    ? { cls: '', text: 'The document has no tests.' }
    : !t
      ? { cls: '', text: 'Running its tests…' }
      : t.problem
        ? { cls: 'bad', text: `It no longer compiles: ${t.problem}` }
        : t.failed
          ? { cls: 'bad', text: `${t.failed} of ${t.total} tests fail.` }
          : { cls: 'ok', text: `All ${t.total} tests pass.` };
  return (
    <section aria-labelledby="dash-acl">
      <h2 id="dash-acl">Access policy</h2>
      <div className="panel" data-testid="dash-acl">
        <p className="mt-0">
          {acl.saved && acl.updatedAt ? (
            <>
              Last saved {when(acl.updatedAt)}
              {acl.author ? ` by ${acl.author}` : ''}
              {acl.version ? ` (version ${acl.version})` : ''}.
            </>
          ) : (
            'Never saved: the default document (allow all) applies.'
          )}
        </p>
        <p data-testid="dash-acl-tests">
          {verdict.cls ? <span className={`badge ${verdict.cls}`}>{verdict.text}</span> : verdict.text}
          {acl.checking && t ? <span className="muted"> Re-running them after a change…</span> : null}
        </p>
        <Link href="/app/acl">Open the editor</Link>
      </div>
    </section>
  );
}
