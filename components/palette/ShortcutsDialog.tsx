'use client';
// The `?` dialog: every keyboard shortcut (components/palette/shortcuts.ts). A native modal dialog:
// focus moves to its Close button, stays inside, and Esc closes it.
import { useEffect, useId, useRef } from 'react';
import { SHORTCUTS } from './shortcuts';

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="dialog shortcuts"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId} className="mt-0">
        Keyboard shortcuts
      </h2>
      {SHORTCUTS.map((group) => (
        <section key={group.title} aria-label={group.title}>
          <h3>{group.title}</h3>
          <dl className="shortcut-list">
            {group.shortcuts.map((s) => (
              <div key={s.what} className="shortcut">
                <dt>
                  {s.keys.map((combo, i) => (
                    <span key={combo.join('+')}>
                      {i > 0 && <span className="muted"> or </span>}
                      {combo.map((k, j) => (
                        <span key={k}>
                          {j > 0 && '+'}
                          <kbd>{k}</kbd>
                        </span>
                      ))}
                    </span>
                  ))}
                </dt>
                <dd>{s.what}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <div className="row dialog-actions">
        <button type="button" className="primary" autoFocus onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}
