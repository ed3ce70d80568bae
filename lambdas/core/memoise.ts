export interface MemoOptions<I> {
  /** Keep at most this many answers: a long-lived memo stays bounded, whatever it is fed. */
  limit?: number;
  /** The key an input is remembered by (the input itself by default). */
  key?: (input: I) => unknown;
}

/**
 * `read` remembering what it has read, keyed by its input: the same body or quote carried by many
 * outlets, the same word in many articles, is read once. A per-composition memo is made with the
 * composition, so nothing outlives it; a module-level one takes a `limit`.
 */
export function memoised<I, V>(read: (input: I) => V, options: MemoOptions<I> = {}): (input: I) => V {
  const seen = new Map<unknown, V>();
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const keyOf = options.key;
  return (input) => {
    const key = keyOf ? keyOf(input) : input;
    let value = seen.get(key);
    if (value === undefined) {
      value = read(input);
      if (seen.size < limit) seen.set(key, value);
    }
    return value;
  };
}
