'use client';
// The form view of the policy document beside its text: the entries of acls, grants, groups,
// tagOwners, ssh and tests as lists with forms. Every change goes through lib/domain/hujson's
// entry edits, which rewrite only that entry's text, so the document's comments and layout
// survive. Selection is shared with Monaco: the cursor inside an entry selects it here, and
// choosing an entry here selects its text in the editor.
import { useEffect, useMemo, useRef, useState } from 'react';
import { type EntryEdit, type PolicySection, type SectionName, applyEntryEdit, listEntries } from '@/lib/domain/hujson';
import { EntryForm } from './EntryForm';
import { SECTION_SPECS, summary } from './entry-fields';

export interface TextRange {
  start: number;
  end: number;
}

interface Selected {
  section: SectionName;
  index: number;
}

function parseSections(text: string): { sections: PolicySection[] } | { error: string } {
  try {
    return { sections: listEntries(text) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

export function VisualEditor(props: {
  text: string;
  onChange(text: string): void;
  readOnly: boolean;
  /** The editor's cursor offset, each time the user moves it. */
  cursor: { offset: number } | null;
  /** Selects (and scrolls to) a range in the editor. */
  reveal(range: TextRange): void;
  /** The selected entry's range, for the editor to highlight. */
  onHighlight(range: TextRange | null): void;
}) {
  const { text, cursor, reveal, onHighlight } = props;
  const parsed = useMemo(() => parseSections(text), [text]);
  const [selected, setSelected] = useState<Selected | null>(null);
  const [adding, setAdding] = useState<SectionName | null>(null);
  const [announce, setAnnounce] = useState('');
  // After an edit: the text it produced, and the control to focus once that text is shown.
  const pending = useRef<{ text: string; focus?: string } | null>(null);
  const sections = 'sections' in parsed ? parsed.sections : null;
  const entry = selected && sections?.find((s) => s.name === selected.section)?.entries[selected.index];
  const range = entry ? { start: entry.start, end: entry.end } : null;

  // The editor's cursor inside an entry selects it here.
  useEffect(() => {
    if (!cursor || !sections) return;
    for (const s of sections) {
      const e = s.entries.find((x) => x.start <= cursor.offset && cursor.offset <= x.end);
      if (e) {
        setSelected({ section: s.name, index: e.index });
        setAdding(null);
        document.getElementById(`visual-${s.name}-${e.index}`)?.scrollIntoView({ block: 'nearest' });
        return;
      }
    }
    setSelected(null);
    // Only a cursor move decides; a text change alone does not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cursor]);

  useEffect(() => onHighlight(range), [range?.start, range?.end]); // eslint-disable-line react-hooks/exhaustive-deps

  // Once the edited text is in (Monaco updates first, being earlier in the page), select the entry there.
  useEffect(() => {
    const p = pending.current;
    if (!p || p.text !== text) return;
    pending.current = null;
    if (range) reveal(range);
    if (p.focus) document.getElementById(p.focus)?.focus();
  });

  function choose(section: SectionName, index: number) {
    setSelected({ section, index });
    setAdding(null);
    const e = sections?.find((s) => s.name === section)?.entries[index];
    if (e) reveal({ start: e.start, end: e.end });
  }

  /** Applies an edit; returns a problem to show, or null. */
  function run(edit: EntryEdit, said: string, focus?: (index: number | null) => string): string | null {
    let out: { text: string; index: number | null };
    try {
      out = applyEntryEdit(text, edit);
    } catch (e) {
      return (e as Error).message;
    }
    setAdding(null);
    setSelected(out.index === null ? null : { section: edit.section, index: out.index });
    if (out.text === text) {
      // Nothing to rewrite (the form's values equal the entry's): no new text will come to wait for.
      setAnnounce('No change.');
      if (range) reveal(range);
      return null;
    }
    pending.current = { text: out.text, focus: focus?.(out.index) };
    setAnnounce(said);
    props.onChange(out.text);
    return null;
  }

  if ('error' in parsed) {
    return (
      <div className="panel visual-editor" data-testid="visual-editor">
        <h2 className="panel-title">Form view</h2>
        <p className="empty">The form needs a document without syntax errors; fix the text first. ({parsed.error})</p>
      </div>
    );
  }

  return (
    <div className="panel visual-editor" data-testid="visual-editor">
      <h2 className="panel-title">Form view</h2>
      <p className="sr-only" role="status" aria-live="polite">
        {announce}
      </p>
      {sections!.map((s) => {
        const spec = SECTION_SPECS[s.name];
        const n = s.entries.length;
        const base = `visual-${s.name}`;
        return (
          <section key={s.name} className="visual-section" aria-labelledby={`${base}-title`} data-testid={`visual-section-${s.name}`}>
            <h3 id={`${base}-title`}>
              {spec.title} <span className="muted">{s.present ? n : 'not in the document'}</span>
            </h3>
            {!s.editable && <p className="muted">This section is not written as {spec.key ? 'an object' : 'a list'}; edit it in the text.</p>}
            <ol className="visual-list">
              {s.entries.map((e) => {
                const isSel = selected?.section === s.name && selected.index === e.index;
                const id = `${base}-${e.index}`;
                const name = `${spec.noun} ${e.index + 1}`;
                return (
                  <li key={e.index} className={isSel ? 'visual-entry selected' : 'visual-entry'} data-testid="visual-entry">
                    <div className="row tight top nowrap">
                      <button type="button" id={id} className="visual-pick mono" aria-pressed={isSel} aria-label={`${name}: ${summary(s.name, e.value, e.key)}`} onClick={() => (isSel ? setSelected(null) : choose(s.name, e.index))}>
                        {summary(s.name, e.value, e.key)}
                      </button>
                      {!props.readOnly && (
                        <>
                          <IconButton id={`${id}-up`} icon="↑" label={`Move ${name} up`} disabled={e.index === 0} onClick={() => run({ op: 'move', section: s.name, from: e.index, to: e.index - 1 }, `Moved ${name} up.`, (i) => (i === 0 ? `${base}-${i}` : `${base}-${i}-up`))} />
                          <IconButton id={`${id}-down`} icon="↓" label={`Move ${name} down`} disabled={e.index === n - 1} onClick={() => run({ op: 'move', section: s.name, from: e.index, to: e.index + 1 }, `Moved ${name} down.`, (i) => (i === n - 1 ? `${base}-${i}` : `${base}-${i}-down`))} />
                          <IconButton id={`${id}-remove`} icon="✕" label={`Remove ${name}`} danger onClick={() => run({ op: 'remove', section: s.name, index: e.index }, `Removed ${name}.`, () => `${base}-add`)} />
                        </>
                      )}
                    </div>
                    {isSel && (
                      <EntryForm
                        key={`${JSON.stringify(e.value)}|${e.key}`}
                        section={s.name}
                        value={e.value}
                        entryKey={e.key}
                        idPrefix={id}
                        readOnly={props.readOnly}
                        onApply={(value, key) => run({ op: 'replace', section: s.name, index: e.index, value, key }, `Changed ${name}.`, () => id)}
                        onCancel={() => {
                          setSelected(null);
                          document.getElementById(id)?.focus();
                        }}
                      />
                    )}
                  </li>
                );
              })}
            </ol>
            {adding === s.name ? (
              <EntryForm section={s.name} idPrefix={`${base}-new`} readOnly={false} onApply={(value, key) => run({ op: 'add', section: s.name, value, key }, `Added ${spec.noun} ${n + 1}.`, (i) => `${base}-${i}`)} onCancel={() => setAdding(null)} />
            ) : (
              !props.readOnly &&
              s.editable && (
                <button type="button" id={`${base}-add`} onClick={() => { setAdding(s.name); setSelected(null); }}>
                  Add {spec.noun}
                </button>
              )
            )}
          </section>
        );
      })}
    </div>
  );
}

function IconButton(p: { id: string; icon: string; label: string; disabled?: boolean; danger?: boolean; onClick(): void }) {
  return (
    <button type="button" id={p.id} className={p.danger ? 'icon danger' : 'icon'} title={p.label} disabled={p.disabled} onClick={p.onClick}>
      <span aria-hidden="true">{p.icon}</span>
      <span className="sr-only">{p.label}</span>
    </button>
  );
}
