'use client';
import { useTheme, type Theme } from './useTheme';

export function ThemeToggle() {
  const theme = useTheme();
  const next: Theme = theme === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      aria-label={`Switch to ${next} mode`}
      onClick={() => {
        // useTheme (here and in Monaco's views) follows the attribute.
        document.documentElement.dataset.theme = next;
        localStorage.setItem('meshdeck-theme', next);
      }}
    >
      {theme === 'dark' ? 'Light mode' : 'Dark mode'}
    </button>
  );
}
