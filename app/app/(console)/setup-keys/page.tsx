import { SetupKeysManager } from '@/components/setup-keys/SetupKeysManager';
import { allows } from '@/lib/domain/users/roles';
import { requireConsoleActor } from '@/lib/server/console-session';

export default async function SetupKeysPage() {
  const actor = await requireConsoleActor();
  if (!allows(actor.role, 'audit')) {
    return (
      <>
        <h1>Setup keys</h1>
        <div className="panel">Only owners, admins and auditors can see setup keys.</div>
      </>
    );
  }
  return (
    <>
      <h1>Setup keys</h1>
      <p className="lead">Keys let new peers join the network. A key is shown once, when it is created; meshdeck keeps only its hash.</p>
      <SetupKeysManager canEdit={allows(actor.role, 'admin')} />
    </>
  );
}
