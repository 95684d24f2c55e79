import { IdentitiesManager } from '@/components/ziti/IdentitiesManager';
import { allows } from '@/lib/domain/roles';
import { requireConsoleActor } from '@/lib/server/console-session';

export default async function ZitiPage() {
  const actor = await requireConsoleActor();
  if (!allows(actor.role, 'audit')) {
    return (
      <>
        <h1>Ziti identities</h1>
        <div className="panel">Only owners, admins and auditors can see Ziti identities.</div>
      </>
    );
  }
  return (
    <>
      <h1>Ziti identities</h1>
      <p className="lead">
        OpenZiti endpoints of this account. Each gets a one-time enrollment token (a JWT, also as a QR code) that a Ziti tunneler or SDK redeems at
        <code> /edge/client/v1/enroll</code>; meshdeck keeps only its hash. Role attributes name meshdeck groups.
      </p>
      <IdentitiesManager canEdit={allows(actor.role, 'admin')} />
    </>
  );
}
