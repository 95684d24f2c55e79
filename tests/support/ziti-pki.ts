// Client-side PKI for Ziti tests: key pairs and PEM CSRs (as an SDK makes them before enrolling).
import { subtle, x509 } from '@/lib/domain/ziti/x509';

export async function makeCsr(cn = 'ziti-client') {
  const keys = (await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({ name: `CN=${cn}`, keys, signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' } });
  return { keys, pem: csr.toString('pem') };
}

export { x509 };
