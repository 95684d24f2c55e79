import { Suspense } from 'react';
import { ConsolePage } from '@/components/ConsolePage';
import { PeersManager } from '@/components/peers/PeersManager';
import { allows } from '@/lib/domain/users/roles';

export default function PeersPage() {
  return (
    <ConsolePage section="peers" need="read" lead={({ actor, section }) => `${allows(actor.role, 'audit') ? 'Every device in the mesh.' : 'The devices you added.'} ${section.lead}`}>
      {({ actor, canEdit }) => (
        <Suspense fallback={<p className="empty">Loading…</p>}>
          <PeersManager canSeeAll={allows(actor.role, 'audit')} canEdit={canEdit} />
        </Suspense>
      )}
    </ConsolePage>
  );
}
