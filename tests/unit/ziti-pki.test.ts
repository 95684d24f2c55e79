// The Ziti CA and client certificates: creation on first use, sealed key, CSR signing, PKCS#7 bundle,
// verification of presented certificates, JWT signatures.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { caBundlePkcs7, zitiCa } from '@/lib/domain/ziti/ca';
import { certFromHeader, parseCsr, signClientCert, verifyClientCert } from '@/lib/domain/ziti/certs';
import { signJwt, verifiedClaims } from '@/lib/domain/ziti/jwt';
import { loadInstallationSecrets } from '@/lib/domain/accounts/installation';
import { seal, unseal } from '@/lib/domain/ziti/server-key';
import { subtle, x509 } from '@/lib/domain/ziti/x509';
import { CodedError } from '@/lib/domain/errors';
import { makeCsr } from '../support/ziti-pki';

let db: Db;
let dir: string;
const oldKey = randomBytes(32);
const root = join(import.meta.dirname, '../..');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'meshdeck-ziti-'));
  process.env.MESHDECK_DATA_DIR = dir;
  const file = join(dir, 'd.db');
  await migrate({ provider: 'sqlite', file }, root);
  db = await createDb({ provider: 'sqlite', file });
  // An installation from before the key moved into the database: its server.key is imported.
  writeFileSync(join(dir, 'server.key'), oldKey.toString('base64'), { mode: 0o600 });
  await loadInstallationSecrets(db, dir);
});


describe('Ziti PKI', () => {
  it('creates one CA, stores its key sealed with the server key imported from server.key', async () => {
    const ca = await zitiCa(db);
    expect(ca.cert.subject).toContain('meshdeck Ziti CA');
    const row = await db.serverSetting.findUniqueOrThrow({ where: { key: 'ziti.ca' } });
    expect(row.value).not.toContain('PRIVATE KEY');
    expect(JSON.parse(row.value).key).toMatch(/^v1\./);
    expect(unseal(JSON.parse(row.value).key, oldKey).length).toBeGreaterThan(100);
    const stored = await db.serverSetting.findUniqueOrThrow({ where: { key: 'installation.serverKey' } });
    expect(stored.value).toBe(oldKey.toString('base64'));
    expect((await zitiCa(db)).fingerprint).toBe(ca.fingerprint);
  });

  it('seals and unseals; a tampered seal fails', () => {
    const s = seal('secret');
    expect(unseal(s).toString()).toBe('secret');
    const parts = s.split('.');
    parts[3] = Buffer.from('xxxxxx').toString('base64url');
    expect(() => unseal(parts.join('.'))).toThrow();
  });

  it('signs a CSR into a client certificate that verifies against the PKCS#7 bundle', async () => {
    const { pem } = await makeCsr('ignored');
    const issued = await signClientCert(db, await parseCsr(pem), 'identity123', 3600);
    expect(issued.subject).toBe('CN=identity123');
    const bundle = new x509.X509Certificates(Buffer.from(await caBundlePkcs7(db), 'base64'));
    expect(bundle).toHaveLength(1);
    const cert = new x509.X509Certificate(issued.pem);
    expect(await cert.verify({ publicKey: bundle[0].publicKey })).toBe(true);
    expect((await verifyClientCert(db, certFromHeader(encodeURIComponent(issued.pem)))).fingerprint).toBe(issued.fingerprint);
    const der = Buffer.from(cert.rawData).toString('base64');
    expect((await verifyClientCert(db, certFromHeader(der))).fingerprint).toBe(issued.fingerprint);
  });

  it('refuses malformed CSRs and certificates from another CA', async () => {
    await expect(parseCsr('not a csr')).rejects.toMatchObject({ code: 'MISSING_OR_INVALID_CSR' });
    await expect(parseCsr('-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----')).rejects.toBeInstanceOf(CodedError);
    const keys = (await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    const foreign = await x509.X509CertificateGenerator.createSelfSigned({ name: 'CN=evil', keys, signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' } });
    await expect(verifyClientCert(db, foreign.toString('pem'))).rejects.toMatchObject({ code: 'INVALID_AUTH', status: 401 });
  });

  it('signs JWTs with the CA key and detects tampering', async () => {
    const jwt = await signJwt(db, { jti: 'abc', em: 'ott' });
    expect(await verifiedClaims(db, jwt)).toMatchObject({ jti: 'abc' });
    const [h, , s] = jwt.split('.');
    expect(await verifiedClaims(db, `${h}.${Buffer.from('{"jti":"x"}').toString('base64url')}.${s}`)).toBeNull();
  });
});

describe('client certificate header', () => {
  it('is trusted only when MESHDECK_ZITI_CERT_HEADER names it and a trusted proxy sent it', async () => {
    const { presentedClientCert } = await import('@/lib/http/ziti-credentials');
    const pem = encodeURIComponent('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
    const h = new Headers({ 'X-Client-Cert': pem, 'X-Meshdeck-Peer': '10.9.8.7' });
    const proxy = { MESHDECK_TRUSTED_PROXIES: '10.9.8.0/24' };
    expect(presentedClientCert(h, proxy)).toBeNull();
    expect(presentedClientCert(h, { ...proxy, MESHDECK_ZITI_CERT_HEADER: 'X-Other' })).toBeNull();
    expect(presentedClientCert(h, { ...proxy, MESHDECK_ZITI_CERT_HEADER: 'x-client-cert' })).toContain('-----BEGIN CERTIFICATE-----\nAAAA');
    // From a client that is not a trusted proxy the header is ignored.
    expect(presentedClientCert(h, { MESHDECK_ZITI_CERT_HEADER: 'x-client-cert', MESHDECK_TRUSTED_PROXIES: '127.0.0.1' })).toBeNull();
    expect(presentedClientCert(new Headers({ 'X-Client-Cert': pem }), { ...proxy, MESHDECK_ZITI_CERT_HEADER: 'x-client-cert' })).toBeNull();
  });

  it('answers a malformed certificate header with Ziti’s 401, not a server error', async () => {
    const { presentedClientCert } = await import('@/lib/http/ziti-credentials');
    const h = new Headers({ 'X-Client-Cert': '%E0%A4%A', 'X-Meshdeck-Peer': '127.0.0.1' });
    expect(() => presentedClientCert(h, { MESHDECK_ZITI_CERT_HEADER: 'x-client-cert', MESHDECK_TRUSTED_PROXIES: '127.0.0.1' })).toThrow(
      expect.objectContaining({ status: 401 }),
    );
  });
});

describe('client address', () => {
  it('is the socket peer, or behind a trusted proxy the nearest untrusted forwarded address', async () => {
    const { clientAddress } = await import('@/lib/server/client-address');
    const h = (peer: string, xff?: string) => new Headers({ 'X-Meshdeck-Peer': peer, ...(xff ? { 'X-Forwarded-For': xff } : {}) });
    // Not a trusted proxy: whatever the client claims is ignored.
    expect(clientAddress(h('198.51.100.7', '203.0.113.1'), '')).toBe('198.51.100.7');
    expect(clientAddress(h('::ffff:198.51.100.7'), '')).toBe('198.51.100.7');
    // Behind trusted proxies: walk from the right, skipping them; a spoofed left part is not used.
    expect(clientAddress(h('10.0.0.2', '203.0.113.9, 198.51.100.20, 10.0.0.3'), '10.0.0.0/8')).toBe('198.51.100.20');
    expect(clientAddress(h('10.0.0.2'), '10.0.0.0/8')).toBe('10.0.0.2');
    expect(clientAddress(h('::1', '2001:db8::5'), '::1')).toBe('2001:db8::5');
    // Without the server's stamp the address is unknown, never taken from the client's headers.
    expect(clientAddress(new Headers({ 'X-Forwarded-For': '203.0.113.1' }), '0.0.0.0/0')).toBe('');
    expect(() => clientAddress(h('10.0.0.2'), 'not-an-address')).toThrow(/MESHDECK_TRUSTED_PROXIES/);
  });
});
