import { ConsolePage } from '@/components/ConsolePage';
import { SessionsManager } from '@/components/ziti/SessionsManager';
import { ZitiNav } from '@/components/ziti/ZitiNav';

export default function ZitiSessionsPage() {
  return (
    <ConsolePage
      section="ziti"
      need="audit"
      heading="Ziti sessions"
      nav={<ZitiNav current="sessions" />}
      lead="API sessions are identities signed in to the Edge Client API; service sessions are their rights to Dial or Bind one service. Revoking an API session signs the identity out and ends its service sessions."
    >
      {({ canEdit }) => <SessionsManager canEdit={canEdit} />}
    </ConsolePage>
  );
}
