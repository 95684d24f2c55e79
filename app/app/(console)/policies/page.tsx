import { ConsolePage } from '@/components/ConsolePage';
import { PoliciesManager } from '@/components/policies/PoliciesManager';

export default function PoliciesPage() {
  return (
    <ConsolePage section="policies" need="audit">
      {({ canEdit }) => <PoliciesManager canEdit={canEdit} />}
    </ConsolePage>
  );
}
