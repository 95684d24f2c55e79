// ZeroTier's `?jsonp=<callback>` on GET: the JSON answer wrapped in a call to the named function.
// Only plain JavaScript identifiers (dotted paths allowed) are accepted as callback names.
import { ValidationError } from '../../domain/errors';

export function jsonpOr(url: URL, body: unknown): unknown {
  const cb = url.searchParams.get('jsonp');
  if (cb === null) return body;
  if (!/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(cb) || cb.length > 128) throw new ValidationError('invalid jsonp callback name');
  return new Response(`${cb}(${JSON.stringify(body)});`, { status: 200, headers: { 'Content-Type': 'application/javascript; charset=utf-8' } });
}
