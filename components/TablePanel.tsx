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
  children: React.ReactNode;
}) {
  const state = rows === null ? loading : rows.length === 0 && empty !== undefined ? empty : null;
  const tableEl = (
    <table aria-label={label} {...table}>
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
