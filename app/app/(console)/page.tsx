import { headers } from 'next/headers';
import Link from 'next/link';
import { getDb } from '@/lib/db/client';
import { accountCounts } from '@/lib/domain/users/users';
import { requireConsoleActor } from '@/lib/server/console-session';

export default async function Dashboard() {
  const actor = await requireConsoleActor();
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
      <h1>Dashboard</h1>
      <p className="lead">Your account at a glance.</p>
      <div className="cards">
        {cards.map((c) => (
          <Link key={c.label} href={c.href} className="card" style={{ textDecoration: 'none', color: 'inherit' }} data-testid={`count-${c.label}`}>
            <div className="num">{c.value}</div>
            <div className="label">{c.label}</div>
          </Link>
        ))}
      </div>
      <h2>Point your tools here</h2>
      <div className="panel">
        <p style={{ marginTop: 0 }}>
          Create an <Link href="/app/tokens">API token</Link>, then use it with any of the APIs meshdeck speaks, for example:
        </p>
        <pre className="mono" style={{ whiteSpace: 'pre-wrap', margin: 0 }}>curl -H &apos;Authorization: Token &lt;token&gt;&apos; {origin}/api/users/current</pre>
      </div>
    </>
  );
}
