/** A metric typed into a route or router form: a whole number from 1 to 9999 (lower wins), or an Error. */
export function metricOf(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < 1 || n > 9999) throw new Error('Metric: a whole number from 1 to 9999.');
  return n;
}
