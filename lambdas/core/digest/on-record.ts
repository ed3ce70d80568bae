/**
 * On the record or not: words an article reports through unnamed sources ("…, according to two
 * councillors present who requested anonymity", "people familiar with the call said") were not said
 * on the record by the person they are credited to: a digest of what officials said on the record
 * credits them to nobody. (Words of the unnamed sources themselves stay, under "Unnamed sources".)
 */
import { memoised } from "../memoise.ts";
import type { SourcedStatement } from "./window.ts";

/** How far around a statement its sentence is read for who vouches for it. */
const AROUND = 240;

// Unnamed sources vouching for the words: "according to two councillors … who requested anonymity".
const UNNAMED =
  /\b(?:according to|said|says|told)\b[^.!?\n]{0,120}?\b(?:anonymity|unnamed|sources?\b|people familiar|person familiar|(?:aides?|officials?|allies|advisers?|associates) (?:who|familiar))/i;
const HINT = /anonym|according|familiar|sources?\b|unnamed/i;
// HINT's words without the word boundary, found anywhere: none of them overlaps another.
const HINT_WORDS = /anonym|according|familiar|source|unnamed/gi;
const ANONYMITY =
  /\b(?:on (?:the )?condition of anonymity|requested anonymity|asked not to be (?:named|identified))\b/i;

/**
 * Whether the sentence that reports a named person's statement says it comes through unnamed sources.
 * @example
 * // "Okafor urged Corbett to act, according to two councillors who requested anonymity."
 * isOffRecord(item) // true
 */
export function isOffRecord(
  { statement, article }: SourcedStatement,
  hintsOf: (body: string) => readonly number[] = hintsIn,
): boolean {
  if (statement.sourceType !== "person") return false;
  const body = article.body;
  // Most statements have no word of an unnamed source near them: one look settles those, and
  // the article's words were looked for once, not once for each of its statements.
  const from = Math.max(0, statement.start - AROUND);
  const to = statement.end + AROUND;
  if (!hintBetween(hintsOf(body), from, to)) return false;
  const near = body.slice(from, to);
  if (!HINT.test(near)) return false;
  const after = sentenceAfter(body, statement.end);
  const before = sentenceBefore(body, statement.start);
  const sentence = `${before} … ${after}`;
  return (
    ANONYMITY.test(sentence) ||
    UNNAMED.test(after) ||
    /^\W*according to\b[^.!?\n]*\b(?:sources?|people familiar)\b/i.test(before)
  );
}

function sentenceAfter(body: string, from: number): string {
  const text = body.slice(from, from + AROUND);
  const end = text.search(/[.!?](?:["”’']+)?(?:\s+(?=["“‘']?\p{Lu})|\s*$)|\n/u);
  return end >= 0 ? text.slice(0, end) : text;
}

function sentenceBefore(body: string, to: number): string {
  const text = body.slice(Math.max(0, to - AROUND), to);
  const starts = [...text.matchAll(/[.!?](?:["”’']+)?\s+(?=["“‘']?\p{Lu})|\n/gu)];
  const last = starts.at(-1);
  return last ? text.slice((last.index ?? 0) + last[0].length) : text;
}

/**
 * Where the words that may point to unnamed sources stand in a body, as start and end pairs in
 * order: what {@link isOffRecord} looks up for each statement.
 */
export function hintsIn(body: string): number[] {
  const found: number[] = [];
  for (const m of body.matchAll(HINT_WORDS)) found.push(m.index, m.index + m[0].length);
  return found;
}

/** {@link hintsIn} remembering each body it has read: an article carried twice is read once. */
export const memoisedHints = (): ((body: string) => readonly number[]) => memoised(hintsIn);

/** Whether a hint lies wholly within `from`..`to`: the first starting at or after `from` ends first. */
function hintBetween(hints: readonly number[], from: number, to: number): boolean {
  let low = 0;
  let high = hints.length / 2;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((hints[2 * mid] ?? 0) < from) low = mid + 1;
    else high = mid;
  }
  return 2 * low < hints.length && (hints[2 * low + 1] ?? Number.POSITIVE_INFINITY) <= to;
}
