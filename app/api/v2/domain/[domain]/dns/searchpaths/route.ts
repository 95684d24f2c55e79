// Legacy path of /api/v2/tailnet/{tailnet}/dns/searchpaths.
export { GET, POST } from '../../../../tailnet/[tailnet]/dns/searchpaths/route';
