import { ConsolePage } from '@/components/ConsolePage';
import { PeerDetail } from '@/components/peers/PeerDetail';
import { allows } from '@/lib/domain/users/roles';

export default async function PeerPage({ params }: { params: Promise<{ peerId: string }> }) {
  const { peerId } = await params;
  return (
    <ConsolePage section="peers" need="read" detail>
      {({ actor, canEdit }) => <PeerDetail peerId={peerId} canEdit={canEdit} canSeeTraffic={allows(actor.role, 'audit')} canSimulate={allows(actor.role, 'audit')} />}
    </ConsolePage>
  );
}
