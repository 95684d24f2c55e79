import { PostureChecksManager } from '@/components/posture-checks/PostureChecksManager';
import { allows } from '@/lib/domain/users/roles';
import { requireConsoleActor } from '@/lib/server/console-session';

export default async function PostureChecksPage() {
  const actor = await requireConsoleActor();
  if (!allows(actor.role, 'audit')) {
    return (
      <>
        <h1>Posture checks</h1>
        <div className="panel">Only owners, admins and auditors can see posture checks.</div>
      </>
    );
  }
  return (
    <>
      <h1>Posture checks</h1>
      <p className="lead">Conditions a peer must meet before a policy that requires the check lets it connect. A check that a policy uses cannot be deleted.</p>
      <PostureChecksManager canEdit={allows(actor.role, 'admin')} />
    </>
  );
}
