'use client';
import { useId, useState } from 'react';

/**
 * A list of short strings (domains, addresses): type one, press Enter or Add; each entry has its own
 * labelled Remove button. `check` returns a message for a value that must not be added.
 */
export function TagListInput(props: { label: string; values: string[]; onChange: (values: string[]) => void; placeholder?: string; check?: (value: string) => string | null; disabled?: boolean; max?: number }) {
  const id = useId();
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const full = props.max !== undefined && props.values.length >= props.max;

  function add() {
    const v = draft.trim();
    if (!v) return;
    const msg = props.check?.(v) ?? null;
    if (msg) return setProblem(msg);
    if (!props.values.includes(v)) props.onChange([...props.values, v]);
    setDraft('');
    setProblem(null);
  }

  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.values.length > 0 && (
        <ul className="chips" aria-label={props.label}>
          {props.values.map((v) => (
            <li key={v} className="chip">
              <span className="mono">{v}</span>
              {!props.disabled && (
                <button type="button" className="chip-remove" aria-label={`Remove ${v}`} onClick={() => props.onChange(props.values.filter((x) => x !== v))}>
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!props.disabled && (
        <span className="row tight nowrap">
          <input
            id={id}
            value={draft}
            placeholder={props.placeholder}
            disabled={full}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${id}-problem` : undefined}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                add();
              }
            }}
          />
          <button type="button" onClick={add} disabled={full} aria-label={`Add to ${props.label}`}>
            Add
          </button>
        </span>
      )}
      {problem && (
        <span className="error field-problem" id={`${id}-problem`} role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}
