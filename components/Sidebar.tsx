'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useState } from 'react';
import { SECTIONS } from './sections';

/** `operator`: the signed-in person runs the installation (they see the operators' sections too). */
export function Sidebar({ operator = false }: { operator?: boolean }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  return (
    <nav className={`sidebar${open ? ' open' : ''}`} aria-label="Main">
      <div className="sidebar-head">
        <Link href="/app" className="brand">
          <span className="brand-mark" aria-hidden="true" /> meshdeck
        </Link>
        <button type="button" className="menu-toggle" aria-expanded={open} aria-controls="main-nav" onClick={() => setOpen(!open)}>
          Menu
        </button>
      </div>
      <ul className="nav" id="main-nav">
        {SECTIONS.filter((s) => operator || !('operators' in s && s.operators)).map((s) => {
          const href = s.slug ? `/app/${s.slug}` : '/app';
          const current = pathname === href || (s.slug !== '' && pathname.startsWith(href + '/'));
          return (
            <li key={s.slug}>
              <Link href={href} aria-current={current ? 'page' : undefined} onClick={() => setOpen(false)}>
                <span>{s.title}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
