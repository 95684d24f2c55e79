import { ConsolePage } from '@/components/ConsolePage';
import { TokensManager } from '@/components/TokensManager';

export default function TokensPage() {
  return (
    <ConsolePage
      section="tokens"
      need="read"
      lead={
        <>
          Personal access tokens work with every API meshdeck speaks: <code>Authorization: Token …</code> (NetBird),{' '}
          <code>Bearer …</code>, HTTP Basic with the token as user name (Tailscale), <code>X-ZT1-Auth</code> (ZeroTier).
        </>
      }
    >
      {() => <TokensManager />}
    </ConsolePage>
  );
}
