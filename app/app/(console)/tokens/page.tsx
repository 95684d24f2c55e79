import { ConsolePage } from '@/components/ConsolePage';
import { TokensManager } from '@/components/TokensManager';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** `?expiring=7d`: only tokens expiring within that many days (the dashboard's card). */
export default async function TokensPage({ searchParams }: { searchParams: SearchParams }) {
  const days = /^(\d{1,3})d$/.exec(String((await searchParams).expiring ?? ''))?.[1];
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
      {() => <TokensManager expiringDays={days ? Number(days) : undefined} />}
    </ConsolePage>
  );
}
