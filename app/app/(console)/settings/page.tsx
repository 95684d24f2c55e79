import { ConsolePage } from '@/components/ConsolePage';
import { AccountSettingsManager } from '@/components/settings/AccountSettingsManager';

export default function SettingsPage() {
  return (
    <ConsolePage section="settings" need="audit">
      {({ canEdit }) => <AccountSettingsManager canEdit={canEdit} />}
    </ConsolePage>
  );
}
