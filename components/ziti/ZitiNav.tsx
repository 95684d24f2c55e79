import Link from 'next/link';

export const ZITI_VIEWS = [
  { key: 'identities', label: 'Identities', href: '/app/ziti' },
  { key: 'services', label: 'Services', href: '/app/ziti/services' },
  { key: 'sessions', label: 'Sessions', href: '/app/ziti/sessions' },
] as const;

export type ZitiView = (typeof ZITI_VIEWS)[number]['key'];

/** The Ziti pages' own navigation: plain links (each view is its own URL), the current one marked. */
export function ZitiNav({ current }: { current: ZitiView }) {
  return (
    <nav className="tabs link-tabs" aria-label="Ziti views">
      {ZITI_VIEWS.map((v) => (
        <Link key={v.key} href={v.href} aria-current={v.key === current ? 'page' : undefined}>
          {v.label}
        </Link>
      ))}
    </nav>
  );
}
