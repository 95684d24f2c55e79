'use client';
import { useCallback, useState } from 'react';

/**
 * One request at a time from a form or panel: `run` marks it busy, clears the last error, and shows
 * whatever the request throws (a form check or the server's message). It answers whether it worked.
 */
export function usePending(initialError: string | null = null) {
  const [error, setError] = useState<string | null>(initialError);
  const [busy, setBusy] = useState(false);

  const run = useCallback(async (fn: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      return true;
    } catch (e) {
      setError((e as Error).message);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);

  return { error, setError, busy, run };
}
