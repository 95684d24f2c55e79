// Go's time.ParseDuration / Duration.String, because Tailscale reports SSH check periods in Go's
// notation ("checkPeriod 168h0m1s is above the max (168h)").
import { PolicyError } from './syntax';

const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
/** Go's Duration is an int64 of nanoseconds: about 2,562,047 h. */
const MAX_MS = 9_223_372_036_854.775;

/** Go's time.quote: the text in double quotes, with quotes and backslashes escaped. */
const goQuote = (s: string) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

/**
 * Milliseconds. Follows Go's time.ParseDuration step by step, including its three refusals:
 * `time: invalid duration "x"`, `time: missing unit in duration "3600"` and
 * `time: unknown unit "d" in duration "1d"` (a unit is every character up to the next digit or dot).
 */
export function parseGoDuration(text: string): number {
  const invalid = () => new PolicyError(`time: invalid duration ${goQuote(text)}`);
  let s = text;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (!s) throw invalid();
  let total = 0;
  while (s) {
    const num = /^(\d*)(\.(\d*))?/.exec(s)!;
    if (!num[0] || (!num[1] && !num[3])) throw invalid();
    s = s.slice(num[0].length);
    const unitMatch = /^[^0-9.]*/.exec(s)![0];
    if (!unitMatch) throw new PolicyError(`time: missing unit in duration ${goQuote(text)}`);
    if (!(unitMatch in UNITS)) throw new PolicyError(`time: unknown unit ${goQuote(unitMatch)} in duration ${goQuote(text)}`);
    s = s.slice(unitMatch.length);
    total += Number(`${num[1] || '0'}.${num[3] || '0'}`) * UNITS[unitMatch];
    if (total > MAX_MS) throw invalid();
  }
  return sign * total;
}

/** Go's Duration.String for whole seconds and above ("1m0s", "168h0m1s"). */
export function formatGoDuration(ms: number): string {
  const neg = ms < 0;
  let rest = Math.abs(ms);
  if (rest === 0) return '0s';
  if (rest < 1000) return `${neg ? '-' : ''}${rest}ms`;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const sec = rest / 1000;
  const out = h ? `${h}h${m}m${sec}s` : m ? `${m}m${sec}s` : `${sec}s`;
  return (neg ? '-' : '') + out;
}
