'use client';
// The access simulator (docs/console.md, "Access simulator"): pick a source and a destination,
// optionally protocol and port, and ask POST /api/console/access/check which rules decide. On the
// Access Control page it also answers for the unsaved document ("after save") and re-asks while it
// is edited; on a peer's page the peer is the preselected source. Its panel is #simulator.
import { useEffect, useRef, useState } from 'react';
import { api } from '../api';
import { ErrorAlert } from '../Feedback';
import { AccessAnswerView } from './AccessAnswerView';
import type { AccessCheck, AccessQuestion } from '@/lib/domain/access/simulator';
import type { DestinationKind, SimulatorOptions, SourceKind } from '@/lib/domain/access/simulator-targets';

type Option = { id: string; name: string };

const PROTOCOL_NAMES: Record<number, string> = { 1: 'ICMP', 6: 'TCP', 17: 'UDP', 132: 'SCTP' };
const SOURCE_KINDS: SourceKind[] = ['peer', 'user', 'group'];
const DESTINATION_KINDS: DestinationKind[] = ['peer', 'group', 'route', 'resource', 'address'];

function choices(options: SimulatorOptions | null, kind: string, preset?: Option): Option[] {
  if (!options) return preset ? [preset] : [];
  const list: Option[] =
    kind === 'peer' ? options.peers.map((p) => ({ id: p.id, name: `${p.name} (${p.ip})` })) : kind === 'user' ? options.users : kind === 'group' ? options.groups : kind === 'route' ? options.routes : kind === 'resource' ? options.resources : [];
  return preset && kind === 'peer' && !list.some((o) => o.id === preset.id) ? [preset, ...list] : list;
}

export function AccessSimulator(props: {
  /** The peer whose page this is: the preselected source. */
  sourcePeer?: Option;
  /** The unsaved document, when it differs from the saved one: also answered "after save". */
  document?: string | null;
  /** Moves the policy editor to a line (the Access Control page). */
  jumpTo?: (line: number) => void;
}) {
  const [options, setOptions] = useState<SimulatorOptions | null>(null);
  const [srcKind, setSrcKind] = useState<SourceKind>('peer');
  const [srcId, setSrcId] = useState(props.sourcePeer?.id ?? '');
  const [dstKind, setDstKind] = useState<DestinationKind>('peer');
  const [dstId, setDstId] = useState('');
  const [protocol, setProtocol] = useState('any');
  const [port, setPort] = useState('');
  const [result, setResult] = useState<AccessCheck | null>(null);
  const [asked, setAsked] = useState<Omit<AccessQuestion, 'document'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const panel = useRef<HTMLElement>(null);

  useEffect(() => {
    api<SimulatorOptions>('/api/console/access/options')
      .then(setOptions)
      .catch((e) => setError((e as Error).message));
    // The page loads in the browser only, so the browser's own jump to #simulator found nothing yet.
    if (window.location.hash === '#simulator') panel.current?.scrollIntoView();
  }, []);

  async function ask(question: Omit<AccessQuestion, 'document'>, document: string | null | undefined) {
    setBusy(true);
    try {
      const body = document != null ? { ...question, document } : question;
      setResult(await api<AccessCheck>('/api/console/access/check', { method: 'POST', body: JSON.stringify(body) }));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  // While the document is edited, the last question is asked again (after a pause in typing).
  useEffect(() => {
    if (!asked) return;
    const t = setTimeout(() => ask(asked, props.document), 600);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.document]);

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!srcId) return setError('Choose a source.');
    if (!dstId.trim()) return setError(dstKind === 'address' ? 'Type an address, like 100.64.0.5 or 10.0.0.0/24.' : 'Choose a destination.');
    const portNumber = port.trim() === '' ? undefined : Number(port);
    if (portNumber !== undefined && !(Number.isInteger(portNumber) && portNumber >= 0 && portNumber <= 65535)) return setError('A port is a number from 0 to 65535.');
    const question = { source: { kind: srcKind, id: srcId }, destination: { kind: dstKind, id: dstId.trim() }, ...(protocol !== 'any' ? { protocol } : {}), ...(portNumber !== undefined ? { port: portNumber } : {}) };
    setAsked(question);
    void ask(question, props.document);
  }

  const sources = choices(options, srcKind, props.sourcePeer);
  const destinations = choices(options, dstKind);
  return (
    <section className="panel" id="simulator" ref={panel} aria-labelledby="simulator-h" data-testid="simulator">
      <h2 id="simulator-h" className="mt-0">
        Access simulator
      </h2>
      <p className="hint">Can a source reach a destination, and which rules decide? Evaluated by the policy engine against what is saved{props.jumpTo ? ', and against your unsaved document' : ''}.</p>
      <form className="row" aria-label="Check access" onSubmit={submit}>
        <div className="field fixed-130">
          <label htmlFor="sim-src-kind">Source</label>
          <select id="sim-src-kind" value={srcKind} onChange={(e) => (setSrcKind(e.target.value as SourceKind), setSrcId(''))}>
            {SOURCE_KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
          </select>
        </div>
        <div className="field basis-220">
          <label htmlFor="sim-src">Source {srcKind}</label>
          <select id="sim-src" value={srcId} onChange={(e) => setSrcId(e.target.value)}>
            <option value="">Choose…</option>
            {sources.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </select>
        </div>
        <div className="field fixed-130">
          <label htmlFor="sim-dst-kind">Destination</label>
          <select id="sim-dst-kind" value={dstKind} onChange={(e) => (setDstKind(e.target.value as DestinationKind), setDstId(''))}>
            {DESTINATION_KINDS.map((k) => <option key={k} value={k}>{k === 'resource' ? 'network resource' : k}</option>)}
          </select>
        </div>
        <div className="field basis-220">
          <label htmlFor="sim-dst">{dstKind === 'address' ? 'Address' : `Destination ${dstKind === 'resource' ? 'resource' : dstKind}`}</label>
          {dstKind === 'address' ? (
            <input id="sim-dst" className="mono" value={dstId} onChange={(e) => setDstId(e.target.value)} placeholder="100.64.0.5 or 10.0.0.0/24" />
          ) : (
            <select id="sim-dst" value={dstId} onChange={(e) => setDstId(e.target.value)}>
              <option value="">Choose…</option>
              {destinations.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
            </select>
          )}
        </div>
        <div className="field basis-110">
          <label htmlFor="sim-proto">Protocol</label>
          <select id="sim-proto" value={protocol} onChange={(e) => setProtocol(e.target.value)}>
            {['any', 'tcp', 'udp', 'icmp', 'sctp'].map((p) => <option key={p} value={p}>{p}</option>)}
          </select>
        </div>
        <div className="field basis-110">
          <label htmlFor="sim-port">Port</label>
          <input id="sim-port" inputMode="numeric" value={port} onChange={(e) => setPort(e.target.value)} placeholder="any" />
        </div>
        <div className="field fit sim-submit">
          <button type="submit" className="primary" disabled={busy}>
            Check access
          </button>
        </div>
      </form>
      {options?.morePeers && <p className="hint">Only the first peers by name are listed; choose “address” and type a peer’s IP for any other.</p>}
      <ErrorAlert message={error} />
      {result && (
        <div aria-live="polite" data-testid="simulator-result">
          <p className="m-0 mb-8">
            <strong>{result.source.name}</strong> → <strong>{result.destination.name}</strong>
            {result.protocol !== null || result.port !== null ? ` · ${result.protocol !== null ? (PROTOCOL_NAMES[result.protocol] ?? `protocol ${result.protocol}`) : 'any protocol'}${result.port !== null ? ` port ${result.port}` : ''}` : ' · any traffic'}
          </p>
          <AccessAnswerView title="Saved" answer={result.saved} jumpTo={props.document == null ? props.jumpTo : undefined} testId="sim-saved" />
          {result.unsaved && <AccessAnswerView title="After save" answer={result.unsaved} jumpTo={props.jumpTo} testId="sim-unsaved" />}
        </div>
      )}
    </section>
  );
}
