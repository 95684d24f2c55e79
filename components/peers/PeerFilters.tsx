'use client';
import { useEffect, useState } from 'react';
import type { PeerFilterOptions as FilterOptions } from '@/lib/dialects/console/peers';
import { FilterDisclosure } from '../FilterDisclosure';
import { FILTER_KEYS, SEEN } from './types';

type Update = Record<string, string | null>;

const SELECTS: { key: string; label: string; options: [string, string][] }[] = [
  { key: 'connected', label: 'Status', options: [['', 'Any status'], ['true', 'Online'], ['false', 'Offline']] },
  { key: 'approval', label: 'Approval', options: [['', 'Any approval'], ['pending', 'Waiting for approval'], ['approved', 'Approved']] },
  { key: 'loginExpiration', label: 'Login expiration', options: [['', 'Any'], ['enabled', 'Enabled'], ['disabled', 'Disabled'], ['expired', 'Expired'], ['soon', 'Expiring within 7 days']] },
  { key: 'outdated', label: 'Agent version', options: [['', 'Any version'], ['true', 'Older than the newest'], ['false', 'The newest']] },
  { key: 'posture', label: 'Posture', options: [['', 'Any posture'], ['failing', 'Failing a check']] },
  { key: 'seen', label: 'Last seen', options: [['', 'Any time'], ...SEEN.map((s): [string, string] => [s.value, s.label])] },
];

/** The table's filters. Text fields apply on Enter or "Apply"; choices apply at once. */
export function PeerFilters({ params, options, onChange }: { params: URLSearchParams; options: FilterOptions | null; onChange: (u: Update) => void }) {
  const [text, setText] = useState({ q: params.get('q') ?? '', os: params.get('os') ?? '', version: params.get('version') ?? '' });
  // Back/forward navigation changes the URL under us: follow it.
  const key = params.toString();
  useEffect(() => setText({ q: params.get('q') ?? '', os: params.get('os') ?? '', version: params.get('version') ?? '' }), [key]);
  const setCount = FILTER_KEYS.filter((k) => params.get(k)).length;
  const active = setCount > 0;

  return (
    <FilterDisclosure active={setCount}>
      <form
        className="panel peer-filters"
        aria-label="Filter peers"
        onSubmit={(e) => {
          e.preventDefault();
          onChange({ q: text.q.trim() || null, os: text.os.trim() || null, version: text.version.trim() || null });
        }}
      >
        <div className="row">
          <div className="field wide-240">
            <label htmlFor="peer-search">Search</label>
            <input id="peer-search" type="search" value={text.q} maxLength={255} onChange={(e) => setText({ ...text, q: e.target.value })} placeholder="name, IP or DNS label" />
          </div>
          <div className="field grow-120">
            <label htmlFor="peer-os">OS</label>
            <input id="peer-os" value={text.os} maxLength={64} onChange={(e) => setText({ ...text, os: e.target.value })} placeholder="e.g. linux" />
          </div>
          <div className="field grow-120">
            <label htmlFor="peer-version">Version</label>
            <input id="peer-version" value={text.version} maxLength={64} onChange={(e) => setText({ ...text, version: e.target.value })} placeholder="e.g. 0.60" />
          </div>
          <div className="field fit">
            <button type="submit" className="primary">
              Apply
            </button>
          </div>
        </div>
        <div className="row">
          {options && (
            <>
              <div className="field">
                <label htmlFor="peer-group">Group</label>
                <select id="peer-group" value={params.get('group') ?? ''} onChange={(e) => onChange({ group: e.target.value || null })}>
                  <option value="">Any group</option>
                  {options.groups.map((g) => (
                    <option key={g.id} value={g.id}>
                      {g.name}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="peer-user">User</label>
                <select id="peer-user" value={params.get('user') ?? ''} onChange={(e) => onChange({ user: e.target.value || null })}>
                  <option value="">Any user</option>
                  {options.users.map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.email}
                    </option>
                  ))}
                </select>
              </div>
            </>
          )}
          {SELECTS.map((s) => (
            <div className="field" key={s.key}>
              <label htmlFor={`peer-${s.key}`}>{s.label}</label>
              <select id={`peer-${s.key}`} value={params.get(s.key) ?? ''} onChange={(e) => onChange({ [s.key]: e.target.value || null })}>
                {s.options.map(([v, l]) => (
                  <option key={v} value={v}>
                    {l}
                  </option>
                ))}
              </select>
            </div>
          ))}
          {active && (
            <div className="field fit">
              <button type="button" onClick={() => onChange(Object.fromEntries(FILTER_KEYS.map((k) => [k, null])))}>
                Clear filters
              </button>
            </div>
          )}
        </div>
      </form>
    </FilterDisclosure>
  );
}
