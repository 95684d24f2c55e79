'use client';
import { useEffect, useState } from 'react';
import type { ColumnVisibilityState } from '@tanstack/react-table';
import { HIDEABLE } from './PeerTable';

const STORAGE = 'meshdeck-peer-columns';

/** Which columns show; remembered in this browser. */
export function useColumnVisibility() {
  const [visibility, setVisibility] = useState<ColumnVisibilityState>({});
  useEffect(() => {
    try {
      setVisibility(JSON.parse(localStorage.getItem(STORAGE) ?? '{}'));
    } catch {
      setVisibility({});
    }
  }, []);
  const update = (v: ColumnVisibilityState) => {
    setVisibility(v);
    localStorage.setItem(STORAGE, JSON.stringify(v));
  };
  return [visibility, update] as const;
}

export function ColumnsMenu({ visibility, onChange }: { visibility: ColumnVisibilityState; onChange: (v: ColumnVisibilityState) => void }) {
  return (
    <details className="columns-menu">
      <summary>Columns</summary>
      <fieldset>
        <legend>Show columns</legend>
        {HIDEABLE.map((c) => (
          <label key={c.id} className="check-label">
            <input type="checkbox" className="check" aria-label={`Show the ${c.label} column`} checked={visibility[c.id] !== false} onChange={(e) => onChange({ ...visibility, [c.id]: e.target.checked })} />
            {c.label}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
