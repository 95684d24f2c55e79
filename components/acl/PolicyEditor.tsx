'use client';
// The policy document in Monaco: HuJSON through the json language (comments and trailing commas
// allowed), bracket matching, folding, find/replace and "Format Document" (Shift+Alt+F, HuJSON
// formatter). meshdeck's own markers (owner "meshdeck") come from the policy engine's check.
import Editor, { type OnMount } from '@monaco-editor/react';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import type { PolicyProblem } from '@/lib/domain/acl/check';
import { useTheme } from '../useTheme';
import { monacoTheme, setupMonaco, type Monaco } from './monaco-setup';

export interface PolicyEditorHandle {
  jumpTo(line: number): void;
  format(): void;
  /** Selects text offsets [start, end) and scrolls them into view, leaving the focus where it is. */
  selectRange(start: number, end: number): void;
}

type StandaloneEditor = Parameters<OnMount>[0];

// Local Monaco, its workers, HuJSON formatting and the console's two themes, before the first editor.
setupMonaco();

type Model = NonNullable<ReturnType<StandaloneEditor['getModel']>>;

function offsetRange(model: Model, start: number, end: number) {
  const a = model.getPositionAt(start);
  const b = model.getPositionAt(end);
  return { startLineNumber: a.lineNumber, startColumn: a.column, endLineNumber: b.lineNumber, endColumn: b.column };
}

export const PolicyEditor = forwardRef<PolicyEditorHandle, {
  value: string;
  onChange(text: string): void;
  problems: PolicyProblem[] | null;
  readOnly: boolean;
  /** Called with the cursor's text offset when the user moves it (the form view follows it). */
  onCursor?(offset: number): void;
  /** Text offsets to mark (the entry selected in the form view). */
  highlight?: { start: number; end: number } | null;
}>(function PolicyEditor({ value, onChange, problems, readOnly, onCursor, highlight }, ref) {
  const editor = useRef<StandaloneEditor | null>(null);
  const m = useRef<Monaco | null>(null);
  const cursorListener = useRef(onCursor);
  cursorListener.current = onCursor;
  const marked = useRef<ReturnType<StandaloneEditor['createDecorationsCollection']> | null>(null);

  useImperativeHandle(ref, () => ({
    jumpTo(line) {
      const ed = editor.current;
      if (!ed) return;
      ed.revealLineInCenter(line);
      ed.setPosition({ lineNumber: line, column: 1 });
      ed.focus();
    },
    format() {
      editor.current?.getAction('editor.action.formatDocument')?.run();
    },
    selectRange(start, end) {
      const ed = editor.current;
      const model = ed?.getModel();
      if (!ed || !model) return;
      const range = offsetRange(model, start, end);
      ed.setSelection(range);
      ed.revealRangeInCenterIfOutsideViewport(range);
    },
  }));

  useEffect(() => {
    const model = editor.current?.getModel();
    if (!model || !marked.current) return;
    marked.current.set(highlight ? [{ range: offsetRange(model, highlight.start, highlight.end), options: { className: 'acl-entry-highlight', linesDecorationsClassName: 'acl-entry-gutter' } }] : []);
    // Also after a new value: replacing the whole text (a form edit) collapses decorations.
  }, [highlight?.start, highlight?.end, value]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    const model = editor.current?.getModel();
    if (!model || !m.current || problems === null) return;
    m.current.editor.setModelMarkers(
      model,
      'meshdeck',
      problems.map((p) => ({ severity: m.current!.MarkerSeverity.Error, message: p.message, startLineNumber: p.line, startColumn: p.column, endLineNumber: p.endLine, endColumn: p.endColumn, source: 'meshdeck' })),
    );
  }, [problems]);

  // @monaco-editor/react applies its `theme` prop (default "light") on mount and on change, for the
  // whole page: it must be given the console's theme, or it repaints every editor light.
  const theme = useTheme();

  return (
    <div className="acl-editor" data-testid="acl-editor">
      <Editor
        language="json"
        theme={monacoTheme(theme)}
        path="policy.hujson"
        value={value}
        onChange={(v) => onChange(v ?? '')}
        loading={<p className="empty">Loading editor…</p>}
        onMount={(ed, mon) => {
          editor.current = ed;
          m.current = mon;
          marked.current = ed.createDecorationsCollection();
          ed.onDidChangeCursorPosition((e) => {
            if (e.source === 'mouse' || e.source === 'keyboard') cursorListener.current?.(ed.getModel()!.getOffsetAt(e.position));
          });
        }}
        options={{
          readOnly,
          ariaLabel: 'Policy document (HuJSON)',
          minimap: { enabled: false },
          automaticLayout: true,
          tabSize: 4,
          insertSpaces: false,
          folding: true,
          matchBrackets: 'always',
          bracketPairColorization: { enabled: true },
          scrollBeyondLastLine: false,
          fontSize: 13,
          renderValidationDecorations: 'on',
          fixedOverflowWidgets: true,
        }}
      />
    </div>
  );
});
