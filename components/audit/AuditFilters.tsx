import Link from 'next/link';
import type { AuditFilter } from '@/lib/domain/audit-query';
import { FilterDisclosure } from '../FilterDisclosure';

/** The audit log's filters: a plain GET form, so a filtered view is a link that can be shared. */
export function AuditFilters({ filter, activities, initiators }: { filter: AuditFilter; activities: { code: string; activity: string }[]; initiators: { id: string; label: string }[] }) {
  const active = Object.values(filter).some(Boolean);
  return (
    <FilterDisclosure active={Object.values(filter).filter(Boolean).length}>
      <form className="panel filters" method="get" action="/app/audit" role="search" aria-label="Filter the audit log">
        <div className="field">
          <label htmlFor="audit-activity">Activity</label>
          <select id="audit-activity" name="activity" defaultValue={filter.activityCode ?? ''}>
            <option value="">Any activity</option>
            {activities.map((a) => (
              <option key={a.code} value={a.code}>
                {a.code}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-initiator">Initiator</label>
          <select id="audit-initiator" name="initiator" defaultValue={filter.initiatorId ?? ''}>
            <option value="">Anyone</option>
            {initiators.map((i) => (
              <option key={i.id} value={i.id}>
                {i.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field basis-160">
          <label htmlFor="audit-from">From (UTC)</label>
          <input id="audit-from" type="date" name="from" defaultValue={filter.from ?? ''} />
        </div>
        <div className="field basis-160">
          <label htmlFor="audit-to">To (UTC)</label>
          <input id="audit-to" type="date" name="to" defaultValue={filter.to ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="audit-search">Search</label>
          <input id="audit-search" type="search" name="q" defaultValue={filter.search ?? ''} placeholder="name, target, details…" />
        </div>
        <div className="field fit">
          <span className="row tight">
            <button type="submit" className="primary">
              Apply filters
            </button>
            {active && (
              <Link href="/app/audit" className="btn">
                Clear
              </Link>
            )}
          </span>
        </div>
      </form>
    </FilterDisclosure>
  );
}

/** The query string of a filtered page, for the paging links. */
export function auditHref(filter: AuditFilter, page: number): string {
  const q = new URLSearchParams();
  if (filter.activityCode) q.set('activity', filter.activityCode);
  if (filter.initiatorId) q.set('initiator', filter.initiatorId);
  if (filter.from) q.set('from', filter.from);
  if (filter.to) q.set('to', filter.to);
  if (filter.search) q.set('q', filter.search);
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return s ? `/app/audit?${s}` : '/app/audit';
}
