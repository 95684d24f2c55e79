import { ConsolePage } from '@/components/ConsolePage';
import { DnsConsole } from '@/components/dns/DnsConsole';

export default function DnsPage() {
  return (
    <ConsolePage section="dns" need="audit">
      {({ canEdit }) => <DnsConsole canEdit={canEdit} />}
    </ConsolePage>
  );
}
