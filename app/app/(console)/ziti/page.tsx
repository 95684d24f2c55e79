import { ConsolePage } from '@/components/ConsolePage';
import { IdentitiesManager } from '@/components/ziti/IdentitiesManager';
import { ZitiNav } from '@/components/ziti/ZitiNav';

export default function ZitiIdentitiesPage() {
  return (
    <ConsolePage
      section="ziti"
      need="audit"
      heading="Ziti identities"
      nav={<ZitiNav current="identities" />}
      lead={
        <>
          OpenZiti endpoints of this account. Each gets a one-time enrollment token (a JWT, also as a QR code) that a Ziti tunneler or SDK redeems at
          <code> /edge/client/v1/enroll</code>; meshdeck keeps only its hash. Role attributes name meshdeck groups.
        </>
      }
    >
      {({ canEdit }) => <IdentitiesManager canEdit={canEdit} />}
    </ConsolePage>
  );
}
