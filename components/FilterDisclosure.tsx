'use client';
// A page's filters on a phone: one "Filters" button (saying how many are set) in place of a screen
// of fields before the first row. On wider screens the button is hidden and the filters always show
// (app/globals.css, "Phones"): the fields stay in the DOM either way, so forms and their state hold.
import { useId, useState } from 'react';

export function FilterDisclosure({ active = 0, children }: { active?: number; children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div className={`filter-disclosure${open ? ' open' : ''}`}>
      <button type="button" className="filters-toggle" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        Filters{active > 0 ? ` (${active} set)` : ''}
      </button>
      <div id={id} className="filter-body">
        {children}
      </div>
    </div>
  );
}
