// Next.js calls register() once per server process before it serves requests.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // Before any request: peer addresses and the anonymous-work lane (lib/server/request-hook.ts).
  const { installRequestHook } = await import('./lib/server/request-hook');
  installRequestHook();
  const { startup } = await import('./lib/server/startup');
  await startup();
}
