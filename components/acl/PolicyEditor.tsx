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
}

type StandaloneEditor = Parameters<OnMount>[0];

// Local Monaco, its workers, HuJSON formatting and the console's two themes, before the first editor.
setupMonaco();

export const PolicyEditor = forwardRef<PolicyEditorHandle, {
  value: string;
  onChange(text: string): void;
  problems: PolicyProblem[] | null;
  readOnly: boolean;
}>(function PolicyEditor({ value, onChange, problems, readOnly }, ref) {
  const editor = useRef<StandaloneEditor | null>(null);
  const m = useRef<Monaco | null>(null);

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
  }));

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
