import { AclPage } from '@/components/acl/AclPage';
import { ConsolePage } from '@/components/ConsolePage';

export default function AccessControlPage() {
  return (
    <ConsolePage section="acl" need="audit" lead={({ canEdit, section }) => `${section.lead}${canEdit ? '' : ' You can read it; only owners and admins can change it.'}`}>
      {({ canEdit }) => <AclPage canEdit={canEdit} />}
    </ConsolePage>
  );
}
