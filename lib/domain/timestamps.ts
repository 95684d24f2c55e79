// Strict RFC 3339 / ISO 8601 date-times ("2025-03-20T16:23:58.125397Z", "...+02:00"), as NetBird
// agents and clients send them. JavaScript's Date.parse alone would accept "2025-02-30" (as March 2)
// and many non-ISO forms; this checks the calendar. Fractions beyond milliseconds are dropped.
// Agents send tens of thousands per second, so this computes the time itself instead of parsing twice.
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function parseTimestamp(text: string): Date | null {
  const m = RFC3339.exec(text);
  if (!m) return null;
  const year = +m[1], month = +m[2], day = +m[3], hour = +m[4], minute = +m[5], second = +m[6];
  if (year < 1000 || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day < 1 || day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1])) return null;
  const millis = m[7] ? +(m[7] + '00').slice(0, 3) : 0;
  let offset = 0;
  if (m[8]) {
    const oh = +m[9], om = +m[10];
    if (oh > 23 || om > 59) return null;
    offset = (m[8] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset);
}
