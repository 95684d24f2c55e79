// Legacy path of /api/v2/tailnet/{tailnet}/dns/preferences.
export { GET, POST } from '../../../../tailnet/[tailnet]/dns/preferences/route';
