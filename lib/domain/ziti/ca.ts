// meshdeck's Ziti CA: one per installation. One CA, because the endpoints that depend on it name no
// account: `/.well-known/est/cacerts` is public, certificate authentication finds the identity by
// the certificate alone, and client certificates carry the (installation-unique) identity id.
// Created on first use; kept in ServerSetting with its private key sealed by the server key.
import { createHash, createPrivateKey, type KeyObject } from 'node:crypto';
import type { Tx } from '../../db/client';
import { seal, unseal } from './server-key';
import { subtle, x509 } from './x509';

const CA_SETTING = 'ziti.ca';
const CA_YEARS = 10;
export const EC_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
export const SIGNING_ALGORITHM = { name: 'ECDSA', hash: 'SHA-256' } as const;

interface StoredCa {
  certPem: string;
  /** PKCS#8 DER of the private key, sealed with the server key. */
  key: string;
}

export interface ZitiCa {
  cert: x509.X509Certificate;
  certPem: string;
  /** For signing certificates (WebCrypto) and JWTs (node:crypto). */
  signingKey: CryptoKey;
  keyObject: KeyObject;
  fingerprint: string;
}

/** Ziti's certificate fingerprint: hex SHA-1 of the DER encoding. */
export function fingerprintOf(cert: x509.X509Certificate): string {
  return createHash('sha1').update(Buffer.from(cert.rawData)).digest('hex');
}

async function createCa(): Promise<StoredCa> {
  const keys = (await subtle.generateKey(EC_ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
  const notBefore = new Date(Date.now() - 60_000);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: 'CN=meshdeck Ziti CA, O=meshdeck',
    keys,
    notBefore,
    notAfter: new Date(notBefore.getTime() + CA_YEARS * 365 * 86400_000),
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const pkcs8 = Buffer.from(await subtle.exportKey('pkcs8', keys.privateKey));
  return { certPem: cert.toString('pem'), key: seal(pkcs8) };
}

async function load(stored: StoredCa): Promise<ZitiCa> {
  const der = unseal(stored.key);
  const cert = new x509.X509Certificate(stored.certPem);
  return {
    cert,
    certPem: stored.certPem,
    signingKey: await subtle.importKey('pkcs8', der, EC_ALGORITHM, false, ['sign']),
    keyObject: createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }),
    fingerprint: fingerprintOf(cert),
  };
}

const cache = globalThis as unknown as { __meshdeckZitiCa?: Promise<ZitiCa> };

/** The CA, created on first call (concurrent creators agree on the first row written). */
export function zitiCa(db: Tx): Promise<ZitiCa> {
  cache.__meshdeckZitiCa ??= (async () => {
    let row = await db.serverSetting.findUnique({ where: { key: CA_SETTING } });
    if (!row) {
      const value = JSON.stringify(await createCa());
      row = await db.serverSetting.upsert({ where: { key: CA_SETTING }, create: { key: CA_SETTING, value }, update: {} });
    }
    return load(JSON.parse(row.value) as StoredCa);
  })().catch((e) => {
    cache.__meshdeckZitiCa = undefined;
    throw e;
  });
  return cache.__meshdeckZitiCa;
}

/** `/.well-known/est/cacerts`: the CA as a base64 PKCS#7 certificate bundle. */
export async function caBundlePkcs7(db: Tx): Promise<string> {
  const ca = await zitiCa(db);
  return new x509.X509Certificates([ca.cert]).export('base64');
}
