// Every keyboard shortcut of the console, as the `?` dialog lists them and docs/console.md describes.
export interface Shortcut {
  keys: string[][];
  what: string;
}

export const SHORTCUTS: { title: string; shortcuts: Shortcut[] }[] = [
  {
    title: 'Anywhere in the console',
    shortcuts: [
      { keys: [['Ctrl', 'K'], ['⌘', 'K']], what: 'Open the command palette: pages, peers (name, IP, DNS name), groups, users, policies, setup keys and actions' },
      { keys: [['?']], what: 'List these shortcuts (not while typing in a field)' },
      { keys: [['Tab'], ['Shift', 'Tab']], what: 'Move between links, buttons and fields' },
      { keys: [['Esc']], what: 'Close a dialog' },
    ],
  },
  {
    title: 'In the command palette',
    shortcuts: [
      { keys: [['↑'], ['↓']], what: 'Previous / next result' },
      { keys: [['Page Up'], ['Page Down']], what: 'Five results up / down' },
      { keys: [['Ctrl', 'Home'], ['Ctrl', 'End']], what: 'First / last result' },
      { keys: [['Enter']], what: 'Open the page or object, or run the action' },
      { keys: [['Backspace']], what: 'In "Approve a peer…" with an empty field: back to the search' },
    ],
  },
];
