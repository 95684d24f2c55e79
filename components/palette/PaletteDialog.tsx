'use client';
// The command palette (Ctrl/⌘-K): a modal dialog with one text field and the list of what matches,
// as the ARIA combobox pattern: focus stays in the field, ↑/↓ (Home/End, PageUp/PageDown) move the
// active option (aria-activedescendant), Enter opens or runs it, Esc closes. The native modal
// <dialog> keeps Tab inside and makes the page behind inert. "Approve a peer…" switches the list
// to the peers waiting for approval; Backspace in the empty field comes back.
import { useRouter } from 'next/navigation';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { NetbirdPeer } from '@/lib/dialects/netbird/peers';
import { api } from '../api';
import { actionItems, pageItems, paletteGroups, type ItemGroup, type PaletteItem } from './items';
import { usePaletteSearch } from './usePaletteSearch';

type Mode = 'search' | 'approve';

const KIND_LABEL: Record<PaletteItem['kind'], string> = { page: 'Page', action: 'Action', peer: 'Peer', group: 'Group', user: 'User', policy: 'Policy', 'setup-key': 'Setup key' };

/** Peers waiting for approval whose name, IP or label contains `text` (the console's peer table query). */
function usePendingPeers(text: string, enabled: boolean, version: number) {
  const [state, setState] = useState<{ items: PaletteItem[] | null; error: string | null }>({ items: null, error: null });
  useEffect(() => {
    if (!enabled) return;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      const q = text.trim() ? `&q=${encodeURIComponent(text.trim().slice(0, 100))}` : '';
      api<{ items: NetbirdPeer[] }>(`/api/console/peers?approval=pending&limit=8${q}`, { signal: abort.signal })
        .then((r) =>
          setState({
            error: null,
            items: r.items.map((p) => ({ key: `approve:${p.id}`, kind: 'peer', label: `Approve ${p.name}`, detail: [p.ip, p.dns_label, p.os].filter(Boolean).join(' · '), approvePeerId: p.id })),
          }),
        )
        .catch((e: Error) => !abort.signal.aborted && setState({ items: [], error: e.message }));
    }, 100);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [text, enabled, version]);
  return state;
}

export function PaletteDialog(props: { canEdit: boolean; operator: boolean; onClose: () => void; onShortcuts: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const ids = useId();
  const [text, setText] = useState('');
  const [mode, setMode] = useState<Mode>('search');
  // The option the user moved to, by key: a late server answer that reorders the list keeps it.
  // Null = the first (best) option, which follows the list as answers arrive.
  const [picked, setPicked] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const [approvals, setApprovals] = useState(0);
  const [busy, setBusy] = useState(false);
  const local = useMemo(() => ({ pages: pageItems(props.operator), actions: actionItems(props.canEdit) }), [props.operator, props.canEdit]);
  const search = usePaletteSearch(text, mode === 'search');
  const pending = usePendingPeers(text, mode === 'approve', approvals);

  const groups: ItemGroup[] = useMemo(() => {
    if (mode === 'approve') return pending.items?.length ? [{ title: 'Waiting for approval', items: pending.items }] : [];
    return paletteGroups(text, local, search.found);
  }, [mode, pending.items, text, local, search.found]);
  const flat = useMemo(() => groups.flatMap((g) => g.items), [groups]);
  const active = picked ? Math.max(0, flat.findIndex((i) => i.key === picked)) : 0;
  const optionId = (i: number) => `${ids}-opt-${i}`;

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  // New text (or the other mode) starts again at the best entry.
  useEffect(() => setPicked(null), [text, mode]);
  useEffect(() => {
    document.getElementById(`${ids}-opt-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, ids]);

  async function approve(item: PaletteItem) {
    setBusy(true);
    try {
      await api('/api/console/peers/bulk', { method: 'POST', body: JSON.stringify({ ids: [item.approvePeerId], action: 'approve' }) });
      setNotice(`${item.label.replace(/^Approve /, '')} approved.`);
      setApprovals((n) => n + 1);
      router.refresh();
    } catch (e) {
      setNotice(`Not approved: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  }

  function choose(item: PaletteItem | undefined) {
    if (!item || busy) return;
    if (item.approvePeerId) return void approve(item);
    if (item.command === 'approve') {
      setMode('approve');
      setText('');
      setNotice('');
      return;
    }
    if (item.command === 'shortcuts') return props.onShortcuts();
    if (item.href) {
      props.onClose();
      router.push(item.href);
    }
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    const last = flat.length - 1;
    const move = (to: number) => {
      e.preventDefault();
      if (flat.length) setPicked(flat[Math.max(0, Math.min(last, to))].key);
    };
    if (e.key === 'ArrowDown') move(active >= last ? 0 : active + 1);
    else if (e.key === 'ArrowUp') move(active <= 0 ? last : active - 1);
    else if (e.key === 'PageDown') move(active + 5);
    else if (e.key === 'PageUp') move(active - 5);
    else if (e.key === 'Home' && e.ctrlKey) move(0);
    else if (e.key === 'End' && e.ctrlKey) move(last);
    else if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
      e.preventDefault();
      choose(flat[active]);
    } else if (e.key === 'Backspace' && !text && mode === 'approve') {
      e.preventDefault();
      setMode('search');
      setNotice('');
    }
  }

  const status =
    mode === 'approve'
      ? pending.error ?? (pending.items === null ? 'Loading peers waiting for approval…' : pending.items.length ? `${pending.items.length} waiting for approval` : 'No peer is waiting for approval.')
      : search.error ?? (search.searching ? 'Searching…' : text.trim() ? `${flat.length} result${flat.length === 1 ? '' : 's'}` : '');
  let n = -1;
  return (
    <dialog
      ref={ref}
      className="dialog palette"
      aria-labelledby={`${ids}-title`}
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
      onClick={(e) => {
        // A click on the backdrop (the dialog element itself, outside its content) closes it.
        if (e.target === ref.current) props.onClose();
      }}
    >
      <div className="palette-body">
      <h2 id={`${ids}-title`} className="sr-only">
        {mode === 'approve' ? 'Approve a peer' : 'Command palette'}
      </h2>
      <div className="palette-field">
        {mode === 'approve' && <span className="badge warn">Approve</span>}
        <input
          type="text"
          role="combobox"
          aria-label={mode === 'approve' ? 'Find a peer waiting for approval' : 'Search pages, peers, groups, users, policies, setup keys and actions'}
          aria-expanded={flat.length > 0}
          aria-controls={`${ids}-list`}
          aria-autocomplete="list"
          aria-activedescendant={flat.length ? optionId(active) : undefined}
          aria-describedby={`${ids}-hint`}
          autoComplete="off"
          spellCheck={false}
          autoFocus
          maxLength={100}
          placeholder={mode === 'approve' ? 'Peer waiting for approval…' : 'Type a page, peer name or IP, group, user…'}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
        />
      </div>
      <div id={`${ids}-list`} role="listbox" aria-label="Results" className="palette-list">
        {groups.map((g) => (
          <div key={g.title} role="group" aria-labelledby={`${ids}-g-${g.title}`}>
            <div id={`${ids}-g-${g.title}`} className="palette-group" role="presentation">
              {g.title}
            </div>
            {g.items.map((item) => {
              const i = ++n;
              return (
                <div
                  key={item.key}
                  id={optionId(i)}
                  role="option"
                  aria-selected={i === active}
                  className="palette-option"
                  data-testid="palette-option"
                  onMouseMove={() => i !== active && setPicked(item.key)}
                  onClick={() => choose(item)}
                >
                  <span className="palette-label">{item.label}</span>
                  {item.detail && <span className="palette-detail mono">{item.detail}</span>}
                  <span className="palette-kind">{KIND_LABEL[item.kind]}</span>
                </div>
              );
            })}
          </div>
        ))}
      </div>
      <p className="palette-status muted" role="status" aria-live="polite">
        {notice || status}
      </p>
      <p id={`${ids}-hint`} className="palette-hint muted">
        <kbd>↑</kbd> <kbd>↓</kbd> to move, <kbd>Enter</kbd> to open, <kbd>Esc</kbd> to close{mode === 'approve' ? ', Backspace to go back' : ''}.{' '}
        <button type="button" className="link-button" onClick={props.onShortcuts}>
          All shortcuts
        </button>
      </p>
      </div>
    </dialog>
  );
}
