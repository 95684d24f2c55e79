'use client';
// A read-only Monaco diff of two policy texts (left: before, right: after).
import { DiffEditor } from '@monaco-editor/react';
import { useEffect, useId } from 'react';
import { followTheme, setupMonaco } from './monaco-setup';

const monaco = setupMonaco();

export function DiffView({ id, original, modified, label }: { id: string; original: string; modified: string; label: string }) {
  const uid = useId().replace(/[^A-Za-z0-9]/g, '');
  const paths = [`diff-${id}-${uid}-before.hujson`, `diff-${id}-${uid}-after.hujson`];
  useEffect(() => followTheme(monaco), []);
  // @monaco-editor/react disposes the models before the diff editor, which Monaco reports as an
  // error; so it keeps them, and they are disposed here once the editor is gone.
  useEffect(
    () => () => {
      setTimeout(() => paths.forEach((p) => monaco.editor.getModel(monaco.Uri.parse(p))?.dispose()), 0);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );
  return (
    <div className="acl-diff" role="group" aria-label={label} data-testid={`diff-${id}`}>
      <DiffEditor
        language="json"
        original={original}
        modified={modified}
        originalModelPath={paths[0]}
        modifiedModelPath={paths[1]}
        keepCurrentOriginalModel
        keepCurrentModifiedModel
        loading={<p className="empty">Loading diff…</p>}
        options={{ readOnly: true, originalEditable: false, renderSideBySide: true, minimap: { enabled: false }, automaticLayout: true, scrollBeyondLastLine: false, fontSize: 13, ariaLabel: label }}
      />
    </div>
  );
}
