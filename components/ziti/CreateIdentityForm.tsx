'use client';
import { useState } from 'react';
import { api } from '../api';
import { ErrorAlert } from '../Feedback';
import { EnrollmentSecret } from './EnrollmentSecret';
import type { ZitiEnrollmentView as ZitiEnrollment, ZitiIdentityView as ZitiIdentity } from '@/lib/dialects/console/ziti-identities';

const ATTRIBUTE = /^[^#@\s]\S*$/;

export function CreateIdentityForm({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState('');
  const [type, setType] = useState<ZitiIdentity['type']>('Device');
  const [attributes, setAttributes] = useState('');
  const [method, setMethod] = useState<'ott' | 'updb'>('ott');
  const [username, setUsername] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<{ name: string; enrollment: ZitiEnrollment } | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const roleAttributes = attributes.split(',').map((a) => a.trim()).filter(Boolean);
    if (!name.trim()) return setError('Give the identity a name.');
    const bad = roleAttributes.find((a) => !ATTRIBUTE.test(a));
    if (bad) return setError(`Role attribute "${bad}" is not valid: no spaces, and no leading # or @.`);
    if (method === 'updb' && username.trim().length < 4) return setError('The username needs at least 4 characters.');
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ identity: ZitiIdentity; enrollment: ZitiEnrollment }>('/api/console/ziti/identities', {
        method: 'POST',
        body: JSON.stringify({ name: name.trim(), type, role_attributes: roleAttributes, enrollment_method: method, ...(method === 'updb' ? { username: username.trim() } : {}) }),
      });
      setCreated({ name: r.identity.name, enrollment: r.enrollment });
      setName('');
      setAttributes('');
      setUsername('');
      onCreated();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="panel" onSubmit={submit} aria-label="Create Ziti identity">
      <div className="row">
        <div className="field">
          <label htmlFor="ziti-name">Name</label>
          <input id="ziti-name" value={name} maxLength={255} onChange={(e) => setName(e.target.value)} placeholder="e.g. alice-laptop" />
        </div>
        <div className="field basis-140">
          <label htmlFor="ziti-type">Type</label>
          <select id="ziti-type" value={type} onChange={(e) => setType(e.target.value as ZitiIdentity['type'])}>
            <option>Device</option>
            <option>User</option>
            <option>Default</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="ziti-attributes">Role attributes (group names, comma-separated)</label>
          <input id="ziti-attributes" value={attributes} onChange={(e) => setAttributes(e.target.value)} placeholder="e.g. web, staff" />
        </div>
      </div>
      <div className="row">
        <div className="field basis-280">
          <label htmlFor="ziti-method">Enrollment</label>
          <select id="ziti-method" value={method} onChange={(e) => setMethod(e.target.value as 'ott' | 'updb')}>
            <option value="ott">Certificate (one-time token)</option>
            <option value="updb">Username and password</option>
          </select>
        </div>
        {method === 'updb' && (
          <div className="field basis-220">
            <label htmlFor="ziti-username">Username</label>
            <input id="ziti-username" value={username} maxLength={100} onChange={(e) => setUsername(e.target.value)} />
          </div>
        )}
        <button type="submit" className="primary" disabled={busy}>
          Create identity
        </button>
      </div>
      <ErrorAlert message={error} />
      {created && <EnrollmentSecret name={created.name} enrollment={created.enrollment} onDone={() => setCreated(null)} />}
    </form>
  );
}
