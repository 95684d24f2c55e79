'use client';
// A page's side of the palette's actions: `/app/policies?do=new-policy` opens the page's "new" form.
// The parameter is removed again (replace, not a new history entry), so a reload or Back does not
// open the form a second time. Reacts to the URL, so it also works when the palette is used on the
// very page that handles the action.
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect } from 'react';

export type PaletteIntent = 'new-setup-key' | 'new-policy';

export function usePaletteIntent(intent: PaletteIntent, run: () => void, enabled = true) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const asked = params.get('do') === intent;
  useEffect(() => {
    if (!asked || !enabled) return;
    run();
    const rest = new URLSearchParams(params.toString());
    rest.delete('do');
    const query = rest.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    // `run` is a new function on every render of the page; the URL says when to run it.
  }, [asked, enabled]);
}
