import { headers } from 'next/headers';
import Link from 'next/link';
import { ConsolePage } from '@/components/ConsolePage';
import { DashboardView } from '@/components/dashboard/DashboardView';
import { getDb } from '@/lib/db/client';
import type { Actor } from '@/lib/domain/actor';
import { dashboard } from '@/lib/domain/dashboard/summary';

export default function DashboardPage() {
  return (
    <ConsolePage section="" need="read">
      {({ actor }) => <Dashboard actor={actor} />}
    </ConsolePage>
  );
}

// The first answer is rendered on the server (no empty cards while the page loads); the view then
// keeps itself current through GET /api/console/dashboard/live.
async function Dashboard({ actor }: { actor: Actor }) {
  const data = await dashboard(await getDb(), actor);
  const h = await headers();
  const origin = `${h.get('x-forwarded-proto') ?? 'http'}://${h.get('x-forwarded-host') ?? h.get('host')}`;
  return (
    <>
      <DashboardView initial={data} />
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
