// A small least-recently-used cache for compiled validators and regexes: one evaluator runs over 100k
// calls with the same config, and a backfill must not recompile per call nor grow without bound.

export type Cache<V> = { get(key: string, make: () => V): V };

export function createCache<V>(limit: number): Cache<V> {
  const entries = new Map<string, V>();
  return {
    get(key, make) {
      if (entries.has(key)) {
        const hit = entries.get(key) as V;
        entries.delete(key); // re-inserted so the Map's order stays least recently used first
        entries.set(key, hit);
        return hit;
      }
      const value = make();
      entries.set(key, value);
      if (entries.size > limit) entries.delete(entries.keys().next().value as string);
      return value;
    },
  };
}
