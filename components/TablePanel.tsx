'use client';
import { useLayoutEffect, useRef } from 'react';

/**
 * Every table of the console: a panel holding the table, or "Loading…" while `rows` is null, or
 * `empty` (what to do next) when there are none (with no `empty`, the table shows with no rows).
 *
 * `headers` ending in "?" are hidden on narrow screens; a header can also be an object with its own
 * label (any content) and `th` attributes (`className`, `title`, `aria-sort`).
 *
 * `wrap` says what holds the table: `panel` (default) a panel of its own, which also holds the
 * loading and empty states, `before` and `after`; `scroll` a sideways scroller inside a panel that
 * is already there; `none` nothing; or the attributes of a `div` of its own (a virtualized list's
 * scroller). Except in a panel, the loading and empty states stand alone and `before`/`after` go
 * with the table.
 *
 * On a phone (app/globals.css, "Phones") each row shows as a card, one line per cell, each cell
 * labelled with its column's heading: the cells get `data-label` from the headings after every
 * render (rows come as children, so this is the one place that sees both). `cards={false}` keeps a
 * real grid (a matrix that only makes sense as one).
 */
export type Header = string | ({ key: string; label: React.ReactNode } & React.ThHTMLAttributes<HTMLTableCellElement>);

export function TablePanel({
  rows,
  empty,
  headers,
  label,
  loading = 'Loading…',
  wrap = 'panel',
  before,
  after,
  caption,
  table,
  busy,
  cards = true,
  children,
}: {
  rows: readonly unknown[] | null;
  empty?: React.ReactNode;
  headers: Header[];
  label?: string;
  /** Shown while `rows` is null. */
  loading?: React.ReactNode;
  wrap?: 'panel' | 'scroll' | 'none' | React.ComponentPropsWithRef<'div'>;
  before?: React.ReactNode;
  after?: React.ReactNode;
  /** For screen readers: what the table's rows and columns are. */
  caption?: string;
  /** More attributes of the `table` (a class, a test id, ARIA counts). */
  table?: React.TableHTMLAttributes<HTMLTableElement> & { 'data-testid'?: string };
  /** The panel is being refreshed (`aria-busy`). */
  busy?: boolean;
  /** Rows as cards on narrow screens (default). */
  cards?: boolean;
  children: React.ReactNode;
}) {
  const ref = useRef<HTMLTableElement>(null);
  // No dependencies: the rows (children) may change on any render of the parent.
  useLayoutEffect(() => {
    if (cards) labelCells(ref.current);
  });
  const state = rows === null ? loading : rows.length === 0 && empty !== undefined ? empty : null;
  const tableEl = (
    <table aria-label={label} {...table} ref={ref} className={[table?.className, cards ? 'as-cards' : ''].filter(Boolean).join(' ') || undefined}>
      {caption && <caption className="sr-only">{caption}</caption>}
      <thead>
        <tr>
          {headers.map((h) => {
            if (typeof h !== 'string') {
              const { key, label: text, ...th } = h;
              return (
                <th key={key} scope="col" {...th}>
                  {text}
                </th>
              );
            }
            return (
              <th key={h} scope="col" className={h.endsWith('?') ? 'hide-narrow' : undefined}>
                {h.replace(/\?$/, '')}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
  const stateEl = <p className="empty">{state}</p>;
  if (wrap === 'panel') {
    return (
      <div className="panel table-wrap" aria-busy={busy}>
        {before}
        {state === null ? tableEl : stateEl}
        {after}
      </div>
    );
  }
  if (state !== null) return stateEl;
  const content = (
    <>
      {before}
      {tableEl}
      {after}
    </>
  );
  if (wrap === 'none') return content;
  return (
    <div {...(wrap === 'scroll' ? { className: 'table-wrap' } : wrap)} aria-busy={busy}>
      {content}
    </div>
  );
}

/** Each body cell's column heading as `data-label` (what the card shows before the value). */
function labelCells(table: HTMLTableElement | null) {
  if (!table) return;
  // Sort arrows are decoration of the heading, not part of its name.
  const labels = Array.from(table.tHead?.rows[0]?.cells ?? [], (th) => (th.textContent ?? '').replace(/[▲▼]/g, '').trim());
  for (const tr of Array.from(table.tBodies[0]?.rows ?? [])) {
    let column = 0;
    for (const td of Array.from(tr.cells)) {
      const text = td.colSpan > 1 ? '' : (labels[column] ?? '');
      if (text && td.dataset.label !== text) td.dataset.label = text;
      else if (!text && td.dataset.label !== undefined) delete td.dataset.label;
      column += td.colSpan;
    }
  }
}
