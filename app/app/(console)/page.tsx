import { headers } from 'next/headers';
import Link from 'next/link';
import { ConsolePage } from '@/components/ConsolePage';
import { getDb } from '@/lib/db/client';
import type { Actor } from '@/lib/domain/actor';
import { accountCounts } from '@/lib/domain/users/users';

export default function DashboardPage() {
  return (
    <ConsolePage section="" need="read">
      {({ actor }) => <Dashboard actor={actor} />}
    </ConsolePage>
  );
}

async function Dashboard({ actor }: { actor: Actor }) {
  const counts = await accountCounts(await getDb(), actor);
  const h = await headers();
  const origin = `${h.get('x-forwarded-proto') ?? 'http'}://${h.get('x-forwarded-host') ?? h.get('host')}`;
  const cards = [
    { label: 'Users', value: counts.users, href: '/app/users' },
    { label: 'API tokens', value: counts.tokens, href: '/app/tokens' },
    { label: 'Audit events', value: counts.auditEvents, href: '/app/audit' },
  ];
  return (
    <>
      <div className="cards">
        {cards.map((c) => (
          <Link key={c.label} href={c.href} className="card card-link" data-testid={`count-${c.label}`}>
            <div className="num">{c.value}</div>
            <div className="label">{c.label}</div>
          </Link>
        ))}
      </div>
      <h2>Point your tools here</h2>
      <div className="panel">
        <p className="mt-0">
          Create an <Link href="/app/tokens">API token</Link>, then use it with any of the APIs meshdeck speaks, for example:
        </p>
        <pre className="mono wrap-pre">curl -H &apos;Authorization: Token &lt;token&gt;&apos; {origin}/api/users/current</pre>
      </div>
    </>
  );
}
