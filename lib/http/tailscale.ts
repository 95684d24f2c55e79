// What the Tailscale routes share on the HTTP side: which tailnet a path names (modern
// `/tailnet/{tailnet}` or legacy `/domain/{domain}`) and the empty 200 answer of Tailscale's actions.
import { reply } from './route';

export const tailnetParam = (params: Record<string, string>) => params.tailnet ?? params.domain ?? '-';

/** Tailscale answers its device actions and deletions with 200 and no body. */
export const done = () => reply(undefined, 200);
