import { PoliciesManager } from '@/components/policies/PoliciesManager';
import { allows } from '@/lib/domain/users/roles';
import { requireConsoleActor } from '@/lib/server/console-session';

export default async function PoliciesPage() {
  const actor = await requireConsoleActor();
  if (!allows(actor.role, 'audit')) {
    return (
      <>
        <h1>Policies</h1>
        <div className="panel">Only owners, admins and auditors can see policies.</div>
      </>
    );
  }
  return (
    <>
      <h1>Policies</h1>
      <p className="lead">NetBird access policies: which groups of peers may connect to which, over which protocol and ports. Nothing is allowed unless a policy says so.</p>
      <PoliciesManager canEdit={allows(actor.role, 'admin')} />
    </>
  );
}
