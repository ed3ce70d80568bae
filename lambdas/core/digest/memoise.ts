/**
 * `read` remembering what it has read, keyed by its input: the same body or quote carried by many
 * outlets is read once. Made one per composition, so nothing outlives it.
 */
export function memoised<V>(read: (text: string) => V): (text: string) => V {
  const seen = new Map<string, V>();
  return (text) => {
    let value = seen.get(text);
    if (value === undefined) {
      value = read(text);
      seen.set(text, value);
    }
    return value;
  };
}
