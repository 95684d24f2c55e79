import { TrafficExplorer } from '@/components/traffic/TrafficExplorer';
import { allows } from '@/lib/domain/users/roles';
import { requireConsoleActor } from '@/lib/server/console-session';

export default async function TrafficPage() {
  const actor = await requireConsoleActor();
  if (!allows(actor.role, 'audit')) {
    return (
      <>
        <h1>Traffic</h1>
        <div className="panel">Only owners, admins and auditors can see traffic events.</div>
      </>
    );
  }
  return (
    <>
      <h1>Traffic</h1>
      <p className="lead">Flows reported by peers: bytes over time, protocols and top talkers, then the events themselves. Times are in UTC.</p>
      <TrafficExplorer />
    </>
  );
}
