// Lists and objects are stored as JSON text (portable across SQLite and PostgreSQL); these are the
// only places that read and write them.

export function parseJsonList(text: string | null | undefined): string[] {
  if (!text) return [];
  try {
    const v = JSON.parse(text);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function parseJsonArray<T = unknown>(text: string | null | undefined): T[] {
  if (!text) return [];
  try {
    const v = JSON.parse(text);
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
}

export function parseJsonObject<T extends object = Record<string, unknown>>(text: string | null | undefined): T | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as T) : null;
  } catch {
    return null;
  }
}

/** Stores a list of ids without duplicates, in the order given. */
export function jsonList(values: readonly string[]): string {
  return JSON.stringify([...new Set(values)]);
}

/** Stores any JSON value (objects, arrays of objects) as text. */
export function jsonValue(value: unknown): string {
  return JSON.stringify(value ?? null);
}
