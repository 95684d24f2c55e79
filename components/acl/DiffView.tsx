'use client';
// A read-only Monaco diff of two policy texts (left: before, right: after).
import { DiffEditor } from '@monaco-editor/react';
import { useEffect } from 'react';
import { followTheme, setupMonaco } from './monaco-setup';

const monaco = setupMonaco();

export function DiffView({ id, original, modified, label }: { id: string; original: string; modified: string; label: string }) {
  useEffect(() => followTheme(monaco), []);
  return (
    <div className="acl-diff" role="group" aria-label={label} data-testid={`diff-${id}`}>
      <DiffEditor
        language="json"
        original={original}
        modified={modified}
        originalModelPath={`diff-${id}-before.hujson`}
        modifiedModelPath={`diff-${id}-after.hujson`}
        loading={<p className="empty">Loading diff…</p>}
        options={{ readOnly: true, originalEditable: false, renderSideBySide: true, minimap: { enabled: false }, automaticLayout: true, scrollBeyondLastLine: false, fontSize: 13, ariaLabel: label }}
      />
    </div>
  );
}
