// Monaco from the local monaco-editor package (never a CDN): its workers are bundled from
// node_modules, the json language reads HuJSON (comments and trailing commas allowed), and
// "Format Document" uses meshdeck's HuJSON formatter, which keeps comments (Go's hujsonfmt).
import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor';
import { formatText } from '@/lib/domain/hujson';

export type Monaco = typeof monaco;

let configured = false;

export function setupMonaco(): Monaco {
  if (configured) return monaco;
  configured = true;
  self.MonacoEnvironment = {
    getWorker(_id: string, label: string) {
      if (label === 'json') return new Worker(new URL('monaco-editor/language/json/json.worker', import.meta.url), { type: 'module' });
      return new Worker(new URL('monaco-editor/editor/editor.worker', import.meta.url), { type: 'module' });
    },
  };
  loader.config({ monaco });
  defineThemes(monaco);
  // Comments and trailing commas are HuJSON, not mistakes. Markers come from meshdeck's own check
  // (the server's parser and engine, see useAclCheck); the JSON worker's second opinion would
  // duplicate them and compete for the CPU on every keystroke of a large document.
  monaco.json.jsonDefaults.setDiagnosticsOptions({ validate: false, allowComments: true, comments: 'ignore', trailingCommas: 'ignore', schemaValidation: 'ignore', enableSchemaRequest: false });
  monaco.json.jsonDefaults.setModeConfiguration({ ...monaco.json.jsonDefaults.modeConfiguration, documentFormattingEdits: false, documentRangeFormattingEdits: false });
  monaco.languages.registerDocumentFormattingEditProvider('json', {
    displayName: 'HuJSON (meshdeck)',
    provideDocumentFormattingEdits(model) {
      try {
        return [{ range: model.getFullModelRange(), text: formatText(model.getValue()) }];
      } catch {
        // A syntax error: nothing to format; the marker already says why.
        return [];
      }
    },
  });
  return monaco;
}

/**
 * Monaco's two themes: its own light and dark token colours on the console's panel and text colours
 * (app/globals.css --panel, --text, --muted, --border), so the editor looks like part of the page.
 */
export const MONACO_THEMES = { light: 'meshdeck-light', dark: 'meshdeck-dark' } as const;

function defineThemes(m: Monaco) {
  m.editor.defineTheme(MONACO_THEMES.light, {
    base: 'vs',
    inherit: true,
    rules: [],
    colors: { 'editor.background': '#ffffff', 'editor.foreground': '#16181d', 'editorLineNumber.foreground': '#5b6270', 'editorGutter.background': '#ffffff' },
  });
  m.editor.defineTheme(MONACO_THEMES.dark, {
    base: 'vs-dark',
    inherit: true,
    rules: [],
    colors: {
      'editor.background': '#171a21',
      'editor.foreground': '#e7e9ee',
      'editorLineNumber.foreground': '#9aa3b2',
      'editorLineNumber.activeForeground': '#e7e9ee',
      'editorGutter.background': '#171a21',
      'editor.lineHighlightBorder': '#2a2f3a',
      'diffEditor.border': '#2a2f3a',
    },
  });
}

/** The Monaco theme for the console's theme (before hydration, when it is unknown: light). */
export const monacoTheme = (theme: 'light' | 'dark' | null) => MONACO_THEMES[theme ?? 'light'];

/**
 * Monaco's theme is one for the whole page: every editor (the policy editor, the diff views) is
 * repainted when the console's theme changes (html[data-theme], see components/useTheme.ts).
 */
export function followTheme(m: Monaco): () => void {
  const apply = () => m.editor.setTheme(monacoTheme(document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light'));
  apply();
  const obs = new MutationObserver(apply);
  obs.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => obs.disconnect();
}
