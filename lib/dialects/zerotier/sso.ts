// The HTML page ZeroTier's /sso answers with (its built-in sso-auth template, reduced).
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function ssoPage(status: number, message: string): Response {
  const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>ZeroTier SSO</title></head><body><p class="${status >= 400 ? 'error' : 'ok'}">${esc(message)}</p></body></html>`;
  return new Response(html, { status, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });
}
