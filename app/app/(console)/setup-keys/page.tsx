import { ConsolePage } from '@/components/ConsolePage';
import { SetupKeysManager } from '@/components/setup-keys/SetupKeysManager';

export default function SetupKeysPage() {
  return (
    <ConsolePage section="setup-keys" need="audit">
      {({ canEdit }) => <SetupKeysManager canEdit={canEdit} />}
    </ConsolePage>
  );
}
