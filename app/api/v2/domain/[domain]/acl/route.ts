// Legacy path of /api/v2/tailnet/{tailnet}/acl.
export { GET, POST } from '../../../tailnet/[tailnet]/acl/route';
