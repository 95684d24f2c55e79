import { zerotier } from '@/lib/http/dialects/zerotier';
import { ssoPage } from '@/lib/dialects/zerotier/sso';
import { route } from '@/lib/http/route';

// The browser lands here after an SSO network's identity provider (so, as in ZeroTier, without a
// token). meshdeck hosts no SSO-enabled ZeroTier networks, so no state is ever valid: an error from
// the provider is shown with 500, anything else with 404.
export const GET = route({ dialect: zerotier, permission: 'public' }, async ({ url }) => {
  const error = url.searchParams.get('error');
  if (error !== null) return ssoPage(500, `ERROR ${error}: ${url.searchParams.get('error_description') ?? ''}`);
  return ssoPage(404, 'Network ID not found for SSO state: this controller hosts no SSO-enabled networks.');
});
