import { MONTH_PREFIXES } from "./lexicon/time.ts";
import {
  CAPITALISED_NON_NAME,
  GIVEN_NAME_ALSO_WORD,
  GROUP_HEAD,
  is,
  ORGANISATION_HEAD,
  PREPOSITION,
  ROLE_HEAD,
  TIME_WORD,
} from "./lexicon/word-classes.ts";
import type { Token } from "./tokenize.ts";

/** Sets `givenName` on the tokens that name a person here. */
export function markGivenNames(tokens: Token[]): void {
  for (let k = 0; k < tokens.length - 1; k++) {
    const t = tokens[k] as Token;
    if (t.cap && is(t, GIVEN_NAME_ALSO_WORD) && namesAPerson(tokens, k)) t.givenName = true;
  }
}

function namesAPerson(tokens: Token[], k: number): boolean {
  const next = tokens[k + 1] as Token;
  const before = tokens[k - 1];
  if (!isNameWord(next) || !next.spaceBefore) return false;
  if (before?.kind !== "word") return true;
  return (
    !before.cap && !is(before, PREPOSITION) && !MONTH_PREFIXES.has(before.lower) && !is(before, TIME_WORD)
  );
}

const isNameWord = (t: Token) =>
  t.kind === "word" &&
  t.cap &&
  !is(t, CAPITALISED_NON_NAME) &&
  !is(t, TIME_WORD) &&
  !is(t, ROLE_HEAD) &&
  !is(t, GROUP_HEAD) &&
  !is(t, ORGANISATION_HEAD);
