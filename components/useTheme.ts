'use client';
// The console's theme is html[data-theme] (set before first paint by app/layout.tsx, changed by
// ThemeToggle). Components that paint with their own colours (Monaco) read it here and re-render
// when it changes, so a toggle applies everywhere at once, without a reload.
import { useSyncExternalStore } from 'react';

export type Theme = 'light' | 'dark';

export function currentTheme(): Theme {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}

function subscribe(onChange: () => void) {
  const obs = new MutationObserver(onChange);
  obs.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => obs.disconnect();
}

/** The console's theme; null while rendering on the server (the theme is only known in the browser). */
export function useTheme(): Theme | null {
  return useSyncExternalStore(subscribe, currentTheme, () => null);
}
