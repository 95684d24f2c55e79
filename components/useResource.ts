'use client';
import { useCallback, useEffect, useState } from 'react';
import { usePending } from './usePending';

/**
 * A console page's data: loaded on mount, reloaded after every action. `act` runs a change, shows
 * its error (the server's message) or reloads, and reports whether it worked.
 */
export function useResource<T>(loader: () => Promise<T>) {
  const [data, setData] = useState<T | null>(null);
  const { error, setError, busy, run } = usePending();
  // The loader is a fresh closure every render; the first one is the one that counts.
  const load = useCallback(loader, []);

  const reload = useCallback(async () => {
    try {
      setData(await load());
    } catch (e) {
      setError((e as Error).message);
    }
  }, [load, setError]);

  useEffect(() => {
    reload();
  }, [reload]);

  const act = useCallback(
    (fn: () => Promise<unknown>): Promise<boolean> =>
      run(async () => {
        await fn();
        await reload();
      }),
    [run, reload],
  );

  return { data, error, setError, busy, act, reload };
}
