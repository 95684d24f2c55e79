import { ConsolePage } from '@/components/ConsolePage';
import { NetworkDetail } from '@/components/networks/NetworkDetail';

export default async function NetworkPage({ params }: { params: Promise<{ networkId: string }> }) {
  const { networkId } = await params;
  return (
    <ConsolePage section="networks" need="audit" heading="Network" detail>
      {({ canEdit }) => <NetworkDetail networkId={networkId} canEdit={canEdit} />}
    </ConsolePage>
  );
}
