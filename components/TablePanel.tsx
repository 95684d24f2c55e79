/**
 * A panel holding a table, or "Loading…" while `rows` is null, or `empty` (what to do next) when
 * there are none. `headers` ending in "?" are hidden on narrow screens.
 */
export function TablePanel({ rows, empty, headers, label, children }: { rows: unknown[] | null; empty: React.ReactNode; headers: string[]; label?: string; children: React.ReactNode }) {
  return (
    <div className="panel table-wrap">
      {rows === null ? (
        <p className="empty">Loading…</p>
      ) : rows.length === 0 ? (
        <p className="empty">{empty}</p>
      ) : (
        <table aria-label={label}>
          <thead>
            <tr>
              {headers.map((h) => (
                <th key={h} scope="col" className={h.endsWith('?') ? 'hide-narrow' : undefined}>
                  {h.replace(/\?$/, '')}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      )}
    </div>
  );
}
