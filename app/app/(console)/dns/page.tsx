import { DnsConsole } from '@/components/dns/DnsConsole';
import { allows } from '@/lib/domain/users/roles';
import { requireConsoleActor } from '@/lib/server/console-session';

export default async function DnsPage() {
  const actor = await requireConsoleActor();
  if (!allows(actor.role, 'audit')) {
    return (
      <>
        <h1>DNS</h1>
        <div className="panel">Only owners, admins and auditors can see the DNS settings.</div>
      </>
    );
  }
  return (
    <>
      <h1>DNS</h1>
      <p className="lead">Which nameservers your peers use, for which domains, and how they find each other by name.</p>
      <DnsConsole canEdit={allows(actor.role, 'admin')} />
    </>
  );
}
