'use client';
import { useCallback, useEffect, useState } from 'react';

/**
 * A console page's data: loaded on mount, reloaded after every action. `act` runs a change, shows
 * its error (the server's message) or reloads, and reports whether it worked.
 */
export function useResource<T>(loader: () => Promise<T>) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The loader is a fresh closure every render; the first one is the one that counts.
  const load = useCallback(loader, []);

  const reload = useCallback(async () => {
    try {
      setData(await load());
    } catch (e) {
      setError((e as Error).message);
    }
  }, [load]);

  useEffect(() => {
    reload();
  }, [reload]);

  const act = useCallback(
    async (fn: () => Promise<unknown>): Promise<boolean> => {
      setBusy(true);
      setError(null);
      try {
        await fn();
        await reload();
        return true;
      } catch (e) {
        setError((e as Error).message);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [reload],
  );

  return { data, error, setError, busy, act, reload };
}
