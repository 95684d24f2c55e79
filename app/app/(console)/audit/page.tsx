import Link from 'next/link';
import { AuditFilters, auditHref } from '@/components/audit/AuditFilters';
import { ConsolePage } from '@/components/ConsolePage';
import { TablePanel } from '@/components/TablePanel';
import { getDb } from '@/lib/db/client';
import type { Actor } from '@/lib/domain/actor';
import { auditFilterChoices, auditFilterFrom, queryAuditEvents } from '@/lib/domain/audit-query';
import { pageWindow, parsePage } from '@/lib/domain/paging';

const PAGE = 50;

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  return (
    <ConsolePage section="audit" need="audit">
      {({ actor }) => <AuditLog actor={actor} searchParams={searchParams} />}
    </ConsolePage>
  );
}

async function AuditLog({ actor, searchParams }: { actor: Actor; searchParams: SearchParams }) {
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
      {/* Keyed by the filter: after a client-side navigation the uncontrolled fields must show the new URL's values. */}
      <AuditFilters key={JSON.stringify(filter)} filter={filter} activities={choices.activities} initiators={choices.initiators} />
      <TablePanel
        rows={events}
        headers={['When', 'What', 'Who', 'Through?', 'Details?']}
        empty={pageError ? `Not a page of the audit log: ${pageError}.` : filtered ? 'No events match these filters. Widen the date range or clear the filters.' : 'Nothing has been changed yet.'}
      >
        {events.map((e) => (
          <tr key={e.id} data-testid="audit-row">
            <td>{e.timestamp.toISOString().replace('T', ' ').slice(0, 19)}</td>
            <td>
              {e.activity}
              <div className="mono muted">{e.activityCode}</div>
            </td>
            <td>{e.initiatorEmail || e.initiatorName}</td>
            <td className="hide-narrow">{e.source}</td>
            <td className="hide-narrow mono break-anywhere">{e.meta === '{}' ? '' : e.meta}</td>
          </tr>
        ))}
      </TablePanel>
      <nav className="row" aria-label="Audit log pages">
        {page > 1 && <Link href={auditHref(filter, page - 1)}>← Newer</Link>}
        {more && <Link href={auditHref(filter, page + 1)}>Older →</Link>}
      </nav>
    </>
  );
}
