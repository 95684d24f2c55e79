import { allows } from '@/lib/domain/users/roles';
import { requireConsoleActor } from '@/lib/server/console-session';
import { ZitiNav, type ZitiView } from './ZitiNav';

/**
 * The frame of every Ziti view: heading, the views' navigation, and the role check (owners, admins
 * and auditors see Ziti; only owners and admins change it). `children` gets whether they may edit.
 */
export async function ZitiPage({ view, title, lead, children }: { view: ZitiView; title: string; lead: React.ReactNode; children: (canEdit: boolean) => React.ReactNode }) {
  const actor = await requireConsoleActor();
  if (!allows(actor.role, 'audit')) {
    return (
      <>
        <h1>{title}</h1>
        <div className="panel">Only owners, admins and auditors can see Ziti {view}.</div>
      </>
    );
  }
  return (
    <>
      <h1>{title}</h1>
      <ZitiNav current={view} />
      <p className="lead">{lead}</p>
      {children(allows(actor.role, 'admin'))}
    </>
  );
}
