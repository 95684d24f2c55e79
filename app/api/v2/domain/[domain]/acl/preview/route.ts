// Legacy path of /api/v2/tailnet/{tailnet}/acl/preview.
export { POST } from '../../../../tailnet/[tailnet]/acl/preview/route';
