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

/** Monaco's theme follows the console's (html[data-theme]). */
export function followTheme(m: Monaco): () => void {
  const apply = () => m.editor.setTheme(document.documentElement.dataset.theme === 'dark' ? 'vs-dark' : 'vs');
  apply();
  const obs = new MutationObserver(apply);
  obs.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => obs.disconnect();
}
