import { ServicesOverview } from '@/components/ziti/ServicesOverview';
import { ZitiPage } from '@/components/ziti/ZitiPage';

export default function ZitiServicesPage() {
  return (
    <ZitiPage
      view="services"
      title="Ziti services"
      lead="Every network resource is a Ziti service. Who may Dial or Bind it is decided by the same policy engine the Edge Client API uses: NetBird policies and the ACL document for Dial, the network's routers for Bind."
    >
      {() => <ServicesOverview />}
    </ZitiPage>
  );
}
