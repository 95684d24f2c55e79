'use client';
// The pane beside the editor: the standard JSON the engine reads, which rules match a user or an
// ip:port, the document's tests, and the effective access. Tabs follow the WAI-ARIA pattern
// (arrow keys move between tabs; the panel is focusable).
import { useRef, useState } from 'react';
import { TablePanel } from '../TablePanel';
import { EffectiveAccess } from './EffectiveAccess';
import { RulesPreview } from './RulesPreview';
import type { PolicyCheck, Topology } from './types';

const TABS = [
  { id: 'json', label: 'HuJSON → JSON' },
  { id: 'rules', label: 'Rules preview' },
  { id: 'tests', label: 'Tests' },
  { id: 'effective', label: 'Effective access' },
] as const;
type TabId = (typeof TABS)[number]['id'];

export function PreviewTabs(props: { text: string; check: PolicyCheck | null; topology: Topology | null; jumpTo(line: number): void }) {
  const [tab, setTab] = useState<TabId>('json');
  const buttons = useRef<Record<string, HTMLButtonElement | null>>({});

  function onKey(e: React.KeyboardEvent, i: number) {
    const next = e.key === 'ArrowRight' ? (i + 1) % TABS.length : e.key === 'ArrowLeft' ? (i + TABS.length - 1) % TABS.length : e.key === 'Home' ? 0 : e.key === 'End' ? TABS.length - 1 : -1;
    if (next < 0) return;
    e.preventDefault();
    setTab(TABS[next].id);
    buttons.current[TABS[next].id]?.focus();
  }

  return (
    <div className="panel acl-preview">
      <div role="tablist" aria-label="Preview" className="tabs">
        {TABS.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => {
              buttons.current[t.id] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setTab(t.id)}
            onKeyDown={(e) => onKey(e, i)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} tabIndex={0} className="tabpanel">
        {tab === 'json' && <JsonTab check={props.check} />}
        {tab === 'rules' && <RulesPreview text={props.text} topology={props.topology} jumpTo={props.jumpTo} />}
        {tab === 'tests' && <TestsTab check={props.check} jumpTo={props.jumpTo} />}
        {tab === 'effective' && <EffectiveAccess />}
      </div>
    </div>
  );
}

function JsonTab({ check }: { check: PolicyCheck | null }) {
  if (!check) return <p className="empty">Checking…</p>;
  if (check.json === null) return <p className="empty">The document does not parse yet; fix the marked syntax error to see its JSON.</p>;
  return (
    // A scroller of its own: focusable, so it scrolls from the keyboard too (axe: scrollable-region-focusable).
    <pre className="acl-json" data-testid="acl-json" tabIndex={0} role="region" aria-label="The document as JSON">
      {check.json}
    </pre>
  );
}

function TestsTab({ check, jumpTo }: { check: PolicyCheck | null; jumpTo(line: number): void }) {
  if (!check) return <p className="empty">Checking…</p>;
  if (!check.tests.length) {
    return <p className="empty">{check.json === null || check.problems.length ? 'Tests run once the policy itself compiles.' : 'This document has no tests. Add a "tests" section, e.g. {"src": "alice@example.com", "accept": ["server:22"]}.'}</p>;
  }
  const failed = check.tests.filter((t) => !t.pass).length;
  return (
    <>
      <p role="status" data-testid="tests-summary">
        {failed ? `${failed} of ${check.tests.length} assertions fail — saving is blocked until they pass.` : `All ${check.tests.length} assertions pass.`}
      </p>
      <TablePanel rows={check.tests} headers={['Result', 'Source', 'Expect', 'Destination', 'Line']} wrap="none">
        {check.tests.map((t, i) => (
          <tr key={i} data-testid="test-row">
            <td>{t.pass ? <span className="badge ok">pass</span> : <span className="badge bad">fail</span>}</td>
            <td className="mono">{t.src}</td>
            <td>{t.want === 'accept' ? 'accept' : 'deny'}{t.proto ? ` (${t.proto})` : ''}</td>
            <td className="mono">{t.dst}</td>
            <td>
              <button type="button" className="link" onClick={() => jumpTo(t.line)} aria-label={`Go to line ${t.line}`}>
                {t.line}
              </button>
            </td>
          </tr>
        ))}
      </TablePanel>
    </>
  );
}
