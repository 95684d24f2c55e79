import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Native and server-only packages are loaded from node_modules at run time, not bundled.
  serverExternalPackages: ['better-sqlite3', 'pg', '@prisma/adapter-better-sqlite3', '@prisma/adapter-pg', 'bcrypt'],
  poweredByHeader: false,
  reactStrictMode: true,
  async redirects() {
    return [{ source: '/', destination: '/app', permanent: false }];
  },
  async headers() {
    return [
      {
        source: '/app/:path*',
        headers: [
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
        ],
      },
    ];
  },
};

export default nextConfig;
