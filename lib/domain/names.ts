// Names people read (groups, peers, policies, keys, networks, users...) are shown in the console,
// in CLI output, logs and audit trails. Control characters can break or fake lines there, and
// bidirectional overrides and isolates can make a name read differently from what it is (the
// "Trojan Source" trick: "admin\u202Etxt.exe"). Every service that stores a name checks it here,
// so all four APIs and the console refuse the same characters with their own 4xx.
import { ValidationError } from './errors';

/** C0 and C1 controls (with DEL), LRM/RLM marks, bidi embeddings/overrides and isolates. */
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/** The first unsafe character of a name, as U+XXXX, or undefined when there is none. */
export function unsafeNameChar(name: string): string | undefined {
  const m = UNSAFE.exec(name);
  return m ? `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : undefined;
}

/** Throws a value error naming the field when `name` holds a control or bidi character. */
export function checkNameChars(name: string, field = 'name'): string {
  const bad = unsafeNameChar(name);
  if (bad) throw new ValidationError(`${field} must not contain control or bidirectional-override characters (found ${bad})`, 'value', field);
  return name;
}
