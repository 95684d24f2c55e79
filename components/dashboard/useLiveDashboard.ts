'use client';
// Keeps the dashboard current without a reload: a long-poll on GET /api/console/dashboard/live
// answers when a peer of the account changes (an agent connecting marks its peer online), and the
// dashboard is then read again. At most one read every MIN_GAP_MS however busy the network is; a
// figure still being computed ("checking") is asked for again shortly.
import { useEffect, useRef, useState } from 'react';
import type { ConsoleDashboard, ConsoleDashboardLive } from '@/lib/dialects/console/dashboard';
import { api } from '../api';

const MIN_GAP_MS = 2000;
const RETRY_MS = 5000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function useLiveDashboard(initial: ConsoleDashboard) {
  const [data, setData] = useState(initial);
  const [live, setLive] = useState<'on' | 'retrying'>('on');
  const current = useRef(initial);

  useEffect(() => {
    const stop = new AbortController();
    const checking = (d: ConsoleDashboard) => d.settling;
    (async () => {
      while (!stop.signal.aborted) {
        try {
          const d = current.current;
          const answer = await api<ConsoleDashboardLive>(`/api/console/dashboard/live?mark=${d.mark}&wait=${checking(d) ? 2 : 25}`, { signal: stop.signal });
          if (answer.changed || checking(d)) {
            const next = await api<ConsoleDashboard>('/api/console/dashboard', { signal: stop.signal });
            current.current = next;
            setData(next);
            await sleep(MIN_GAP_MS);
          } else {
            current.current = { ...d, mark: answer.mark };
          }
          setLive('on');
        } catch {
          if (stop.signal.aborted) return;
          setLive('retrying');
          await sleep(RETRY_MS);
        }
      }
    })();
    return () => stop.abort();
  }, []);

  return { data, live };
}
