import Link from 'next/link';
import { getDb } from '@/lib/db/client';
import { listAuditEvents } from '@/lib/domain/events';
import { allows } from '@/lib/domain/roles';
import { requireConsoleActor } from '@/lib/server/console-session';

const PAGE = 50;

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const actor = await requireConsoleActor();
  if (!allows(actor.role, 'audit')) {
    return (
      <>
        <h1>Audit log</h1>
        <div className="panel">Only owners, admins and auditors can read the audit log.</div>
      </>
    );
  }
  const page = Math.max(1, Number((await searchParams).page) || 1);
  const events = await listAuditEvents(await getDb(), actor, { limit: PAGE + 1, skip: (page - 1) * PAGE });
  const more = events.length > PAGE;
  return (
    <>
      <h1>Audit log</h1>
      <p className="lead">Every change made through any API or this console, newest first.</p>
      <div className="panel table-wrap">
        {events.length === 0 ? (
          <p className="empty">Nothing has been changed yet.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">What</th>
                <th scope="col">Who</th>
                <th scope="col" className="hide-narrow">Through</th>
                <th scope="col" className="hide-narrow">Details</th>
              </tr>
            </thead>
            <tbody>
              {events.slice(0, PAGE).map((e) => (
                <tr key={e.id} data-testid="audit-row">
                  <td>{e.timestamp.toISOString().replace('T', ' ').slice(0, 19)}</td>
                  <td>
                    {e.activity}
                    <div className="mono" style={{ color: 'var(--muted)' }}>
                      {e.activityCode}
                    </div>
                  </td>
                  <td>{e.initiatorEmail || e.initiatorName}</td>
                  <td className="hide-narrow">{e.source}</td>
                  <td className="hide-narrow mono" style={{ overflowWrap: 'anywhere' }}>
                    {e.meta === '{}' ? '' : e.meta}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div className="row">
        {page > 1 && <Link href={`/app/audit?page=${page - 1}`}>← Newer</Link>}
        {more && <Link href={`/app/audit?page=${page + 1}`}>Older →</Link>}
      </div>
    </>
  );
}
