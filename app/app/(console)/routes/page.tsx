import { RoutesManager } from '@/components/routes/RoutesManager';
import { allows } from '@/lib/domain/users/roles';
import { requireConsoleActor } from '@/lib/server/console-session';

export default async function RoutesPage() {
  const actor = await requireConsoleActor();
  if (!allows(actor.role, 'audit')) {
    return (
      <>
        <h1>Routes</h1>
        <div className="panel">Only owners, admins and auditors can see routes.</div>
      </>
    );
  }
  return (
    <>
      <h1>Routes</h1>
      <p className="lead">Network routes: a range or a set of domains that routing peers make reachable to the peers of the distribution groups.</p>
      <RoutesManager canEdit={allows(actor.role, 'admin')} />
    </>
  );
}
