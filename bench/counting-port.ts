/** A counting wrapper of a port: every method call is counted by name before it goes through. */
export function countingPort<T extends object>(port: T): { port: T; counts: Map<string, number>; reset(): void } {
  const counts = new Map<string, number>();
  const wrapped = new Proxy(port, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function' || typeof key !== 'string') return value;
      return (...args: unknown[]) => {
        counts.set(key, (counts.get(key) ?? 0) + 1);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { port: wrapped, counts, reset: () => counts.clear() };
}

/** Repository methods that read (everything else writes). */
export const READS = new Set(['get', 'listByOwner', 'events', 'getDocument', 'listDocuments', 'listInflight', 'queue', 'queuePage', 'branchLoads', 'enterpriseManager', 'getStaff', 'listStaff']);
/** Reads of the application itself (its record and its documents). */
export const APPLICATION_READS = new Set(['get', 'listDocuments', 'getDocument']);
