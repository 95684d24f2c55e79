'use client';
// The form for one policy entry (new or existing). Applying it hands the entry's new JSON to the
// visual editor, which rewrites only that entry's text in the document.
import { useState } from 'react';
import type { SectionName } from '@/lib/domain/hujson';
import { ErrorAlert } from '../../Feedback';
import { type FormValues, SECTION_SPECS, fromForm, toForm } from './entry-fields';

export function EntryForm(props: {
  section: SectionName;
  /** The entry's current JSON (undefined for a new entry). */
  value?: unknown;
  entryKey?: string;
  idPrefix: string;
  readOnly: boolean;
  onApply(value: unknown, key?: string): string | null;
  onCancel(): void;
}) {
  const spec = SECTION_SPECS[props.section];
  const [form, setForm] = useState<FormValues>(() => toForm(props.section, props.value, props.entryKey));
  const [problem, setProblem] = useState<string | null>(null);
  const isNew = props.value === undefined;
  const set = (name: string, v: string) => setForm((f) => ({ ...f, [name]: v }));

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const out = fromForm(props.section, form, props.value);
    if ('problem' in out) return setProblem(out.problem);
    setProblem(props.onApply(out.value, out.key));
  }

  const id = (name: string) => `${props.idPrefix}-${name}`;
  return (
    <form
      className="visual-form"
      aria-label={isNew ? `New ${spec.noun}` : `Edit ${spec.noun}`}
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          props.onCancel();
        }
      }}
    >
      {spec.key && (
        <div className="field">
          <label htmlFor={id('key')}>{spec.key.label}</label>
          <input id={id('key')} value={form.key ?? ''} readOnly={props.readOnly} onChange={(e) => set('key', e.target.value)} placeholder={`${spec.key.prefix}example`} />
        </div>
      )}
      {spec.fields.map((f) => (
        <div className="field" key={f.name}>
          <label htmlFor={id(f.name)}>
            {f.label}
            {f.kind === 'list' && <span className="muted"> (one per line)</span>}
          </label>
          {f.kind === 'select' ? (
            <select id={id(f.name)} value={form[f.name]} disabled={props.readOnly} onChange={(e) => set(f.name, e.target.value)}>
              {[...new Set([...(f.options ?? []), form[f.name]])].map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          ) : f.kind === 'list' ? (
            <textarea id={id(f.name)} rows={Math.max(2, (form[f.name] ?? '').split('\n').length)} value={form[f.name] ?? ''} readOnly={props.readOnly} placeholder={f.placeholder} onChange={(e) => set(f.name, e.target.value)} />
          ) : (
            <input id={id(f.name)} value={form[f.name] ?? ''} readOnly={props.readOnly} placeholder={f.placeholder} onChange={(e) => set(f.name, e.target.value)} />
          )}
        </div>
      ))}
      <ErrorAlert message={problem} />
      {!props.readOnly && (
        <div className="row tight">
          <button type="submit" className="primary">
            {isNew ? `Add ${spec.noun}` : `Apply to ${spec.noun}`}
          </button>
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
        </div>
      )}
    </form>
  );
}
