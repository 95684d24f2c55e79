// Refusing work before the process runs out of memory. A Node process that reaches its heap limit
// dies ("Ineffective mark-compacts near heap limit") and takes every request and agent with it; a
// request refused with 503 costs one retry. V8 collects garbage well before its limit, so a heap
// still this full is live data, not garbage waiting for a collection.
import { getHeapStatistics } from 'node:v8';
import { ServiceUnavailableError } from '../domain/errors';

/** Share of the heap limit past which new requests are refused (MESHDECK_MEMORY_GUARD overrides, for tests). */
export const GUARD_RATIO = Number(process.env.MESHDECK_MEMORY_GUARD || 0.9);

export function heapFull(ratio = GUARD_RATIO): boolean {
  const h = getHeapStatistics();
  return h.used_heap_size > ratio * h.heap_size_limit;
}

/** Throws 503 (in the caller's dialect) when the heap is nearly full. */
export function refuseWhenMemoryIsShort(): void {
  if (heapFull()) throw new ServiceUnavailableError('the server is short of memory; try again shortly', 5);
}
