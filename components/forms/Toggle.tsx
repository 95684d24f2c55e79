'use client';

/**
 * An on/off switch. `label` is shown beside it; `ariaLabel` names it when the label alone would be
 * ambiguous (a switch in a table row says which row it is for).
 */
export function Toggle({ label, checked, onChange, disabled, ariaLabel }: { label: string; checked: boolean; onChange: (on: boolean) => void; disabled?: boolean; ariaLabel?: string }) {
  return (
    <button type="button" role="switch" className="switch" aria-checked={checked} aria-label={ariaLabel} disabled={disabled} onClick={() => onChange(!checked)}>
      <span className="switch-track" aria-hidden="true">
        <span className="switch-knob" />
      </span>
      <span>{label}</span>
    </button>
  );
}
