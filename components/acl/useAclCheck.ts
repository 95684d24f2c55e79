'use client';
// Live validation: the text is checked ~150 ms after the last keystroke by the policy engine in a
// web worker, against the account's topology; if the worker cannot start or fails, the same check
// runs on the server (POST /api/console/acl/check). Stale answers are dropped.
import { useEffect, useRef, useState } from 'react';
import type { PolicyCheck } from '@/lib/domain/acl/check';
import type { Topology } from '@/lib/domain/policy/tailscale/topology';

const DEBOUNCE_MS = 120;

export interface LiveCheck {
  check: PolicyCheck | null;
  /** Which engine answered, for the status line. */
  via: 'worker' | 'server' | null;
  checkedText: string | null;
}

async function serverCheck(text: string): Promise<PolicyCheck> {
  const res = await fetch('/api/console/acl/check', { method: 'POST', body: text, credentials: 'same-origin', headers: { 'Content-Type': 'application/hujson' } });
  const data = await res.json();
  if (!res.ok) throw new Error(data?.message ?? `check failed (${res.status})`);
  return data as PolicyCheck;
}

export function useAclCheck(text: string | null, topology: Topology | null): LiveCheck {
  const [state, setState] = useState<LiveCheck>({ check: null, via: null, checkedText: null });
  const worker = useRef<Worker | null>(null);
  const broken = useRef(false);
  const seq = useRef(0);
  const pending = useRef(new Map<number, string>());

  useEffect(() => {
    if (!topology) return;
    try {
      const w = new Worker(new URL('./acl-check.worker.ts', import.meta.url), { type: 'module' });
      w.onmessage = (e: MessageEvent<{ id: number; check?: PolicyCheck; error?: string }>) => {
        const checked = pending.current.get(e.data.id);
        pending.current.delete(e.data.id);
        if (e.data.id !== seq.current || checked === undefined) return;
        if (e.data.check) setState({ check: e.data.check, via: 'worker', checkedText: checked });
        else fallback(checked, e.data.id);
      };
      w.onerror = (e) => {
        e.preventDefault();
        broken.current = true;
        const latest = pending.current.get(seq.current);
        pending.current.clear();
        if (latest !== undefined) fallback(latest, seq.current);
      };
      w.postMessage({ topology });
      worker.current = w;
      return () => {
        w.terminate();
        worker.current = null;
      };
    } catch {
      broken.current = true;
    }
  }, [topology]);

  function fallback(t: string, id: number) {
    serverCheck(t)
      .then((check) => id === seq.current && setState({ check, via: 'server', checkedText: t }))
      .catch(() => undefined);
  }

  useEffect(() => {
    if (text === null || !topology) return;
    const timer = setTimeout(() => {
      const id = ++seq.current;
      if (worker.current && !broken.current) {
        pending.current.set(id, text);
        worker.current.postMessage({ id, text });
      } else fallback(text, id);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, topology]);

  return state;
}
