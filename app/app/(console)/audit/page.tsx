import Link from 'next/link';
import { AuditFilters, auditHref } from '@/components/audit/AuditFilters';
import { getDb } from '@/lib/db/client';
import { auditFilterChoices, auditFilterFrom, queryAuditEvents } from '@/lib/domain/audit-query';
import { pageWindow, parsePage } from '@/lib/domain/paging';
import { allows } from '@/lib/domain/users/roles';
import { requireConsoleActor } from '@/lib/server/console-session';

const PAGE = 50;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireConsoleActor();
  if (!allows(actor.role, 'audit')) {
    return (
      <>
        <h1>Audit log</h1>
        <div className="panel">Only owners, admins and auditors can read the audit log.</div>
      </>
    );
  }
  const params = await searchParams;
  let page = 1;
  let pageError = '';
  try {
    page = parsePage(Array.isArray(params.page) ? params.page[0] : params.page);
  } catch (e) {
    pageError = (e as Error).message;
  }
  const filter = auditFilterFrom(params);
  const db = await getDb();
  // A page beyond any offset the database takes is empty, like any page past the last event.
  const window = pageError ? null : pageWindow(page, PAGE);
  const [{ events, more }, choices] = await Promise.all([
    window ? queryAuditEvents(db, actor, filter, window) : { events: [], more: false },
    auditFilterChoices(db, actor),
  ]);
  const filtered = Object.values(filter).some(Boolean);
  return (
    <>
      <h1>Audit log</h1>
      <p className="lead">Every change made through any API or this console, newest first. Times are UTC.</p>
      {/* Keyed by the filter: after a client-side navigation the uncontrolled fields must show the new URL's values. */}
      <AuditFilters key={JSON.stringify(filter)} filter={filter} activities={choices.activities} initiators={choices.initiators} />
      <div className="panel table-wrap">
        {events.length === 0 ? (
          <p className="empty">{pageError ? `Not a page of the audit log: ${pageError}.` : filtered ? 'No events match these filters. Widen the date range or clear the filters.' : 'Nothing has been changed yet.'}</p>
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
              {events.map((e) => (
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
      <nav className="row" aria-label="Audit log pages">
        {page > 1 && <Link href={auditHref(filter, page - 1)}>← Newer</Link>}
        {more && <Link href={auditHref(filter, page + 1)}>Older →</Link>}
      </nav>
    </>
  );
}
