'use client';
// The console's keyboard layer, mounted once in the console layout: Ctrl/⌘-K opens the command
// palette from anywhere (also from a field: it is listened for before the page sees it, so the
// policy editor's own Ctrl-K chords give way to it), `?` lists the shortcuts when no field is
// being typed in. The top bar's Search button opens the palette for the mouse.
import { useEffect, useRef, useState } from 'react';
import { PaletteDialog } from './PaletteDialog';
import { ShortcutsDialog } from './ShortcutsDialog';

type Open = 'palette' | 'shortcuts' | null;

/** True while the user types: a text field, a select, an editable region (Monaco's is a textarea). */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
  return target.closest('[role="textbox"], [role="combobox"], .monaco-editor') !== null;
}

export function CommandPalette({ canEdit, operator }: { canEdit: boolean; operator: boolean }) {
  const [open, setOpen] = useState<Open>(null);
  const openRef = useRef<Open>(null);
  openRef.current = open;
  // Where focus was when a dialog opened (read before the dialog takes it): it goes back there
  // when the dialogs close, unless a navigation removed that element or something else took focus.
  const before = useRef<HTMLElement | null>(null);
  const show = (which: Exclude<Open, null>) => {
    if (!before.current && document.activeElement instanceof HTMLElement && document.activeElement !== document.body) before.current = document.activeElement;
    setOpen(which);
  };
  useEffect(() => {
    if (open || !before.current) return;
    const el = before.current;
    before.current = null;
    if (el.isConnected && (document.activeElement === document.body || document.activeElement === null)) el.focus();
  }, [open]);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.defaultPrevented || e.isComposing) return;
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        e.stopPropagation();
        if (openRef.current === 'palette') setOpen(null);
        else show('palette');
        return;
      }
      if (e.key === '?' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(e.target)) {
        e.preventDefault();
        show('shortcuts');
      }
    }
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, []);

  return (
    <>
      <button type="button" className="palette-open" aria-keyshortcuts="Control+K Meta+K" aria-haspopup="dialog" onClick={() => show('palette')}>
        Search <kbd>Ctrl K</kbd>
      </button>
      {open === 'palette' && <PaletteDialog canEdit={canEdit} operator={operator} onClose={() => setOpen(null)} onShortcuts={() => show('shortcuts')} />}
      {open === 'shortcuts' && <ShortcutsDialog onClose={() => setOpen(null)} />}
    </>
  );
}
