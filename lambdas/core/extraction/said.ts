/**
 * When words were said, if the article says they were said at another time than its news:
 * `"…," she said in July`, `told reporters last year`, `who in 2019 said`, `had warned`.
 * Read from the attribution's own words (subject, verb, circumstance), never from the content.
 */
import type { Cue } from "./cues.ts";
import type { Doc } from "./document.ts";
import { ROLE_HEADS, ROLE_MODIFIERS } from "./lexicon/people.ts";
import { TOPIC_LINKS } from "./lexicon/syntax.ts";
import { EARLIER_PHRASES, isYear, MONTH_NUMBERS, MONTH_PREFIXES } from "./lexicon/time.ts";
import { EARLIER_ADVERB, is, PAST_PERFECT_AUXILIARY, PERIOD_UNIT } from "./lexicon/word-classes.ts";
import type { Mention } from "./mentions.ts";
import type { Sentence } from "./segment.ts";
import type { Token } from "./tokenize.ts";

/** Tokens read on either side of the cue: a subject's relative clause, a verb's circumstance. */
const WINDOW = 10;

export interface Dating {
  cue: Cue;
  mention: Mention | null;
  /** The content, token ranges inclusive: never read for a date. */
  parts: readonly (readonly [number, number])[];
}

/**
 * `"earlier"`, or the date as far as the text gives it (`"2016-07"`, `"2010"`, `"2015-03-04"`),
 * for words said at another time than the article's news; undefined otherwise. A month without a
 * year takes the year of `published` (the one before, when the month is later than publication).
 *
 * @example
 * // 'The plant will close, Okafor said in March.' published 2026-06-02 → "2026-03"
 * // 'Okafor, who in 2019 said the plant would close, …' → "2019"
 */
export function saidWhen(doc: Doc, s: Sentence, a: Dating, published: string | null): string | undefined {
  const t = doc.tokens;
  let earlier = false;
  // The sentence's tokens around the cue that belong to the attribution, not its content or
  // speaker, read in place (no list of them is built: every candidate is dated).
  const end = Math.min(s.last, a.cue.last + WINDOW);
  for (let k = windowStart(doc, s, a); k <= end; k++) {
    if (k > a.cue.last && (inContent(a, k) || quoted(doc, k))) break;
    // "said of the 2019 budget": what follows is the topic, not the time.
    if (k === a.cue.last + 1 && TOPIC_LINKS.has(t[k]?.lower ?? "")) break;
    if (inMention(a.mention, k) || (k >= a.cue.first && k <= a.cue.last)) continue;
    const token = t[k] as Token;
    const date = explicitDate(t, k, published);
    if (date) return date;
    const next = t[k + 1];
    if (token.lower === "last" && next && is(next, PERIOD_UNIT)) {
      return relativePeriod(next.lower, published) ?? "earlier";
    }
    if (is(token, PERIOD_UNIT) && next?.lower === "ago") earlier = true;
    if (is(token, EARLIER_ADVERB) && k < a.cue.first) earlier = true;
    if (is(token, PAST_PERFECT_AUXILIARY) && k < a.cue.first && k >= a.cue.first - 3) earlier = true;
    if (startsEarlierPhrase(t, k)) earlier = true;
  }
  return earlier ? "earlier" : undefined;
}

/** The phrases by their first word: most tokens open none, and are passed at one look-up. */
const EARLIER_PHRASES_BY_FIRST = new Map<string, readonly string[][]>();
for (const phrase of EARLIER_PHRASES) {
  const first = phrase[0] as string;
  EARLIER_PHRASES_BY_FIRST.set(first, [...(EARLIER_PHRASES_BY_FIRST.get(first) ?? []), phrase]);
}

/** "at the time", "years ago": a phrase that places the words earlier opens at token `k`. */
function startsEarlierPhrase(t: Token[], k: number): boolean {
  const phrases = EARLIER_PHRASES_BY_FIRST.get((t[k] as Token).lower);
  return phrases?.some((phrase) => phrase.every((word, n) => t[k + n]?.lower === word)) ?? false;
}

/** Where the attribution's tokens start: up to WINDOW tokens before the cue or speaker, not into the content. */
function windowStart(doc: Doc, s: Sentence, a: Dating): number {
  const from = Math.min(a.cue.first, a.mention?.first ?? a.cue.first);
  let left = from - 1;
  while (left >= s.first && from - left <= WINDOW && !inContent(a, left) && !quoted(doc, left)) left--;
  return left + 1;
}

// Helpers at module level, not closures made per call: every candidate is dated.
function inContent(a: Dating, k: number): boolean {
  for (const [first, last] of a.parts) if (k >= first && k <= last) return true;
  return false;
}
const inMention = (m: Mention | null, k: number) =>
  m !== null &&
  ((k >= m.first && k <= m.last) || (!!m.appositive && k >= m.appositive[0] && k <= m.appositive[1]));
const quoted = (doc: Doc, k: number) => (doc.seg.quoteOf[k] ?? -1) >= 0;

const two = (n: number) => String(n).padStart(2, "0");

/** "2010", "July 2015", "July 3, 2015", "in March" (the year from publication). */
function explicitDate(t: Token[], k: number, published: string | null): string | null {
  const token = t[k] as Token;
  if (isYear(token)) {
    // "July 2015", "July 3, 2015" are read from the month.
    const before = t[k - 1]?.text === "," ? t[k - 3] : t[k - 1];
    if (before && monthOf(before)) return null;
    // "the 2024 nominee": a year that describes the speaker, not the time of speaking.
    const after = t[k + 1]?.lower ?? "";
    if (ROLE_HEADS.has(after) || ROLE_MODIFIERS.has(after)) return null;
    return token.text;
  }
  const month = monthOf(token);
  if (!month) return null;
  const dayAfter = isDay(t[k + 1]) ? t[k + 1] : undefined;
  // "on 3 March", as outlets outside the United States write a date.
  const dayToken = dayAfter ?? (isDay(t[k - 1]) ? t[k - 1] : undefined);
  const yearAt = dayAfter
    ? t[k + 2]?.text === ","
      ? k + 3
      : k + 2
    : t[k + 1]?.lower === "of"
      ? k + 2
      : k + 1;
  const yearToken = t[yearAt];
  const prefix = (t[k - 1]?.lower ?? "") as string;
  if (!dayToken && !MONTH_PREFIXES.has(prefix)) return null;
  let year: number | null = isYear(yearToken) ? Number((yearToken as Token).text) : null;
  const day = dayToken ? `-${two(Number(dayToken.text))}` : "";
  if (year === null) {
    const at = publication(published);
    if (!at) return "earlier";
    year = month > at.month || prefix === "last" ? at.year - 1 : at.year;
  }
  return `${year}-${two(month)}${day}`;
}

/** A day of the month written as a number: "3", "21". */
const isDay = (t: Token | undefined) => t?.kind === "number" && /^\d{1,2}$/.test(t.text);

/** The month a capitalised month name stands for; "May" only as a name, never the modal. */
function monthOf(token: Token): number | null {
  if (token.kind !== "word" || !token.cap) return null;
  // "Nov.": the stop is left off; most words have none, and are looked up as they are.
  const lower = token.lower;
  return MONTH_NUMBERS.get(lower.endsWith(".") ? lower.slice(0, -1) : lower) ?? null;
}

/** "last year" → the year before publication; "last month" → the month before. */
function relativePeriod(unit: string, published: string | null): string | null {
  const at = publication(published);
  if (!at) return null;
  if (unit === "year") return String(at.year - 1);
  if (unit === "month") return at.month === 1 ? `${at.year - 1}-12` : `${at.year}-${two(at.month - 1)}`;
  return null;
}

function publication(published: string | null): { year: number; month: number } | null {
  const match = /^(\d{4})-(\d{2})/.exec(published ?? "");
  return match ? { year: Number(match[1]), month: Number(match[2]) } : null;
}
