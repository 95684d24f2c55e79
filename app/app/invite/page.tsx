import { InviteForm } from '@/components/accounts/InviteForm';

// An account owner's invitation (/app/invite#<secret>, made by an operator): no session needed.
// The secret stays in the fragment, which browsers never send, and reaches the server in a body.
export default function InvitePage() {
  return (
    <div className="login-wrap">
      <InviteForm />
    </div>
  );
}
