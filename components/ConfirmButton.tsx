'use client';
import { useState } from 'react';

/** A destructive action that asks once more, inline, before it runs. */
export function ConfirmButton({ label, confirmLabel, onConfirm, disabled, ariaLabel }: { label: string; confirmLabel: string; onConfirm: () => unknown; disabled?: boolean; ariaLabel?: string }) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="danger" disabled={disabled} aria-label={ariaLabel} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span className="row tight inline">
      <button
        type="button"
        className="danger"
        disabled={disabled}
        onClick={async () => {
          await onConfirm();
          setAsking(false);
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
