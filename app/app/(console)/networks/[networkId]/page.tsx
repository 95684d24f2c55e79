import { NetworkDetail } from '@/components/networks/NetworkDetail';
import { allows } from '@/lib/domain/users/roles';
import { requireConsoleActor } from '@/lib/server/console-session';

export default async function NetworkPage({ params }: { params: Promise<{ networkId: string }> }) {
  const [actor, { networkId }] = await Promise.all([requireConsoleActor(), params]);
  if (!allows(actor.role, 'audit')) {
    return (
      <>
        <h1>Network</h1>
        <div className="panel">Only owners, admins and auditors can see networks.</div>
      </>
    );
  }
  return <NetworkDetail networkId={networkId} canEdit={allows(actor.role, 'admin')} />;
}
