// Legacy path of /api/v2/tailnet/{tailnet}/acl/preview.
import { previewAcl } from '@/lib/dialects/tailscale/handlers/acl';

export const POST = previewAcl;
