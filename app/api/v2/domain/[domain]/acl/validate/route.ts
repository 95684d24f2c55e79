// Legacy path of /api/v2/tailnet/{tailnet}/acl/validate.
export { POST } from '../../../../tailnet/[tailnet]/acl/validate/route';
