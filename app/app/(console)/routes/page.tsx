import { ConsolePage } from '@/components/ConsolePage';
import { RoutesManager } from '@/components/routes/RoutesManager';

export default function RoutesPage() {
  return (
    <ConsolePage section="routes" need="audit">
      {({ canEdit }) => <RoutesManager canEdit={canEdit} />}
    </ConsolePage>
  );
}
