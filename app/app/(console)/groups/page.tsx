import { ConsolePage } from '@/components/ConsolePage';
import { GroupsManager } from '@/components/groups/GroupsManager';

export default function GroupsPage() {
  return (
    <ConsolePage section="groups" need="audit">
      {({ canEdit }) => <GroupsManager canEdit={canEdit} />}
    </ConsolePage>
  );
}
