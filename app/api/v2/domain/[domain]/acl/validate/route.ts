// Legacy path of /api/v2/tailnet/{tailnet}/acl/validate.
import { validateAcl } from '@/lib/dialects/tailscale/handlers/acl';

export const POST = validateAcl;
