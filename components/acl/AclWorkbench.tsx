'use client';
// The access-control page: the policy document in Monaco with live markers from the policy
// engine, the preview pane, saving with a diff and If-Match (and conflict handling), and history.
import { useEffect, useRef, useState } from 'react';
import { api } from '../api';
import { AccessSimulator } from '../access/AccessSimulator';
import { ErrorAlert } from '../Feedback';
import { HistoryPanel } from './HistoryPanel';
import { PolicyEditor, type PolicyEditorHandle } from './PolicyEditor';
import { PreviewTabs } from './PreviewTabs';
import { ProblemList } from './ProblemList';
import { SavePanel } from './SavePanel';
import { loadPolicy } from './policy-api';
import type { SavedPolicy, Topology } from './types';
import { useAclCheck } from './useAclCheck';
import { type TextRange, VisualEditor } from './visual/VisualEditor';

type Mode = 'edit' | 'save' | 'history';

export default function AclWorkbench({ canEdit }: { canEdit: boolean }) {
  const [saved, setSaved] = useState<SavedPolicy | null>(null);
  const [text, setText] = useState<string | null>(null);
  const [topology, setTopology] = useState<Topology | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode>('edit');
  const editor = useRef<PolicyEditorHandle>(null);
  const [visual, setVisual] = useState(false);
  const [cursor, setCursor] = useState<{ offset: number } | null>(null);
  const [highlight, setHighlight] = useState<TextRange | null>(null);
  const live = useAclCheck(text, topology);

  async function reload() {
    const doc = await loadPolicy();
    setSaved(doc);
    setText(doc.text);
  }

  useEffect(() => {
    Promise.all([reload(), api<Topology>('/api/console/acl/topology').then(setTopology)]).catch((e) => setError((e as Error).message));
  }, []);

  if (error && !saved) return <ErrorAlert message={error} />;
  if (!saved || text === null) return <p className="empty">Loading the policy…</p>;

  const current = live.checkedText === text;
  const problems = live.check?.problems ?? [];
  const dirty = text !== saved.text;
  const blockedBy = !current ? 'Wait for the check of your latest edit to finish.' : problems.length ? `Fix the ${problems.length === 1 ? 'problem' : `${problems.length} problems`} first${live.check?.tests.some((t) => !t.pass) ? ' — a failing test blocks saving' : ''}.` : null;

  return (
    <>
      <div className="row acl-toolbar">
        <p className="acl-status" role="status" aria-live="polite" data-testid="acl-status">
          {!live.check ? 'Checking…' : !current ? 'Checking…' : problems.length ? `${problems.length} problem${problems.length === 1 ? '' : 's'}` : 'No problems'}
          {dirty ? ' · unsaved changes' : ' · saved'}
        </p>
        <button type="button" aria-pressed={visual} onClick={() => setVisual(!visual)}>
          Form view
        </button>
        <button type="button" onClick={() => editor.current?.format()} disabled={!canEdit}>
          Format
        </button>
        {canEdit && (
          <button type="button" className="primary" disabled={!dirty} onClick={() => { setNotice(null); setMode('save'); }}>
            Review and save…
          </button>
        )}
        <button type="button" aria-expanded={mode === 'history'} onClick={() => setMode(mode === 'history' ? 'edit' : 'history')}>
          History
        </button>
      </div>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <ErrorAlert message={error} />
      {mode === 'save' && (
        <SavePanel
          saved={saved}
          text={text}
          blockedBy={blockedBy}
          onSaved={(s, version) => {
            setSaved(s);
            setMode('edit');
            setNotice(`Saved as version ${version}.`);
          }}
          onTakeTheirs={(theirs) => {
            setSaved(theirs);
            setText(theirs.text);
            setMode('edit');
            setNotice('Loaded the version saved by someone else; your edit was dropped.');
          }}
          onClose={() => setMode('edit')}
        />
      )}
      {mode === 'history' && (
        <HistoryPanel
          saved={saved}
          text={text}
          canEdit={canEdit}
          onRestored={async () => {
            await reload();
            setNotice('Version restored and saved as the newest version.');
          }}
          onClose={() => setMode('edit')}
        />
      )}
      <div className="acl-layout">
        <div className="acl-main">
          <PolicyEditor ref={editor} value={text} onChange={setText} problems={live.check?.problems ?? null} readOnly={!canEdit} onCursor={visual ? (offset) => setCursor({ offset }) : undefined} highlight={visual ? highlight : null} />
          <ProblemList problems={current ? problems : null} jumpTo={(l) => editor.current?.jumpTo(l)} />
        </div>
        {visual ? (
          <VisualEditor text={text} onChange={setText} readOnly={!canEdit} cursor={cursor} reveal={(r) => editor.current?.selectRange(r.start, r.end)} onHighlight={setHighlight} />
        ) : (
          <PreviewTabs text={text} check={live.check} topology={topology} jumpTo={(l) => editor.current?.jumpTo(l)} />
        )}
      </div>
      <AccessSimulator document={dirty ? text : null} jumpTo={(l) => editor.current?.jumpTo(l)} />
    </>
  );
}
