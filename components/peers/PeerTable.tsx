'use client';
import Link from 'next/link';
import { useEffect, useRef } from 'react';
import { columnVisibilityFeature, rowSelectionFeature, rowSortingFeature, tableFeatures, useTable, type ColumnDef, type ColumnVisibilityState, type RowSelectionState, type SortingState, type Updater } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { TablePanel } from '../TablePanel';
import { useNarrow } from '../useNarrow';
import { when, type ConsolePeer } from './types';

const features = tableFeatures({ rowSortingFeature, rowSelectionFeature, columnVisibilityFeature });
type Column = ColumnDef<typeof features, ConsolePeer>;

// The height of a row (`.peer-table .peer-row` in app/globals.css), for the virtualizer. On a phone
// a row is a card (one line per column) whose height depends on the columns shown and on wrapping:
// the virtualizer starts from an estimate and measures each card as it is drawn.
const ROW_HEIGHT = 45;
const CARD_LINE = 24;
const CARD_PADDING = 30;
const apply = <T,>(u: Updater<T>, old: T): T => (typeof u === 'function' ? (u as (o: T) => T)(old) : u);

function SelectBox({ checked, indeterminate, label, onChange }: { checked: boolean; indeterminate?: boolean; label: string; onChange: (v: boolean) => void }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = !!indeterminate;
  }, [indeterminate]);
  return <input ref={ref} type="checkbox" className="check" aria-label={label} checked={checked} onChange={(e) => onChange(e.target.checked)} />;
}

/** Column ids are the API's sort fields; a column sorts only with an accessor, so `groups` and `user` have none. */
export const COLUMNS: Column[] = [
  {
    id: 'select',
    enableSorting: false,
    enableHiding: false,
    header: ({ table }) => (
      <SelectBox label="Select all peers on this page" checked={table.getIsAllPageRowsSelected()} indeterminate={table.getIsSomePageRowsSelected()} onChange={(v) => table.toggleAllPageRowsSelected(v)} />
    ),
    cell: ({ row }) => <SelectBox label={`Select ${row.original.name}`} checked={row.getIsSelected()} onChange={(v) => row.toggleSelected(v)} />,
  },
  {
    id: 'name',
    accessorFn: (p) => p.name,
    header: 'Name',
    enableHiding: false,
    cell: ({ row }) => (
      <>
        <Link href={`/app/peers/${row.original.id}`}>{row.original.name}</Link>
        {row.original.hostname && row.original.hostname !== row.original.name && <div className="sub">{row.original.hostname}</div>}
      </>
    ),
  },
  { id: 'ip', accessorFn: (p) => p.ip, header: 'IP', cell: ({ row }) => <span className="mono">{row.original.ip}</span> },
  { id: 'dns_label', accessorFn: (p) => p.dns_label, header: 'DNS name', cell: ({ row }) => <span className="mono">{row.original.dns_label}</span> },
  { id: 'os', accessorFn: (p) => p.os, header: 'OS', cell: ({ row }) => row.original.os || '—' },
  { id: 'version', accessorFn: (p) => p.version, header: 'Version', cell: ({ row }) => row.original.version || '—' },
  { id: 'groups', header: 'Groups', enableSorting: false, cell: ({ row }) => row.original.groups.map((g) => g.name).join(', ') },
  { id: 'user', header: 'User', enableSorting: false, cell: ({ row }) => row.original.user_email || <span className="sub">setup key</span> },
  {
    id: 'connected',
    accessorFn: (p) => p.connected,
    header: 'Status',
    cell: ({ row }) => <span className={`badge ${row.original.connected ? 'ok' : ''}`}>{row.original.connected ? 'online' : 'offline'}</span>,
  },
  { id: 'last_seen', accessorFn: (p) => p.last_seen, header: 'Last seen', cell: ({ row }) => when(row.original.last_seen) },
  {
    id: 'login_expiration',
    accessorFn: (p) => p.login_expiration_enabled,
    header: 'Login expiration',
    cell: ({ row }) => (row.original.login_expired ? <span className="badge bad">expired</span> : row.original.login_expiration_enabled ? 'on' : 'off'),
  },
  {
    id: 'approval',
    accessorFn: (p) => p.approval_required,
    header: 'Approval',
    cell: ({ row }) => (row.original.approval_required ? <span className="badge warn">pending</span> : 'approved'),
  },
];

export const HIDEABLE = COLUMNS.filter((c) => c.enableHiding !== false).map((c) => ({ id: c.id!, label: String(c.header) }));

interface Props {
  peers: ConsolePeer[];
  sort: { field: string; desc: boolean };
  onSort: (field: string, desc: boolean) => void;
  selection: RowSelectionState;
  onSelection: (s: RowSelectionState) => void;
  visibility: ColumnVisibilityState;
  canSelect: boolean;
}

/** Rows come sorted and paged from the server; only the rows in view are in the DOM. */
export function PeerTable({ peers, sort, onSort, selection, onSelection, visibility, canSelect }: Props) {
  const sorting: SortingState = [{ id: sort.field, desc: sort.desc }];
  const table = useTable({
    features,
    columns: COLUMNS,
    data: peers,
    getRowId: (p) => p.id,
    manualSorting: true,
    enableSortingRemoval: false,
    enableRowSelection: canSelect,
    state: { sorting, rowSelection: selection, columnVisibility: { ...visibility, select: canSelect } },
    onSortingChange: (u) => {
      const next = apply(u, sorting)[0];
      if (next) onSort(next.id, next.desc);
    },
    onRowSelectionChange: (u) => onSelection(apply(u, selection)),
  });
  const scroller = useRef<HTMLDivElement>(null);
  const rows = table.getRowModel().rows;
  const narrow = useNarrow();
  const span = table.getVisibleLeafColumns().length;
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => (narrow ? CARD_PADDING + span * CARD_LINE : ROW_HEIGHT),
    overscan: narrow ? 4 : 12,
  });
  // Switching between rows and cards (a rotated phone, a resized window) invalidates every size.
  useEffect(() => virtual.measure(), [narrow, span, virtual]);
  const items = virtual.getVirtualItems();
  const top = items.length ? items[0].start : 0;
  const bottom = items.length ? virtual.getTotalSize() - items[items.length - 1].end : 0;

  return (
    <TablePanel
      rows={rows}
      wrap={{ ref: scroller, className: 'table-scroll', tabIndex: 0, role: 'region', 'aria-label': 'Peers' }}
      table={{ className: 'peer-table', 'aria-rowcount': rows.length + 1 }}
      headers={table.getHeaderGroups().flatMap((hg) => hg.headers).map((h) => {
        const sorted = h.column.getIsSorted();
        return {
          key: h.id,
          'aria-sort': sorted ? (sorted === 'asc' ? 'ascending' : 'descending') : undefined,
          label: h.column.getCanSort() ? (
            <button type="button" className="sort" onClick={h.column.getToggleSortingHandler()}>
              <table.FlexRender header={h} />
              <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
            </button>
          ) : (
            <table.FlexRender header={h} />
          ),
        };
      })}
    >
      {top > 0 && (
        <tr aria-hidden="true" style={{ height: top }}>
          <td colSpan={span} />
        </tr>
      )}
      {items.map((v) => {
        const row = rows[v.index];
        return (
          <tr key={row.id} ref={virtual.measureElement} data-testid="peer-row" data-index={v.index} aria-rowindex={v.index + 2} className="peer-row">
            {row.getVisibleCells().map((c) => (
              <td key={c.id}>
                <table.FlexRender cell={c} />
              </td>
            ))}
          </tr>
        );
      })}
      {bottom > 0 && (
        <tr aria-hidden="true" style={{ height: bottom }}>
          <td colSpan={span} />
        </tr>
      )}
    </TablePanel>
  );
}
