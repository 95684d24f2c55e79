import { ConsolePage } from '@/components/ConsolePage';
import { PostureChecksManager } from '@/components/posture-checks/PostureChecksManager';

export default function PostureChecksPage() {
  return (
    <ConsolePage section="posture-checks" need="audit">
      {({ canEdit }) => <PostureChecksManager canEdit={canEdit} />}
    </ConsolePage>
  );
}
