import { ConsolePage } from '@/components/ConsolePage';
import { ZeroTierConsole } from '@/components/zerotier/ZeroTierConsole';

export default function ZeroTierPage() {
  return (
    <ConsolePage section="zerotier" need="audit">
      {({ canEdit }) => <ZeroTierConsole canEdit={canEdit} />}
    </ConsolePage>
  );
}
