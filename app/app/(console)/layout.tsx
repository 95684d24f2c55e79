import { AccountSwitcher } from '@/components/AccountSwitcher';
import { CommandPalette } from '@/components/palette/CommandPalette';
import { Sidebar } from '@/components/Sidebar';
import { SignOutButton } from '@/components/SignOutButton';
import { ThemeToggle } from '@/components/ThemeToggle';
import { getDb } from '@/lib/db/client';
import { isOperator, membershipsOf, usableMembership } from '@/lib/domain/users/people';
import { allows } from '@/lib/domain/users/roles';
import { requireConsoleActor } from '@/lib/server/console-session';

export const dynamic = 'force-dynamic';

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireConsoleActor();
  const db = await getDb();
  // The accounts this person may switch to (the current one always among them), and whether they
  // run the installation (the Accounts section is theirs).
  const [memberships, operator] = await Promise.all([membershipsOf(db, actor.email), isOperator(db, actor.email)]);
  const accounts = memberships.filter((m) => usableMembership(m) || m.accountId === actor.accountId).map((m) => ({ id: m.accountId, name: m.accountName, role: m.role }));
  return (
    <div className="shell">
      <Sidebar operator={operator} />
      <main className="main" id="content">
        <div className="topbar">
          <AccountSwitcher accounts={accounts} current={actor.accountId} />
          <span className="who" data-testid="who">
            {actor.email} · {actor.role}
          </span>
          <CommandPalette canEdit={allows(actor.role, 'admin')} operator={operator} />
          <ThemeToggle />
          <SignOutButton />
        </div>
        {children}
      </main>
    </div>
  );
}
