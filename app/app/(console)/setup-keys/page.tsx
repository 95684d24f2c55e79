import { ConsolePage } from '@/components/ConsolePage';
import { SetupKeysManager } from '@/components/setup-keys/SetupKeysManager';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** `?expiring=7d`: only keys expiring within that many days (the dashboard's card). */
export default async function SetupKeysPage({ searchParams }: { searchParams: SearchParams }) {
  const days = /^(\d{1,3})d$/.exec(String((await searchParams).expiring ?? ''))?.[1];
  return (
    <ConsolePage section="setup-keys" need="audit">
      {({ canEdit }) => <SetupKeysManager canEdit={canEdit} expiringDays={days ? Number(days) : undefined} />}
    </ConsolePage>
  );
}
