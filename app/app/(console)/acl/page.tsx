import { AclPage } from '@/components/acl/AclPage';
import { allows } from '@/lib/domain/users/roles';
import { requireConsoleActor } from '@/lib/server/console-session';

export default async function AccessControlPage() {
  const actor = await requireConsoleActor();
  if (!allows(actor.role, 'audit')) {
    return (
      <>
        <h1>Access Control</h1>
        <div className="panel">Only owners, admins and auditors can see the access policy.</div>
      </>
    );
  }
  const canEdit = allows(actor.role, 'admin');
  return (
    <>
      <h1>Access Control</h1>
      <p className="lead">
        The tailnet policy document (HuJSON, Tailscale&rsquo;s policy file). It is checked as you type against your real users and peers; together with the NetBird policies it decides who reaches whom.
        {canEdit ? '' : ' You can read it; only owners and admins can change it.'}
      </p>
      <AclPage canEdit={canEdit} />
    </>
  );
}
