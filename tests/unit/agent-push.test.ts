// The long-poll's parts: the query it reads, and the serial watch that wakes waiters on a local
// bump (even when the first read after it still sees the old serial), on another process's
// notification (PostgreSQL), or by its poll.
import { describe, expect, it } from 'vitest';
import { parseSyncWait } from '@/lib/domain/agent/push';
import { SerialWatch } from '@/lib/domain/serial-watch';

describe('parseSyncWait', () => {
  it('reads serial and wait, capping the wait at 30 s', () => {
    expect(parseSyncWait(new URLSearchParams(''))).toEqual({ serial: null, waitMs: 0 });
    expect(parseSyncWait(new URLSearchParams('serial=42&wait=25'))).toEqual({ serial: 42, waitMs: 25_000 });
    expect(parseSyncWait(new URLSearchParams('serial=0&wait=0.5'))).toEqual({ serial: 0, waitMs: 500 });
    expect(parseSyncWait(new URLSearchParams('serial=1&wait=600'))).toEqual({ serial: 1, waitMs: 30_000 });
  });

  it('refuses what is not a number', () => {
    for (const q of ['serial=-1', 'serial=abc', 'serial=', 'wait=-3', 'wait=soon', 'serial=1&wait=1e3']) {
      expect(() => parseSyncWait(new URLSearchParams(q)), q).toThrow(/must be/);
    }
  });
});

/** A database stand-in: serials per account and a count of reads. */
function fakeSerials(initial: Record<string, number>) {
  const serials = new Map(Object.entries(initial));
  let reads = 0;
  return {
    serials,
    reads: () => reads,
    read: async (ids: string[]) => {
      reads++;
      return new Map(ids.filter((id) => serials.has(id)).map((id) => [id, serials.get(id)!]));
    },
  };
}

describe('SerialWatch', () => {
  it('answers at once when the serial differs already', async () => {
    const db = fakeSerials({ a: 5 });
    expect(await new SerialWatch(db.read).wait('a', 4, 5000)).toBe(5);
  });

  it('wakes a waiter soon after a local bump, also when the writer commits a little later', async () => {
    const db = fakeSerials({ a: 5 });
    const watch = new SerialWatch(db.read);
    const started = Date.now();
    const waiting = watch.wait('a', 5, 5000);
    await new Promise((r) => setTimeout(r, 50));
    watch.bumped('a');
    // The bump's transaction commits 60 ms later: the first re-read still sees 5.
    setTimeout(() => db.serials.set('a', 6), 60);
    expect(await waiting).toBe(6);
    expect(Date.now() - started).toBeLessThan(400);
    expect(watch.waiting()).toBe(0);
  });

  it('sees a change made elsewhere (no bump in this process) by its poll within a second', async () => {
    const db = fakeSerials({ a: 5, b: 1 });
    const watch = new SerialWatch(db.read);
    const started = Date.now();
    const a = watch.wait('a', 5, 5000);
    const b = watch.wait('b', 1, 1200);
    setTimeout(() => db.serials.set('a', 9), 100);
    expect(await a).toBe(9);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await b).toBeNull();
  });

  it('ends a wait by its timeout or its abort signal, and stops reading when nobody waits', async () => {
    const db = fakeSerials({ a: 5 });
    const watch = new SerialWatch(db.read);
    expect(await watch.wait('a', 5, 100)).toBeNull();
    const ctl = new AbortController();
    const aborted = watch.wait('a', 5, 10_000, ctl.signal);
    setTimeout(() => ctl.abort(), 50);
    expect(await aborted).toBeNull();
    expect(watch.waiting()).toBe(0);
    const reads = db.reads();
    await new Promise((r) => setTimeout(r, 1100));
    expect(db.reads()).toBe(reads);
  });

  it('ends the waits of a deleted account', async () => {
    const db = fakeSerials({ a: 5 });
    const watch = new SerialWatch(db.read);
    const waiting = watch.wait('a', 5, 5000);
    db.serials.delete('a');
    watch.bumped('a');
    expect(await waiting).toBe(-1);
  });
});

/** A stand-in for the PostgreSQL listener: the test sends the notifications. */
function fakeListener() {
  const sent: { changed?: (id: string) => void; reconnected?: () => void } = {};
  let subscriptions = 0;
  return {
    sent,
    subscriptions: () => subscriptions,
    subscribe: (changed: (id: string) => void, reconnected: () => void) => {
      subscriptions++;
      Object.assign(sent, { changed, reconnected });
      return { connected: true, close: async () => {} };
    },
  };
}

describe('SerialWatch with notifications from other processes', () => {
  it('wakes a waiter as soon as another process notifies a bump, before its poll would', async () => {
    const db = fakeSerials({ a: 5 });
    const bus = fakeListener();
    const watch = new SerialWatch(db.read, bus.subscribe);
    const a = watch.wait('a', 5, 4000);
    await new Promise((r) => setTimeout(r, 50));
    db.serials.set('a', 6);
    const started = Date.now();
    bus.sent.changed!('a');
    expect(await a).toBe(6);
    // The poll would have read it 450 ms from now.
    expect(Date.now() - started).toBeLessThan(150);
    expect(bus.subscriptions()).toBe(1);
    await watch.close();
  });

  it('reads every waiting account again after the listening connection came back', async () => {
    const db = fakeSerials({ a: 5 });
    const bus = fakeListener();
    const watch = new SerialWatch(db.read, bus.subscribe);
    const a = watch.wait('a', 5, 4000);
    await new Promise((r) => setTimeout(r, 50));
    db.serials.set('a', 7);
    bus.sent.reconnected!();
    expect(await a).toBe(7);
    await watch.close();
  });
});

