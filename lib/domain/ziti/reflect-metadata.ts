// @peculiar/x509 registers its classes with tsyringe, which refuses to load without the
// `reflect-metadata` polyfill. It only needs these three calls (no design-time type metadata is
// read by x509), so a small WeakMap store stands in for the package. Imported before x509.
type Store = Map<unknown, unknown>;
const stores = new WeakMap<object, Store>();
const R = Reflect as unknown as Record<string, unknown>;

function own(target: object, create: boolean): Store | undefined {
  let s = stores.get(target);
  if (!s && create) stores.set(target, (s = new Map()));
  return s;
}

if (typeof R.getMetadata !== 'function') {
  R.defineMetadata = (key: unknown, value: unknown, target: object) => void own(target, true)!.set(key, value);
  R.getOwnMetadata = (key: unknown, target: object) => own(target, false)?.get(key);
  R.getMetadata = (key: unknown, target: object) => {
    for (let t: object | null = target; t; t = Object.getPrototypeOf(t)) {
      const s = own(t, false);
      if (s?.has(key)) return s.get(key);
    }
    return undefined;
  };
}
export {};
