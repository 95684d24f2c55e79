// Legacy path of /api/v2/tailnet/{tailnet}/acl.
import { getAcl, postAcl } from '@/lib/dialects/tailscale/handlers/acl';

export const GET = getAcl;
export const POST = postAcl;
