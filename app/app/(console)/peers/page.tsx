import { Suspense } from 'react';
import { PeersManager } from '@/components/peers/PeersManager';
import { allows } from '@/lib/domain/users/roles';
import { requireConsoleActor } from '@/lib/server/console-session';

export default async function PeersPage() {
  const actor = await requireConsoleActor();
  const canSeeAll = allows(actor.role, 'audit');
  return (
    <>
      <h1>Peers</h1>
      <p className="lead">
        {canSeeAll ? 'Every device in the mesh.' : 'The devices you added.'} Sort by a column heading, filter above the table, and select rows to act on several peers at once.
      </p>
      <Suspense fallback={<p className="empty">Loading…</p>}>
        <PeersManager canSeeAll={canSeeAll} canEdit={allows(actor.role, 'admin')} />
      </Suspense>
    </>
  );
}
