// What a Ziti client presents besides its zt-session token.
//
// Client certificates: App Router handlers cannot see the TLS socket, and meshdeck serves plain HTTP
// behind a TLS-terminating proxy. The proxy verifies the client certificate and passes it in the
// header named by MESHDECK_ZITI_CERT_HEADER (e.g. `X-Client-Cert`; nginx: $ssl_client_escaped_cert,
// Caddy: {tls_client_certificate_pem}, Traefik passTLSClientCert). Unset = no header is trusted, since
// a certificate is public and only proves possession when the proxy checked the TLS handshake.
import { certFromHeader } from '../domain/ziti/certs';

export function presentedClientCert(headers: Headers, env: Record<string, string | undefined> = process.env): string | null {
  const name = env.MESHDECK_ZITI_CERT_HEADER?.trim();
  if (!name) return null;
  const value = headers.get(name)?.trim();
  return value ? certFromHeader(value) : null;
}

export function clientIp(headers: Headers): string {
  return headers.get('x-forwarded-for')?.split(',')[0].trim() || headers.get('x-real-ip')?.trim() || '';
}
