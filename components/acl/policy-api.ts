// The console's calls for the policy document: read it (with its ETag) and preview through the
// Tailscale API, save / restore / history / effective access through the console endpoints.
import { api, ApiError } from '../api';
import type { AclSaved, PolicyMatch, SavedPolicy, Version, VersionSummary, EffectiveView } from './types';

export async function loadPolicy(): Promise<SavedPolicy> {
  const res = await fetch('/api/v2/tailnet/-/acl', { credentials: 'same-origin', headers: { Accept: 'application/hujson' } });
  const text = await res.text();
  if (!res.ok) throw new ApiError(safeMessage(text) ?? `${res.status} ${res.statusText}`, res.status);
  return { text, etag: (res.headers.get('etag') ?? '').replace(/^"(.*)"$/, '$1') };
}

function safeMessage(text: string): string | undefined {
  try {
    return JSON.parse(text)?.message;
  } catch {
    return undefined;
  }
}

const ifMatch = (etag: string) => ({ 'If-Match': `"${etag}"` });

export const savePolicy = (text: string, message: string, etag: string) =>
  api<AclSaved>('/api/console/acl', { method: 'PUT', body: JSON.stringify({ text, message }), headers: ifMatch(etag) });

export const restoreVersion = (number: number, etag: string) =>
  api<AclSaved>(`/api/console/acl/versions/${number}/restore`, { method: 'POST', headers: ifMatch(etag) });

export const listVersions = () => api<VersionSummary[]>('/api/console/acl/versions');
export const getVersion = (number: number) => api<Version>(`/api/console/acl/versions/${number}`);
export const loadEffective = (view: 'peers' | 'groups') => api<EffectiveView>(`/api/console/acl/effective?view=${view}`);

export async function previewRules(text: string, type: 'user' | 'ipport', previewFor: string) {
  const q = new URLSearchParams({ type, previewFor });
  const res = await api<{ matches: PolicyMatch[] | null }>(`/api/v2/tailnet/-/acl/preview?${q}`, { method: 'POST', body: text, headers: { 'Content-Type': 'application/hujson' } });
  return res.matches ?? [];
}

/** A save lost the race (412): someone else saved first. */
export const isConflict = (e: unknown) => e instanceof ApiError && e.status === 412;
