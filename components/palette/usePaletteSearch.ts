'use client';
// The palette's server-side half: GET /api/console/search for the typed text, a short pause after
// the last key (so typing an address sends one request, not one per key), the previous request
// aborted when a newer one starts, and an answer that arrives late for an older text dropped.
import { useEffect, useState } from 'react';
import type { ConsoleSearch } from '@/lib/dialects/console/search';
import { api } from '../api';

const PAUSE_MS = 120;

export interface PaletteSearch {
  /** The answer for `text` (null while none has arrived, or for empty text). */
  found: ConsoleSearch | null;
  searching: boolean;
  error: string | null;
}

export function usePaletteSearch(text: string, enabled: boolean): PaletteSearch {
  const [state, setState] = useState<PaletteSearch & { for: string }>({ found: null, searching: false, error: null, for: '' });
  const q = text.trim();
  useEffect(() => {
    if (!enabled || !q) {
      setState({ found: null, searching: false, error: null, for: q });
      return;
    }
    const abort = new AbortController();
    setState((s) => ({ ...s, searching: true, error: null }));
    const timer = setTimeout(() => {
      api<ConsoleSearch>(`/api/console/search?q=${encodeURIComponent(q.slice(0, 100))}`, { signal: abort.signal })
        .then((found) => setState({ found, searching: false, error: null, for: q }))
        .catch((e: Error) => {
          if (!abort.signal.aborted) setState({ found: null, searching: false, error: e.message, for: q });
        });
    }, PAUSE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [q, enabled]);
  // An answer for an older text is not shown under a newer one.
  return { found: state.for === q ? state.found : null, searching: state.searching, error: state.error };
}
