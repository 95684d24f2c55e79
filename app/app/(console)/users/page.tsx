import { UsersManager } from '@/components/users/UsersManager';
import { allows } from '@/lib/domain/users/roles';
import { requireConsoleActor } from '@/lib/server/console-session';

export default async function UsersPage() {
  const actor = await requireConsoleActor();
  return (
    <>
      <h1>Users</h1>
      <p className="lead">People sign in to the console; service users exist only to hold API tokens. Blocking a user also cuts their peers off.</p>
      <UsersManager canEdit={allows(actor.role, 'admin')} />
    </>
  );
}
