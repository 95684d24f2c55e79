import { AccountSettingsManager } from '@/components/settings/AccountSettingsManager';
import { allows } from '@/lib/domain/users/roles';
import { requireConsoleActor } from '@/lib/server/console-session';

export default async function SettingsPage() {
  const actor = await requireConsoleActor();
  if (!allows(actor.role, 'audit')) {
    return (
      <>
        <h1>Settings</h1>
        <div className="panel">Only owners, admins and auditors can see the account settings.</div>
      </>
    );
  }
  return (
    <>
      <h1>Settings</h1>
      <p className="lead">How peers join and expire, who must be approved, and the account&apos;s network range and DNS domain.</p>
      <AccountSettingsManager canEdit={allows(actor.role, 'admin')} />
    </>
  );
}
