import type { NextConfig } from 'next';

// The console's Content-Security-Policy. Next's App Router streams its payload in inline scripts
// and the theme is applied by an inline script before first paint, so scripts need
// 'unsafe-inline' (nonces would force every page to render dynamically); React and Monaco set
// inline styles. Everything else comes from this origin only: Monaco and the ACL checker run in
// workers bundled under /_next, fonts and images are local or data: URLs, no CDN is used.
const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ');

const HSTS = 'max-age=31536000';

const nextConfig: NextConfig = {
  // Native and server-only packages are loaded from node_modules at run time, not bundled.
  serverExternalPackages: ['better-sqlite3', 'pg', '@prisma/adapter-better-sqlite3', '@prisma/adapter-pg', 'bcrypt'],
  poweredByHeader: false,
  reactStrictMode: true,
  async redirects() {
    return [{ source: '/', destination: '/app', permanent: false }];
  },
  // Baked into the build; MESHDECK_HSTS (read at run time) is applied by proxy.ts.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
        ],
      },
      // Only a request that reached the TLS-terminating proxy over https learns to stay on https.
      { source: '/:path*', has: [{ type: 'header', key: 'x-forwarded-proto', value: 'https' }], headers: [{ key: 'Strict-Transport-Security', value: HSTS }] },
      ...['/app', '/app/:path*'].map((source) => ({
        source,
        headers: [
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Content-Security-Policy', value: CONSOLE_CSP },
        ],
      })),
    ];
  },
};

export default nextConfig;
