import { ConsolePage } from '@/components/ConsolePage';
import { ServicesOverview } from '@/components/ziti/ServicesOverview';
import { ZitiNav } from '@/components/ziti/ZitiNav';

export default function ZitiServicesPage() {
  return (
    <ConsolePage
      section="ziti"
      need="audit"
      heading="Ziti services"
      nav={<ZitiNav current="services" />}
      lead="Every network resource is a Ziti service. Who may Dial or Bind it is decided by the same policy engine the Edge Client API uses: NetBird policies and the ACL document for Dial, the network's routers for Bind."
    >
      {() => <ServicesOverview />}
    </ConsolePage>
  );
}
