'use client';
import { api } from '../api';
import type { GroupOption } from '../forms/types';
import { useResource } from '../useResource';
import { DnsManagementSettings } from './DnsManagementSettings';
import { NameserverGroupsManager } from './NameserverGroupsManager';
import { TailnetDnsPanel, type TailnetDns } from './TailnetDnsPanel';
import type { NetbirdDnsSettings, NetbirdNameserverGroup as NameserverGroup } from '@/lib/dialects/netbird/dns';

export function DnsConsole({ canEdit }: { canEdit: boolean }) {
  const { data, error, busy, act, reload } = useResource(async () => {
    const [groups, nsGroups, settings, ns, prefs, search, splitDns] = await Promise.all([
      api<GroupOption[]>('/api/groups'),
      api<NameserverGroup[]>('/api/dns/nameservers'),
      api<NetbirdDnsSettings>('/api/dns/settings'),
      api<{ dns: string[] }>('/api/v2/tailnet/-/dns/nameservers'),
      api<{ magicDNS: boolean }>('/api/v2/tailnet/-/dns/preferences'),
      api<{ searchPaths: string[] }>('/api/v2/tailnet/-/dns/searchpaths'),
      api<Record<string, string[]>>('/api/v2/tailnet/-/dns/split-dns'),
    ]);
    const tailnet: TailnetDns = { nameservers: ns.dns, magicDNS: prefs.magicDNS, searchPaths: search.searchPaths, splitDns: splitDns };
    return { groups: groups.map((g) => ({ id: g.id, name: g.name })), nsGroups, disabled: settings.disabled_management_groups, tailnet };
  });
  const groups = data?.groups ?? [];
  return (
    <>
      <NameserverGroupsManager canEdit={canEdit} groups={groups} nsGroups={data?.nsGroups ?? null} busy={busy} error={error} act={act} reload={reload} />
      {data && (
        <>
          <DnsManagementSettings canEdit={canEdit} groups={groups} disabled={data.disabled} onSaved={reload} />
          <TailnetDnsPanel canEdit={canEdit} dns={data.tailnet} onChanged={reload} />
        </>
      )}
    </>
  );
}
