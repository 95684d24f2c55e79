'use client';
// "Preview rules": which acls/grants entries of the edited (unsaved) document apply to a user (as
// source) or an ip:port (as destination), through the Tailscale API's preview; each match's line
// number jumps to the editor.
import { useState } from 'react';
import { ErrorAlert } from '../Feedback';
import { TablePanel } from '../TablePanel';
import { previewRules } from './policy-api';
import type { PolicyMatch, Topology } from './types';

export function RulesPreview({ text, topology, jumpTo }: { text: string; topology: Topology | null; jumpTo(line: number): void }) {
  const [type, setType] = useState<'user' | 'ipport'>('user');
  const [target, setTarget] = useState('');
  const [matches, setMatches] = useState<PolicyMatch[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    const t = target.trim();
    if (!t) return setError(type === 'user' ? 'Enter a user’s email.' : 'Enter an address and port, like 100.64.0.5:22.');
    if (type === 'ipport' && !/^\[?[0-9A-Fa-f.:]+\]?:\d{1,5}$/.test(t)) return setError('Enter an address and port, like 100.64.0.5:22.');
    setBusy(true);
    try {
      setMatches(await previewRules(text, type, t));
    } catch (err) {
      setMatches(null);
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <form className="row" aria-label="Preview rules" onSubmit={run}>
        <div className="field fixed-130">
          <label htmlFor="preview-type">Preview for</label>
          <select id="preview-type" value={type} onChange={(e) => setType(e.target.value as 'user' | 'ipport')}>
            <option value="user">user</option>
            <option value="ipport">ip:port</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="preview-target">{type === 'user' ? 'User email' : 'Address and port'}</label>
          <input id="preview-target" list={type === 'user' ? 'preview-users' : undefined} value={target} onChange={(e) => setTarget(e.target.value)} placeholder={type === 'user' ? 'alice@example.com' : '100.64.0.5:22'} />
          <datalist id="preview-users">
            {topology?.users.map((u) => <option key={u.email} value={u.email} />)}
          </datalist>
        </div>
        <div className="field fit">
          <button type="submit" className="primary" disabled={busy}>
            Preview
          </button>
        </div>
      </form>
      <ErrorAlert message={error} />
      {matches !== null && (
        <TablePanel rows={matches} headers={['Line', 'Sources', 'Destinations']} empty="No rule of this document matches. Nothing is allowed for it." wrap="none" table={{ 'data-testid': 'preview-matches' }}>
          {matches.map((m, i) => (
            <tr key={i}>
              <td>
                <button type="button" className="link" onClick={() => jumpTo(m.lineNumber)} aria-label={`Go to line ${m.lineNumber}`}>
                  {m.lineNumber}
                </button>
              </td>
              <td className="mono">{m.users.join(', ')}</td>
              <td className="mono">{m.ports.join(', ')}</td>
            </tr>
          ))}
        </TablePanel>
      )}
    </>
  );
}
