// Go's time.ParseDuration / Duration.String, because Tailscale reports SSH check periods in Go's
// notation ("checkPeriod 168h0m1s is above the max (168h)").
import { PolicyError } from './syntax';

const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds; throws Go's `time: invalid duration "x"`. */
export function parseGoDuration(text: string): number {
  const bad = () => new PolicyError(`time: invalid duration ${JSON.stringify(text)}`);
  let s = text;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (!s) throw bad();
  let total = 0;
  const re = /^(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/;
  while (s) {
    const m = re.exec(s);
    if (!m) throw bad();
    total += Number(m[1]) * UNITS[m[2]];
    s = s.slice(m[0].length);
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
