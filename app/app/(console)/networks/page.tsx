import { NetworksManager } from '@/components/networks/NetworksManager';
import { allows } from '@/lib/domain/users/roles';
import { requireConsoleActor } from '@/lib/server/console-session';

export default async function NetworksPage() {
  const actor = await requireConsoleActor();
  if (!allows(actor.role, 'audit')) {
    return (
      <>
        <h1>Networks</h1>
        <div className="panel">Only owners, admins and auditors can see networks.</div>
      </>
    );
  }
  return (
    <>
      <h1>Networks</h1>
      <p className="lead">Networks group the resources (hosts, subnets, domains) that routing peers make reachable. Open a network to manage its resources and routers.</p>
      <NetworksManager canEdit={allows(actor.role, 'admin')} />
    </>
  );
}
