import { ConsolePage } from '@/components/ConsolePage';
import { TrafficExplorer } from '@/components/traffic/TrafficExplorer';
import { FILTER_KEYS, type Filters } from '@/components/traffic/query';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Filters in the URL (`?reporter_id=…`, `?user_id=…`, any of the traffic filters) start the page filtered. */
export default async function TrafficPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const initial: Filters = Object.fromEntries(FILTER_KEYS.flatMap((k) => (typeof params[k] === 'string' && params[k] ? [[k, params[k]]] : [])));
  return (
    <ConsolePage section="traffic" need="audit">
      {() => <TrafficExplorer initial={initial} />}
    </ConsolePage>
  );
}
