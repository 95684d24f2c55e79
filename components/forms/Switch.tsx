'use client';
import { useId } from 'react';

/**
 * An on/off setting: a native checkbox with the switch role, so it works with Space, in forms and with
 * screen readers ("on" / "off"). Its name is `label` alone (the hint is its description, not part of
 * the name); `ariaLabel` replaces the name where the visible label is ambiguous, e.g. a switch in a
 * table row that shows only "On" says which row it is for.
 */
export function Switch(props: { label: string; checked: boolean; onChange: (on: boolean) => void; disabled?: boolean; hint?: string; ariaLabel?: string }) {
  const id = useId();
  return (
    <label className="switch">
      <input
        type="checkbox"
        role="switch"
        checked={props.checked}
        disabled={props.disabled}
        aria-label={props.ariaLabel}
        aria-labelledby={props.ariaLabel ? undefined : `${id}-label`}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      <span className="switch-track" aria-hidden="true" />
      <span>
        <span className="switch-label" id={`${id}-label`}>
          {props.label}
        </span>
        {props.hint && (
          <span className="switch-hint" id={`${id}-hint`}>
            {props.hint}
          </span>
        )}
      </span>
    </label>
  );
}
