/**
 * A given name that is also a word — "Will", "May", "June", "April" — is a name only in a name's
 * place: right before another capitalised name word, and not after a word that makes it a month
 * ("in May Hale said") or inside a run of capitals ("Hale Will Visit", a headline).
 */
import { GIVEN_NAMES_ALSO_WORDS, GROUP_HEADS, ORGANISATION_HEADS, ROLE_HEADS } from "./lexicon/people.ts";
import { MONTH_PREFIXES } from "./lexicon/time.ts";
import { CAPITALISED_NON_NAMES, PREPOSITIONS, TIME_WORDS } from "./lexicon/words.ts";
import type { Token } from "./tokenize.ts";

/** Sets `givenName` on the tokens that name a person here. */
export function markGivenNames(tokens: Token[]): void {
  for (let k = 0; k < tokens.length - 1; k++) {
    const t = tokens[k] as Token;
    if (t.cap && GIVEN_NAMES_ALSO_WORDS.has(t.lower) && namesAPerson(tokens, k)) t.givenName = true;
  }
}

function namesAPerson(tokens: Token[], k: number): boolean {
  const next = tokens[k + 1] as Token;
  const before = tokens[k - 1];
  if (!isNameWord(next) || !next.spaceBefore) return false;
  if (before?.kind !== "word") return true;
  return (
    !before.cap &&
    !PREPOSITIONS.has(before.lower) &&
    !MONTH_PREFIXES.has(before.lower) &&
    !TIME_WORDS.has(before.lower)
  );
}

const isNameWord = (t: Token) =>
  t.kind === "word" &&
  t.cap &&
  !CAPITALISED_NON_NAMES.has(t.lower) &&
  !TIME_WORDS.has(t.lower) &&
  !ROLE_HEADS.has(t.lower) &&
  !GROUP_HEADS.has(t.lower) &&
  !ORGANISATION_HEADS.has(t.lower);
