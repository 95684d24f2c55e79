'use client';
// A read-only Monaco diff of two policy texts (left: before, right: after). Managed directly
// rather than through @monaco-editor/react's DiffEditor, whose unmount disposed the models before
// the editor (Monaco reports that as an error): here the editor goes first, then its models,
// before React removes the element.
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { editor as MonacoEditor } from 'monaco-editor';
import { followTheme, setupMonaco } from './monaco-setup';

const monaco = setupMonaco();

interface Live {
  diff: MonacoEditor.IStandaloneDiffEditor;
  before: MonacoEditor.ITextModel;
  after: MonacoEditor.ITextModel;
}

export function DiffView({ id, original, modified, label }: { id: string; original: string; modified: string; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  const live = useRef<Live | null>(null);

  useLayoutEffect(() => {
    const before = monaco.editor.createModel(original, 'json');
    const after = monaco.editor.createModel(modified, 'json');
    const diff = monaco.editor.createDiffEditor(host.current!, {
      readOnly: true,
      originalEditable: false,
      renderSideBySide: true,
      minimap: { enabled: false },
      automaticLayout: true,
      scrollBeyondLastLine: false,
      fontSize: 13,
      ariaLabel: label,
    });
    diff.setModel({ original: before, modified: after });
    live.current = { diff, before, after };
    const stopTheme = followTheme(monaco);
    return () => {
      stopTheme();
      live.current = null;
      diff.dispose();
      before.dispose();
      after.dispose();
    };
    // The texts are pushed into the models below; the editor itself is made once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (live.current && live.current.before.getValue() !== original) live.current.before.setValue(original);
  }, [original]);
  useEffect(() => {
    if (live.current && live.current.after.getValue() !== modified) live.current.after.setValue(modified);
  }, [modified]);
  useEffect(() => {
    live.current?.diff.updateOptions({ ariaLabel: label });
  }, [label]);

  return <div ref={host} className="acl-diff" role="group" aria-label={label} data-testid={`diff-${id}`} />;
}
