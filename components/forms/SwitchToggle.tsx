'use client';

/** An on/off setting: a checkbox with the switch role, so screen readers announce "on" / "off". */
export function SwitchToggle(props: { label: string; checked: boolean; onChange: (on: boolean) => void; disabled?: boolean; hint?: string }) {
  return (
    <label className="switch">
      <input type="checkbox" role="switch" checked={props.checked} disabled={props.disabled} onChange={(e) => props.onChange(e.target.checked)} />
      <span className="switch-track" aria-hidden="true" />
      <span>
        <span className="switch-label">{props.label}</span>
        {props.hint && <span className="switch-hint">{props.hint}</span>}
      </span>
    </label>
  );
}
