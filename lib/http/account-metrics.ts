// Prometheus text of one account's figures (lib/domain/accounts/account-figures.ts), labelled with
// that account's domain only.
import type { AccountFigures } from '../domain/accounts/account-figures';

const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export function renderAccountMetrics(f: AccountFigures): string {
  const label = `account="${esc(f.domain)}"`;
  const lines: string[] = [];
  const gauge = (name: string, help: string, value: number | null, extra = '') => {
    if (value === null) return;
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`, `${name}{${label}${extra}} ${value}`);
  };
  lines.push('# HELP meshdeck_account_peers Peers of the account, by connection state.', '# TYPE meshdeck_account_peers gauge');
  lines.push(`meshdeck_account_peers{${label},state="connected"} ${f.connected}`, `meshdeck_account_peers{${label},state="disconnected"} ${f.peers - f.connected}`);
  gauge('meshdeck_account_users', 'People (not service users) in the account.', f.users);
  gauge('meshdeck_account_groups', 'Groups in the account.', f.groups);
  gauge('meshdeck_account_policies', 'Access policies in the account.', f.policies);
  gauge('meshdeck_account_setup_keys', 'Setup keys in the account.', f.setupKeys);
  gauge('meshdeck_account_routes', 'Routes in the account.', f.routes);
  gauge('meshdeck_account_network_serial', 'The account network serial (bumped by every change to network maps).', f.networkSerial);
  gauge('meshdeck_account_suspended', '1 while the account is suspended.', f.suspended ? 1 : 0);
  gauge('meshdeck_account_peer_quota', 'Most peers the account may have (absent: no limit).', f.peerQuota);
  gauge('meshdeck_account_api_requests_per_minute_quota', 'Most API requests per minute (absent: no limit).', f.apiRequestsPerMinuteQuota);
  gauge('meshdeck_account_api_requests_this_minute', 'API requests counted this minute (counted only while a request quota is set).', f.apiRequestsThisMinute);
  return lines.join('\n') + '\n';
}
