import { SessionsManager } from '@/components/ziti/SessionsManager';
import { ZitiPage } from '@/components/ziti/ZitiPage';

export default function ZitiSessionsPage() {
  return (
    <ZitiPage
      view="sessions"
      title="Ziti sessions"
      lead="API sessions are identities signed in to the Edge Client API; service sessions are their rights to Dial or Bind one service. Revoking an API session signs the identity out and ends its service sessions."
    >
      {(canEdit) => <SessionsManager canEdit={canEdit} />}
    </ZitiPage>
  );
}
