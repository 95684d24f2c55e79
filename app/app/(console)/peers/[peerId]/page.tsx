import { PeerDetail } from '@/components/peers/PeerDetail';
import { allows } from '@/lib/domain/users/roles';
import { requireConsoleActor } from '@/lib/server/console-session';

export default async function PeerPage({ params }: { params: Promise<{ peerId: string }> }) {
  const [{ peerId }, actor] = await Promise.all([params, requireConsoleActor()]);
  return <PeerDetail peerId={peerId} canEdit={allows(actor.role, 'admin')} canSeeTraffic={allows(actor.role, 'audit')} />;
}
