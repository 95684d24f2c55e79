'use client';
import { useRef, useState } from 'react';
import { usePaletteIntent } from '../palette/usePaletteIntent';
import { api } from '../api';
import { CopyButton } from '../CopyButton';
import type { NetbirdSetupKey as SetupKey } from '@/lib/dialects/netbird/setup-keys';
import type { GroupOption } from '../forms/types';
import { ErrorAlert, ShowOnceSecret } from '../Feedback';
import { usePending } from '../usePending';
import { GroupPicker } from '../forms/GroupPicker';

const DAY = 86_400;

/**
 * What a Linux machine runs to join with the key: it fetches the single-file agent this server
 * serves and starts it in the foreground (README, "Joining a machine with the agent").
 */
export function joinCommand(origin: string, key: string): string {
  return `curl -fsSL ${origin}/agent/meshdeck-agent.mjs -o meshdeck-agent.mjs && sudo node meshdeck-agent.mjs up --server ${origin} --setup-key ${key}`;
}

export function CreateKeyForm({ groups, onCreated }: { groups: GroupOption[]; onCreated: () => void }) {
  const [name, setName] = useState('');
  const [type, setType] = useState<'one-off' | 'reusable'>('reusable');
  const [days, setDays] = useState(30);
  const [limit, setLimit] = useState(0);
  const [autoGroups, setAutoGroups] = useState<string[]>([]);
  const [ephemeral, setEphemeral] = useState(false);
  const [extraLabels, setExtraLabels] = useState(false);
  const { error, setError, busy, run } = usePending();
  const [created, setCreated] = useState<SetupKey | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  // The command palette's "New setup key" (/app/setup-keys?do=new-setup-key): to the form's first field.
  usePaletteIntent('new-setup-key', () => {
    nameRef.current?.scrollIntoView({ block: 'center' });
    nameRef.current?.focus();
  });

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!name.trim()) return setError('Give the key a name.');
    if (days < 1 || days > 365) return setError('Expiry must be between 1 and 365 days.');
    if (type === 'reusable' && limit < 0) return setError('The usage limit cannot be negative.');
    await run(async () => {
      const key = await api<SetupKey>('/api/setup-keys', {
        method: 'POST',
        body: JSON.stringify({ name: name.trim(), type, expires_in: days * DAY, usage_limit: type === 'one-off' ? 1 : limit, auto_groups: autoGroups, ephemeral, allow_extra_dns_labels: extraLabels }),
      });
      setCreated(key);
      setName('');
      onCreated();
    });
  }

  const origin = typeof window === 'undefined' ? '' : window.location.origin;
  return (
    <form className="panel" onSubmit={submit} aria-label="Create setup key">
      <div className="row">
        <div className="field">
          <label htmlFor="key-name">Name</label>
          <input id="key-name" ref={nameRef} value={name} maxLength={255} onChange={(e) => setName(e.target.value)} placeholder="e.g. office laptops" />
        </div>
        <div className="field basis-150">
          <label htmlFor="key-type">Type</label>
          <select id="key-type" value={type} onChange={(e) => setType(e.target.value as 'one-off' | 'reusable')}>
            <option value="reusable">Reusable</option>
            <option value="one-off">One-off</option>
          </select>
        </div>
        <div className="field basis-130">
          <label htmlFor="key-days">Expires in (days)</label>
          <input id="key-days" type="number" min={1} max={365} value={days} onChange={(e) => setDays(Number(e.target.value))} />
        </div>
        <div className="field basis-150">
          <label htmlFor="key-limit">Usage limit (0 = none)</label>
          <input id="key-limit" type="number" min={0} value={type === 'one-off' ? 1 : limit} disabled={type === 'one-off'} onChange={(e) => setLimit(Number(e.target.value))} />
        </div>
      </div>
      <GroupPicker legend="Auto-assigned groups" groups={groups} value={autoGroups} onChange={setAutoGroups} empty="No groups yet (peers always join the All group)." />
      <div className="row middle">
        <label className="inline-check">
          <input type="checkbox" className="auto-width" checked={ephemeral} onChange={(e) => setEphemeral(e.target.checked)} /> Ephemeral peers
        </label>
        <label className="inline-check">
          <input type="checkbox" className="auto-width" checked={extraLabels} onChange={(e) => setExtraLabels(e.target.checked)} /> Allow extra DNS labels
        </label>
        <button type="submit" className="primary" disabled={busy}>
          Create setup key
        </button>
      </div>
      <ErrorAlert message={error} />
      {created && (
        <ShowOnceSecret what="Setup key" name={created.name} secret={created.key} testId="new-key" secretTestId="key-secret" onDone={() => setCreated(null)}>
          <p>Join a Linux machine with it (Node.js 20 and the packages iproute2, wireguard-tools, nftables, and wireguard-go where the kernel has no WireGuard):</p>
          <div className="secret">
            <code data-testid="join-command" className="wrap-all">
              {joinCommand(origin, created.key)}
            </code>
            <CopyButton text={joinCommand(origin, created.key)} label="Copy command" />
          </div>
          <p data-testid="service-hint" className="muted">
            The agent runs in the foreground and keeps the peer in <code>/var/lib/meshdeck-agent</code>. To rejoin after reboots, run{' '}
            <code>sudo node meshdeck-agent.mjs install-service</code> once joined: it writes a systemd unit and prints how to enable it.
          </p>
        </ShowOnceSecret>
      )}
    </form>
  );
}
