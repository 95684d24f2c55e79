import { validateAcl } from '@/lib/dialects/tailscale/handlers/acl';

export const POST = validateAcl;
