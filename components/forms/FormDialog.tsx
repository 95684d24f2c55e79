'use client';
import { useEffect, useId, useRef } from 'react';
import { ErrorAlert } from '../Feedback';
import { usePending } from '../usePending';

/**
 * A modal form (the native <dialog>, so focus stays inside and Escape closes it). `onSubmit` checks
 * the fields and sends them; whatever it throws (a form check or the server's message) is shown in
 * the dialog, which stays open. On success `onDone` runs.
 */
export function FormDialog(props: { title: string; submitLabel: string; onSubmit: () => Promise<unknown>; onDone: () => void; onClose: () => void; children: React.ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { error, busy, run } = usePending();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (await run(props.onSubmit)) props.onDone();
  }

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
    >
      <form onSubmit={submit} noValidate>
        <h2 id={titleId} className="mt-0">
          {props.title}
        </h2>
        {props.children}
        <ErrorAlert message={error} />
        <div className="row dialog-actions">
          <button type="submit" className="primary" disabled={busy}>
            {props.submitLabel}
          </button>
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** Thrown by a form's own checks, before anything is sent. */
export function invalid(message: string): never {
  throw new Error(message);
}
