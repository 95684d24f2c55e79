// The origin people reach meshdeck at, for links a response hands them (an owner's invitation).
// Next.js builds a route's request URL on the address it listens on (http://localhost:PORT), not
// on the one the client used, so without a configured URL the request's own Host (behind a proxy,
// X-Forwarded-Host and -Proto) is what the person's browser can open.
export function publicOrigin(req: Request, url: URL): string {
  const configured = process.env.MESHDECK_PUBLIC_URL || process.env.NEXTAUTH_URL;
  const first = (name: string) => req.headers.get(name)?.split(',')[0].trim() || undefined;
  const host = first('x-forwarded-host') ?? first('host');
  const proto = first('x-forwarded-proto') ?? url.protocol.replace(/:$/, '');
  try {
    if (configured) return new URL(configured).origin;
    if (host && /^https?$/.test(proto)) return new URL(`${proto}://${host}`).origin;
  } catch {
    // A malformed setting or header: the URL Next.js saw still names this server.
  }
  return url.origin;
}
