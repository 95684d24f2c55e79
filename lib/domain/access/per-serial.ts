// Values computed from an account's configuration (routes, networks, nameserver groups, DNS
// settings), kept per network serial: everything they depend on bumps the serial when it changes
// (lib/domain/serial.ts), so while the serial stands every agent sync reuses them instead of
// reading the same rows again. Only for reads outside transactions (nothing uncommitted is kept).
import type { Tx } from '../../db/client';
import { allGroupId } from '../groups/all-group';

const g = globalThis as unknown as { __meshdeckPerSerial?: Map<string, { serial: number; values: Map<string, Promise<unknown>> }> };
const memo = (g.__meshdeckPerSerial ??= new Map());

export function perSerial<T>(accountId: string, serial: number, name: string, load: () => Promise<T>): Promise<T> {
  let entry = memo.get(accountId);
  if (!entry || entry.serial !== serial) {
    // An older serial's values are dropped; a newer entry is never replaced by an older request.
    if (entry && entry.serial > serial) return load();
    memo.set(accountId, (entry = { serial, values: new Map() }));
  }
  let value = entry.values.get(name) as Promise<T> | undefined;
  if (!value) {
    value = load();
    entry.values.set(name, value);
    const holder = entry;
    value.catch(() => holder.values.delete(name));
  }
  return value;
}

/** The account's All group id, read once per serial. */
export function allGroupIdPerSerial(db: Tx, accountId: string, serial: number): Promise<string | undefined> {
  return perSerial(accountId, serial, 'all-group', () => allGroupId(db, accountId));
}
