import { GroupsManager } from '@/components/groups/GroupsManager';
import { allows } from '@/lib/domain/users/roles';
import { requireConsoleActor } from '@/lib/server/console-session';

export default async function GroupsPage() {
  const actor = await requireConsoleActor();
  if (!allows(actor.role, 'audit')) {
    return (
      <>
        <h1>Groups</h1>
        <div className="panel">Only owners, admins and auditors can see groups.</div>
      </>
    );
  }
  return (
    <>
      <h1>Groups</h1>
      <p className="lead">Groups of peers that policies, routes, setup keys and DNS refer to. A group in use cannot be deleted.</p>
      <GroupsManager canEdit={allows(actor.role, 'admin')} />
    </>
  );
}
