import { getAcl, postAcl } from '@/lib/dialects/tailscale/handlers/acl';

export const GET = getAcl;
export const POST = postAcl;
