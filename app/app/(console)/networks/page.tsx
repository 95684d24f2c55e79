import { ConsolePage } from '@/components/ConsolePage';
import { NetworksManager } from '@/components/networks/NetworksManager';

export default function NetworksPage() {
  return (
    <ConsolePage section="networks" need="audit">
      {({ canEdit }) => <NetworksManager canEdit={canEdit} />}
    </ConsolePage>
  );
}
