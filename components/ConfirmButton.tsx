'use client';
import { useState } from 'react';

type Removes = string | (() => Promise<string>);

/** "1 peer", "3 peers": counts in confirmations. */
export const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/**
 * A destructive action that asks once more, inline, before it runs. While it asks, it says what the
 * action will remove (`removes`: the things by name, and how many of what goes with them), so the
 * second click is made knowing the consequence, not just confirming the first. When the count needs
 * a request (a user's peers), `removes` is a function, asked when the button is first pressed; the
 * confirmation waits for its answer.
 */
export function ConfirmButton({
  label,
  confirmLabel,
  removes,
  onConfirm,
  disabled,
  ariaLabel,
}: {
  label: string;
  confirmLabel: string;
  /** What goes, named and counted: "Deletes network office with its 3 resources and 1 router." */
  removes: Removes;
  onConfirm: () => unknown;
  disabled?: boolean;
  ariaLabel?: string;
}) {
  const [asking, setAsking] = useState(false);
  const [what, setWhat] = useState<string | null>(null);
  const ask = async () => {
    setAsking(true);
    if (typeof removes === 'string') return setWhat(removes);
    setWhat(null);
    try {
      setWhat(await removes());
    } catch (e) {
      setWhat(`Could not tell what this removes (${(e as Error).message}).`);
    }
  };
  if (!asking) {
    return (
      <button type="button" className="danger" disabled={disabled} aria-label={ariaLabel} onClick={ask}>
        {label}
      </button>
    );
  }
  return (
    <span className="confirm">
      <span className="confirm-what" role="alert" data-testid="confirm-what">
        {what ?? 'Checking what this removes…'}
      </span>
      <span className="row tight inline">
        <button
          type="button"
          className="danger"
          disabled={disabled || what === null}
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
    </span>
  );
}
