import { ZeroTierConsole } from '@/components/zerotier/ZeroTierConsole';
import { allows } from '@/lib/domain/users/roles';
import { requireConsoleActor } from '@/lib/server/console-session';

export default async function ZeroTierPage() {
  const actor = await requireConsoleActor();
  if (!allows(actor.role, 'audit')) {
    return (
      <>
        <h1>ZeroTier</h1>
        <div className="panel">Only owners, admins and auditors can see ZeroTier networks.</div>
      </>
    );
  }
  return (
    <>
      <h1>ZeroTier</h1>
      <p className="lead">Networks of meshdeck&apos;s ZeroTier controller and their members. A member is a peer of this account.</p>
      <ZeroTierConsole canEdit={allows(actor.role, 'admin')} />
    </>
  );
}
