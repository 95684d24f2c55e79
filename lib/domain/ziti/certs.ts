// Client certificates: signing a PEM CSR with the Ziti CA, and checking a presented certificate.
import { randomBytes } from 'node:crypto';
import type { Tx } from '../../db/client';
import { fingerprintOf, SIGNING_ALGORITHM, zitiCa } from './ca';
import { zitiErrors } from './errors';
import { x509 } from './x509';

export interface IssuedCert {
  pem: string;
  fingerprint: string;
  subject: string;
  validFrom: Date;
  validTo: Date;
}

/** Parses and checks a PEM CSR (its self-signature proves the caller holds the key). */
export async function parseCsr(csrPem: unknown): Promise<x509.Pkcs10CertificateRequest> {
  if (typeof csrPem !== 'string' || !csrPem.includes('-----BEGIN CERTIFICATE REQUEST-----')) throw zitiErrors.missingOrInvalidCsr();
  let csr: x509.Pkcs10CertificateRequest;
  try {
    csr = new x509.Pkcs10CertificateRequest(csrPem.trim());
  } catch {
    throw zitiErrors.missingOrInvalidCsr();
  }
  const ok = await csr.verify().catch(() => false);
  if (!ok) throw zitiErrors.couldNotProcessCsr('The CSR signature does not verify');
  return csr;
}

/**
 * Issues a client certificate for the CSR's key. The subject is meshdeck's (CN = `commonName`,
 * the identity id, as Ziti does), not the CSR's: what the certificate names is the server's choice.
 */
export async function signClientCert(db: Tx, csr: x509.Pkcs10CertificateRequest, commonName: string, lifetimeSeconds: number): Promise<IssuedCert> {
  const ca = await zitiCa(db);
  const validFrom = new Date(Date.now() - 60_000);
  const validTo = new Date(Math.min(validFrom.getTime() + lifetimeSeconds * 1000, ca.cert.notAfter.getTime()));
  const subject = `CN=${commonName.replace(/[,+"\\<>;=]/g, '_')}`;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: '01' + randomBytes(15).toString('hex'),
    subject,
    issuer: ca.cert.subject,
    notBefore: validFrom,
    notAfter: validTo,
    publicKey: csr.publicKey,
    signingKey: ca.signingKey,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
      await x509.AuthorityKeyIdentifierExtension.create(ca.cert.publicKey),
      await x509.SubjectKeyIdentifierExtension.create(csr.publicKey),
    ],
  });
  return { pem: cert.toString('pem'), fingerprint: fingerprintOf(cert), subject, validFrom, validTo };
}

/** A client certificate the caller presents: parsed, issued by our CA and currently valid. */
export async function verifyClientCert(db: Tx, pem: string): Promise<{ cert: x509.X509Certificate; fingerprint: string }> {
  let cert: x509.X509Certificate;
  try {
    cert = new x509.X509Certificate(pem.trim());
  } catch {
    throw zitiErrors.invalidAuth('The client certificate could not be parsed');
  }
  const ca = await zitiCa(db);
  const ok = await cert.verify({ publicKey: ca.cert.publicKey, date: new Date() }).catch(() => false);
  if (!ok) throw zitiErrors.invalidAuth('The client certificate was not issued by this controller or is not valid now');
  return { cert, fingerprint: fingerprintOf(cert) };
}

/** PEM text of a certificate given in a proxy header: URL-escaped PEM, PEM, or base64 DER. */
export function certFromHeader(value: string): string {
  let v = value;
  try {
    if (v.includes('%')) v = decodeURIComponent(v);
  } catch {
    throw zitiErrors.invalidAuth('The client certificate header is not valid');
  }
  if (v.includes('-----BEGIN')) return v.replace(/\t/g, '\n');
  const b64 = v.replace(/\s+/g, '');
  return `-----BEGIN CERTIFICATE-----\n${b64.match(/.{1,64}/g)?.join('\n') ?? ''}\n-----END CERTIFICATE-----\n`;
}
