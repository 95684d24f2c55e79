// The key that signs console session cookies. NEXTAUTH_SECRET wins; otherwise the installation's
// session secret, kept in the database (lib/domain/accounts/installation.ts) so that every server process
// accepts the cookies of the others, and loaded at start-up before requests are served.
import { installationSecrets } from '../domain/accounts/installation';

export function sessionSecret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const loaded = installationSecrets();
  if (!loaded) throw new Error('the session secret is not loaded: loadInstallationSecrets() runs at start-up');
  return loaded.sessionSecret;
}
