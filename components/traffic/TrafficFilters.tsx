'use client';
// The range picker (1 h, 24 h, 7 d, custom) and the network-traffic filters. Selects apply at
// once; the search text and a custom range apply when their form is submitted.
import { useState } from 'react';
import type { Filters, Range, RangeChoice } from './query';
import { FilterDisclosure } from '../FilterDisclosure';

export interface Option {
  id: string;
  label: string;
}

const PROTOCOLS = [['6', 'TCP'], ['17', 'UDP'], ['1', 'ICMP'], ['58', 'ICMPv6']];
const DIRECTIONS = [['INGRESS', 'Ingress'], ['EGRESS', 'Egress'], ['DIRECTION_UNKNOWN', 'Unknown']];
const CONNECTIONS = [['P2P', 'Peer to peer'], ['ROUTED', 'Routed']];
const TYPES = [['TYPE_START', 'Start'], ['TYPE_END', 'End'], ['TYPE_DROP', 'Drop'], ['TYPE_UNKNOWN', 'Unknown']];

/** datetime-local values are local wall-clock times without a zone. */
const toLocalInput = (iso: string) => {
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

export function RangePicker({ range, onChange, onError }: { range: Range; onChange: (r: Range) => void; onError: (m: string | null) => void }) {
  const now = Date.now();
  const [from, setFrom] = useState(toLocalInput(range.from ?? new Date(now - 86_400_000).toISOString()));
  const [to, setTo] = useState(toLocalInput(range.to ?? new Date(now).toISOString()));
  return (
    <form
      className="row"
      aria-label="Range of the charts and events"
      onSubmit={(e) => {
        e.preventDefault();
        const a = new Date(from);
        const b = new Date(to);
        if (Number.isNaN(a.getTime()) || Number.isNaN(b.getTime())) return onError('Give both ends of the custom range.');
        if (b <= a) return onError('The end of the range must be after its start.');
        onError(null);
        onChange({ choice: 'custom', from: a.toISOString(), to: b.toISOString() });
      }}
    >
      <div className="field fixed-160">
        <label htmlFor="traffic-range">Time range</label>
        <select id="traffic-range" value={range.choice} onChange={(e) => onChange({ ...range, choice: e.target.value as RangeChoice })}>
          <option value="1h">Last hour</option>
          <option value="24h">Last 24 hours</option>
          <option value="7d">Last 7 days</option>
          <option value="custom">Custom…</option>
        </select>
      </div>
      {range.choice === 'custom' && (
        <>
          <div className="field">
            <label htmlFor="traffic-from">From</label>
            <input id="traffic-from" type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="traffic-to">To</label>
            <input id="traffic-to" type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
          </div>
          <div className="field fit">
            <button type="submit">Apply range</button>
          </div>
        </>
      )}
    </form>
  );
}

function Select({ id, label, value, options, onChange }: { id: string; label: string; value?: string; options: string[][]; onChange: (v: string) => void }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
        <option value="">Any</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

export function TrafficFilters({ filters, peers, users, onChange }: { filters: Filters; peers: Option[]; users: Option[]; onChange: (f: Filters) => void }) {
  const [search, setSearch] = useState(filters.search ?? '');
  const set = (key: keyof Filters) => (v: string) => onChange({ ...filters, [key]: v || undefined });
  const peerOptions = peers.map((p) => [p.id, p.label]);
  const setCount = Object.values(filters).filter(Boolean).length;
  return (
    <FilterDisclosure active={setCount}>
      <form
        className="panel filters"
        aria-label="Traffic filters"
        onSubmit={(e) => {
          e.preventDefault();
          onChange({ ...filters, search: search.trim() || undefined });
        }}
      >
        <div className="row">
          <Select id="f-reporter" label="Reporting peer" value={filters.reporter_id} options={peerOptions} onChange={set('reporter_id')} />
          <Select id="f-source" label="Source peer" value={filters.source_id} options={peerOptions} onChange={set('source_id')} />
          <Select id="f-destination" label="Destination peer" value={filters.destination_id} options={peerOptions} onChange={set('destination_id')} />
          <Select id="f-user" label="User" value={filters.user_id} options={users.map((u) => [u.id, u.label])} onChange={set('user_id')} />
        </div>
        <div className="row">
          <Select id="f-protocol" label="Protocol" value={filters.protocol} options={PROTOCOLS} onChange={set('protocol')} />
          <Select id="f-direction" label="Direction" value={filters.direction} options={DIRECTIONS} onChange={set('direction')} />
          <Select id="f-connection" label="Connection" value={filters.connection_type} options={CONNECTIONS} onChange={set('connection_type')} />
          <Select id="f-type" label="Event type" value={filters.type} options={TYPES} onChange={set('type')} />
        </div>
        <div className="row">
          <div className="field">
            <label htmlFor="f-search">Search (user email, peer or resource name, address)</label>
            <input id="f-search" type="search" value={search} maxLength={200} onChange={(e) => setSearch(e.target.value)} placeholder="e.g. wiki.internal" />
          </div>
          <div className="field fit">
            <button type="submit" className="primary">
              Search
            </button>
          </div>
          <div className="field fit">
            <button
              type="button"
              onClick={() => {
                setSearch('');
                onChange({});
              }}
            >
              Clear filters
            </button>
          </div>
        </div>
      </form>
    </FilterDisclosure>
  );
}
