'use client';
// Whether the screen is phone-width: the same breakpoint as app/globals.css's phone rules. For the
// few components whose JavaScript must know (the virtualized peer table sizes rows by it).
import { useSyncExternalStore } from 'react';

export const NARROW = '(max-width: 760px)';

function subscribe(onChange: () => void) {
  const mq = matchMedia(NARROW);
  mq.addEventListener('change', onChange);
  return () => mq.removeEventListener('change', onChange);
}

export function useNarrow(): boolean {
  return useSyncExternalStore(subscribe, () => matchMedia(NARROW).matches, () => false);
}
