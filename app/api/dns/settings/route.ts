import { netbird } from '@/lib/http/dialects/netbird';
import { dnsSettingsRequest, toNetbirdDnsSettings } from '@/lib/dialects/netbird/dns';
import { getDnsSettings, updateDnsSettings } from '@/lib/domain/dns/nameservers';
import { route } from '@/lib/http/route';

export const GET = route({ dialect: netbird, permission: 'audit' }, async ({ db, actor }) => toNetbirdDnsSettings(await getDnsSettings(db, actor)));

export const PUT = route({ dialect: netbird, body: dnsSettingsRequest }, async ({ db, actor, body }) =>
  toNetbirdDnsSettings(await updateDnsSettings(db, actor, { disabledManagementGroups: body.disabled_management_groups })),
);
