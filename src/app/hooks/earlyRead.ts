// Reads started before the component that shows them has rendered, handed to its query's first run.
// A page's code can start its first reads as soon as it loads: React reveals a lazily loaded page
// only some time after its code arrives (it holds the page back up to 300 ms after the "Loading
// page…" fallback), and the data then arrives during that time instead of after it.

/** An early read not taken by its query within this time is dropped (the query reads afresh). */
export const EARLY_READ_MAX_AGE_MS = 5_000;

interface EarlyRead<T, P> {
  promise: Promise<T>;
  startedAt: number;
  latest?: P;
  onPartial?: (partial: P) => void;
}

const reads = new Map<string, EarlyRead<unknown, unknown>>();

const fresh = (read: EarlyRead<unknown, unknown> | undefined) =>
  read !== undefined && Date.now() - read.startedAt <= EARLY_READ_MAX_AGE_MS;

/** Starts `read` under `key` unless a fresh read under that key is waiting to be taken. */
export function startEarlyRead<T, P = never>(
  key: string,
  read: (onPartial: (partial: P) => void) => Promise<T>,
): void {
  if (fresh(reads.get(key))) return;
  const entry: EarlyRead<T, P> = { promise: Promise.resolve() as Promise<T>, startedAt: Date.now() };
  entry.promise = read((partial) => {
    entry.latest = partial;
    entry.onPartial?.(partial);
  });
  entry.promise.catch(() => undefined); // reported by the query that takes it
  reads.set(key, entry as EarlyRead<unknown, unknown>);
}

/**
 * The read started under `key`, if fresh; taken once (later runs of the query read afresh).
 * `onPartial` receives the partial result already in, then each one that follows.
 */
export function takeEarlyRead<T, P = never>(
  key: string,
  onPartial?: (partial: P) => void,
): Promise<T> | undefined {
  const entry = reads.get(key) as EarlyRead<T, P> | undefined;
  reads.delete(key);
  if (!entry || !fresh(entry as EarlyRead<unknown, unknown>)) return undefined;
  entry.onPartial = onPartial;
  if (onPartial && entry.latest !== undefined) onPartial(entry.latest);
  return entry.promise;
}
