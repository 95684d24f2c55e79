import { AccountsManager } from '@/components/accounts/AccountsManager';
import { ConsolePage } from '@/components/ConsolePage';
import { getDb } from '@/lib/db/client';
import { isOperator } from '@/lib/domain/users/people';

// For installation operators (a flag on the person, not a role in an account); the navigation
// shows the page to them only, and the API answers 404 to anyone else.
export default function AccountsPage() {
  return (
    <ConsolePage section="accounts" need="read">
      {async ({ actor }) =>
        (await isOperator(await getDb(), actor.email)) ? (
          <AccountsManager me={actor.email} />
        ) : (
          <div className="panel" data-testid="not-operator">
            This page is for installation operators, the people who run this meshdeck installation. Ask one of them if you need another account.
          </div>
        )
      }
    </ConsolePage>
  );
}
