// Legacy path of /api/v2/tailnet/{tailnet}/dns/nameservers.
export { GET, POST } from '../../../../tailnet/[tailnet]/dns/nameservers/route';
