import { Sidebar } from '@/components/Sidebar';
import { SignOutButton } from '@/components/SignOutButton';
import { ThemeToggle } from '@/components/ThemeToggle';
import { requireConsoleActor } from '@/lib/server/console-session';

export const dynamic = 'force-dynamic';

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireConsoleActor();
  return (
    <div className="shell">
      <Sidebar />
      <main className="main" id="content">
        <div className="topbar">
          <span className="who" data-testid="who">
            {actor.email} · {actor.role}
          </span>
          <ThemeToggle />
          <SignOutButton />
        </div>
        {children}
      </main>
    </div>
  );
}
