import { ConsolePage } from '@/components/ConsolePage';
import { UsersManager } from '@/components/users/UsersManager';

export default function UsersPage() {
  return (
    <ConsolePage section="users" need="read">
      {({ canEdit }) => <UsersManager canEdit={canEdit} />}
    </ConsolePage>
  );
}
