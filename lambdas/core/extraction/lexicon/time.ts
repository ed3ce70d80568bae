/**
 * Words that date a statement: months, the units of "last year" and "two years ago", and the
 * adverbs that put words in the past ("at the time", "previously", "had said").
 */

import type { Token } from "../tokenize.ts";

const set = (words: string) => new Set(words.trim().split(/\s+/));

const YEAR = /^(1[89]|20)\d\d$/;

/** A year as news copy writes one: "2015", "1998". */
export const isYear = (t: Token | undefined): boolean => t?.kind === "number" && YEAR.test(t.text);

/** Month names and their abbreviations, lower-case, to the month's number. */
export const MONTH_NUMBERS: ReadonlyMap<string, number> = new Map(
  `january february march april may june july august september october november december`
    .split(" ")
    .flatMap((name, k) => [
      [name, k + 1] as const,
      [name.slice(0, 3), k + 1] as const,
      ...(name === "september" ? [["sept", 9] as const] : []),
    ]),
);

/** Adverbs that put a reporting verb in the past of the article's news: "previously said". */
export const EARLIER_ADVERBS = set("previously once formerly");

/** Periods after "last" or before "ago": "last year", "two months ago". */
export const PERIOD_UNITS = set(`year years month months week weeks decade decades fall spring summer
  winter autumn term session campaign cycle`);

/** Phrases that date a statement to an unnamed earlier time, as token sequences. */
export const EARLIER_PHRASES: readonly string[][] = [
  "at the time",
  "back then",
  "in the past",
  "years ago",
  "earlier this year",
  "earlier in the year",
  "earlier in the campaign",
  "in an earlier interview",
  "in a previous interview",
].map((phrase) => phrase.split(" "));

/** Verbs of the past perfect: "had said", "had told". */
export const PAST_PERFECT = set("had");

/** Words that open a time phrase before a time word: "on Monday", "last week", "this morning". */
export const TIME_OPENERS = set("on last this");

/** Words before a month's name that make it a date of speaking: "in March", "since July", "early May". */
export const MONTH_PREFIXES = set("in on since last of early late mid until");
