'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api';
import type { ConsolePeerPage as PeerPage } from './types';
import { apiQuery } from './types';

/**
 * The page of peers the URL asks for, reloaded whenever the URL changes. Answers that arrive after a
 * newer request was made are dropped, so quick filter changes never show stale rows.
 */
export function usePeerPage(params: URLSearchParams) {
  const query = apiQuery(params);
  const [page, setPage] = useState<PeerPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const latest = useRef(0);

  const load = useCallback(async () => {
    const n = ++latest.current;
    setLoading(true);
    try {
      const p = await api<PeerPage>(`/api/console/peers?${query}`);
      if (n !== latest.current) return;
      setPage(p);
      setError(null);
    } catch (e) {
      if (n === latest.current) setError((e as Error).message);
    } finally {
      if (n === latest.current) setLoading(false);
    }
  }, [query]);

  useEffect(() => {
    load();
  }, [load]);

  return { page, error, setError, loading, reload: load };
}
