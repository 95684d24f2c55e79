'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { api } from '../api';
import { AccessSimulator } from '../access/AccessSimulator';
import { ConfirmButton, count } from '../ConfirmButton';
import { ErrorAlert } from '../Feedback';
import { useResource } from '../useResource';
import { AccessiblePeers, PeerRoutes, RecentTraffic } from './PeerSections';
import type { NetbirdPeer } from '@/lib/dialects/netbird/peers';
import { when } from './types';

type Editable = Pick<NetbirdPeer, 'name' | 'ssh_enabled' | 'login_expiration_enabled' | 'inactivity_expiration_enabled'>;

/** One peer: its addresses and groups, an edit form, delete, and what it can reach. */
export function PeerDetail({ peerId, canEdit, canSeeTraffic, canSimulate = false }: { peerId: string; canEdit: boolean; canSeeTraffic: boolean; canSimulate?: boolean }) {
  const router = useRouter();
  const { data: peer, error, setError, busy, act } = useResource(() => api<NetbirdPeer>(`/api/peers/${peerId}`));
  const [form, setForm] = useState<Editable | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (peer) setForm({ name: peer.name, ssh_enabled: peer.ssh_enabled, login_expiration_enabled: peer.login_expiration_enabled, inactivity_expiration_enabled: peer.inactivity_expiration_enabled });
  }, [peer]);

  if (!peer || !form) {
    return (
      <>
        <ErrorAlert message={error} />
        {!error && <p className="empty">Loading…</p>}
        <Link href="/app/peers">Back to peers</Link>
      </>
    );
  }

  const put = (body: Editable & { approval_required?: boolean }) => api(`/api/peers/${peer.id}`, { method: 'PUT', body: JSON.stringify(body) });
  const facts: [string, React.ReactNode][] = [
    ['IPv4', <span className="mono">{peer.ip}</span>],
    ['IPv6', <span className="mono">{peer.ipv6 || '—'}</span>],
    ['DNS name', <span className="mono">{peer.dns_label}</span>],
    ['Public address', <span className="mono">{peer.connection_ip || '—'}</span>],
    ['Status', peer.connected ? 'online' : 'offline'],
    ['Last seen', when(peer.last_seen)],
    ['OS', peer.os || '—'],
    ['Agent version', peer.version || '—'],
    ['Hostname', peer.hostname || '—'],
    ['Approval', peer.approval_required ? 'waiting for approval' : 'approved'],
    ['Login expired', peer.login_expired ? 'yes' : 'no'],
    ['Location', [peer.city_name, peer.country_code].filter(Boolean).join(', ') || '—'],
  ];

  return (
    <>
      <p>
        <Link href="/app/peers">← All peers</Link>
      </p>
      <h1>{peer.name}</h1>
      <ErrorAlert message={error} />
      <section className="panel" aria-labelledby="addr-h">
        <h2 id="addr-h" className="mt-0">
          Addresses and status
        </h2>
        <dl className="facts" data-testid="peer-facts">
          {facts.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
        <h3>Groups</h3>
        <p data-testid="peer-groups">
          {peer.groups.map((g) => (
            <span key={g.id} className="badge mr-6">
              {g.name}
            </span>
          ))}
        </p>
      </section>
      {canEdit && (
        <form
          className="panel"
          aria-label="Edit peer"
          onSubmit={async (e) => {
            e.preventDefault();
            setSaved(false);
            if (!form.name.trim()) return setError('Give the peer a name.');
            if (await act(() => put({ ...form, name: form.name.trim() }))) setSaved(true);
          }}
        >
          <h2 className="mt-0">Settings</h2>
          <div className="field max-w-420">
            <label htmlFor="peer-name">Name</label>
            <input id="peer-name" value={form.name} maxLength={255} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          </div>
          <div className="row middle mb-12">
            {(
              [
                ['ssh_enabled', 'SSH server enabled'],
                ['login_expiration_enabled', 'Login expiration'],
                ['inactivity_expiration_enabled', 'Inactivity expiration'],
              ] as const
            ).map(([k, label]) => (
              <label key={k} className="check-label">
                <input type="checkbox" className="check" checked={form[k]} onChange={(e) => setForm({ ...form, [k]: e.target.checked })} /> {label}
              </label>
            ))}
          </div>
          <div className="row middle">
            <button type="submit" className="primary" disabled={busy}>
              Save
            </button>
            {peer.approval_required && (
              <button type="button" disabled={busy} onClick={() => act(() => put({ ...form, approval_required: false }))}>
                Approve peer
              </button>
            )}
            <ConfirmButton
              label="Delete peer"
              confirmLabel={`Confirm: delete ${peer.name}`}
              removes={`Deletes peer ${peer.name} (${peer.ip}): it leaves its ${count(peer.groups.length, 'group')} and is cut off the network until it registers again.`}
              disabled={busy}
              onConfirm={async () => {
                // Not through act(): reloading a deleted peer would only answer 404.
                try {
                  await api(`/api/peers/${peer.id}`, { method: 'DELETE' });
                  router.push('/app/peers');
                } catch (e) {
                  setError((e as Error).message);
                }
              }}
            />
            {saved && (
              <span role="status" className="sub">
                Saved.
              </span>
            )}
          </div>
        </form>
      )}
      <AccessiblePeers peerId={peer.id} />
      <PeerRoutes peerId={peer.id} />
      {canSimulate && <AccessSimulator sourcePeer={{ id: peer.id, name: `${peer.name} (${peer.ip})` }} />}
      {canSeeTraffic && <RecentTraffic peerId={peer.id} />}
    </>
  );
}
