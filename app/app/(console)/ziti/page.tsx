import { IdentitiesManager } from '@/components/ziti/IdentitiesManager';
import { ZitiPage } from '@/components/ziti/ZitiPage';

export default function ZitiIdentitiesPage() {
  return (
    <ZitiPage
      view="identities"
      title="Ziti identities"
      lead={
        <>
          OpenZiti endpoints of this account. Each gets a one-time enrollment token (a JWT, also as a QR code) that a Ziti tunneler or SDK redeems at
          <code> /edge/client/v1/enroll</code>; meshdeck keeps only its hash. Role attributes name meshdeck groups.
        </>
      }
    >
      {(canEdit) => <IdentitiesManager canEdit={canEdit} />}
    </ZitiPage>
  );
}
