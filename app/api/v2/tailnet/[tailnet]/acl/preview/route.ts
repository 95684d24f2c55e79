import { previewAcl } from '@/lib/dialects/tailscale/handlers/acl';

export const POST = previewAcl;
