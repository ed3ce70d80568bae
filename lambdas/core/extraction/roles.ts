/**
 * Role phrases: the words an article uses to say what a person is — "Defence Minister" before the
 * name, ", the city's budget director," after it, "A lawyer for the family, …" before an
 * appositive name. A role phrase is a title only when its head is a public role: a party label
 * ("Republican"), a descriptor ("rival", "veteran") or a relation ("his wife") is not.
 */
import {
  COURTESY_TITLES,
  DESCRIPTOR_ROLES,
  HONORIFICS,
  PARTY_LABELS,
  PAST_ROLE_PREFIXES,
  RELATION_ROLES,
  ROLE_DATING_ADVERBS,
  TITLE_LINKS,
} from "./lexicon/people.ts";
import {
  DETERMINER,
  GROUP_HEAD,
  is,
  ORGANISATION_HEAD,
  ROLE_HEAD,
  ROLE_MODIFIER,
} from "./lexicon/word-classes.ts";
import { CLAUSE_OPENERS, PREPOSITIONS } from "./lexicon/words.ts";
import { isPossessiveMark, type Token } from "./tokenize.ts";

/** One role phrase of a person, as the article gives it. */
export interface RolePhrase {
  /** The role as written, honorifics spelt out: "White House chief of staff", "Senator". */
  title: string;
  /** Who the role is exercised for, when the phrase says: "for the Unification Ministry". */
  affiliation: string | null;
}

/**
 * Does this word head one person's public role ("minister", "spokesperson"), not a party label,
 * a descriptor, a relation or a crowd ("officials")?
 */
export function isPublicRoleHead(t: Token): boolean {
  return (
    is(t, ROLE_HEAD) &&
    !is(t, GROUP_HEAD) &&
    !DESCRIPTOR_ROLES.has(t.lower) &&
    !PARTY_LABELS.has(t.lower) &&
    !RELATION_ROLES.has(t.lower)
  );
}

const isWord = (t: Token | undefined): t is Token => t !== undefined && t.kind === "word";
/** Words a role phrase may hold before its head. */
const MAX_ROLE_WORDS = 6;
/** A lower-case word that may modify a role ("budget director"): not a function word or a verb form. */
const isPlainNoun = (t: Token) =>
  !t.cap && !is(t, DETERMINER) && !FUNCTION_WORDS.has(t.lower) && !/(ly|ing|ed)$/.test(t.lower);

/**
 * The role phrase that starts at token `i` and ends the appositive it stands in, or null.
 *
 * @example
 * // "Dana Whitfield, the city's chief of staff, said …" with i at "the"
 * // → { title: "chief of staff", affiliation: "city" }
 */
export function rolePhraseAt(tokens: Token[], i: number, hi: number): RolePhrase | null {
  let k = i;
  // "then the city's mayor", "now a senator": when the role was held is no part of its body or
  // its article; before the role's own words ("then ambassador") it stays, the title's tense.
  if (
    k < hi &&
    ROLE_DATING_ADVERBS.has((tokens[k] as Token).lower) &&
    !is(tokens[k + 1], ROLE_HEAD | ROLE_MODIFIER)
  )
    k++;
  if (is(tokens[k], DETERMINER)) k++;
  let affiliation: string | null = null;
  // "Corbett's campaign manager", "the ministry's spokesman": the possessor is the affiliation.
  for (let n = k; n <= Math.min(hi, k + 4); n++) {
    if (isPossessiveMark(tokens[n])) {
      if (n > k) affiliation = wordsOf(tokens, k, n - 1);
      k = n + 1;
      break;
    }
    if (!isWord(tokens[n])) break;
  }
  const start = k;
  let head = -1;
  // "the city's budget director": modifiers, capitalised words and plain nouns up to the role.
  for (; k <= hi && k - start < MAX_ROLE_WORDS; k++) {
    const t = tokens[k] as Token;
    if (!isWord(t)) break;
    if (isPublicRoleHead(t)) head = k;
    else if (!(is(t, ROLE_MODIFIER) || is(t, ORGANISATION_HEAD) || t.cap || isPlainNoun(t))) break;
  }
  if (head < 0) return null;
  k = head + 1;
  let end = head;
  // "chief of staff", "Secretary of State": the link belongs to the title without a determiner.
  const link = tokens[head + 1];
  if (link && TITLE_LINKS.has(link.lower) && head + 2 <= hi) {
    const after = tokens[head + 2] as Token;
    const determined = after.lower === "the";
    const from = determined ? head + 3 : head + 2;
    let to = from;
    while (
      to + 1 <= hi &&
      isWord(tokens[to + 1]) &&
      (tokens[to + 1] as Token).cap === (tokens[from] as Token).cap
    )
      to++;
    // "chair of the Riverton Medical Association's council": the body's own part belongs to it.
    if (isPossessiveMark(tokens[to + 1]) && isWord(tokens[to + 2]) && to + 2 <= hi) to += 2;
    if (isWord(tokens[from]) && from <= hi) {
      if (!determined && link.lower === "of" && to - from < 3) end = to;
      else affiliation = wordsOf(tokens, from, to);
      k = to + 1;
    }
  }
  if (!closesPhrase(tokens[k])) return null;
  return { title: titleText(tokens, start, end), affiliation };
}

const FUNCTION_WORDS = new Set([...PREPOSITIONS, ...CLAUSE_OPENERS]);

/** What may follow an appositive role phrase: its closing punctuation or a relative clause. */
function closesPhrase(t: Token | undefined): boolean {
  if (!t) return true;
  return /^[,.;:)—–-]$/.test(t.text) || t.lower === "who" || t.lower === "and";
}

/** The words of a title as written, honorific abbreviations spelt out ("Sen." → "Senator"). */
function titleText(tokens: Token[], a: number, b: number): string {
  const words: string[] = [];
  for (let k = a; k <= b; k++) {
    const t = tokens[k] as Token;
    const honorific = t.cap ? HONORIFICS.get(t.lower) : undefined;
    if (honorific) words.push(honorific);
    else if (t.kind === "word") words.push(t.text);
  }
  return words.join(" ");
}

/** The words of tokens `[a, b]`, a possessive mark kept on its word ("Association's council"). */
function wordsOf(tokens: Token[], a: number, b: number): string {
  let out = "";
  for (let k = a; k <= b; k++) {
    const t = tokens[k] as Token;
    if (isWord(t)) out += (out && !isPossessiveMark(t) ? " " : "") + t.text;
  }
  return out;
}

/** "Dr.": a courtesy the lexicon spells out, not a role; any role the article gives ranks first. */
const courtesy = (title: string) => (!title.includes(" ") && COURTESY_TITLES.has(title) ? 1 : 0);

/** A former role ("former minister", "ex-governor") ranks after current ones. */
const former = (title: string) => {
  const lower = title.toLowerCase();
  return PAST_ROLE_PREFIXES.some((prefix) => lower.startsWith(prefix)) ? 1 : 0;
};

/**
 * Orders a person's role phrases most specific first: current roles before former ones, then
 * the longer phrase, then the earlier one; the same words given twice are kept once.
 *
 * @example
 * rankTitles(["minister", "former Prime Minister", "Defence Minister"])
 * // → ["Defence Minister", "minister", "former Prime Minister"]
 */
export function rankTitles(titles: readonly string[]): string[] {
  // Most speakers have one title or none: nothing to rank.
  if (titles.length < 2) return [...titles];
  const seen = new Map<string, { title: string; at: number }>();
  titles.forEach((title, at) => {
    const key = title.toLowerCase();
    if (!seen.has(key)) seen.set(key, { title, at });
  });
  return [...seen.values()]
    .sort(
      (x, y) =>
        courtesy(x.title) - courtesy(y.title) ||
        former(x.title) - former(y.title) ||
        y.title.split(" ").length - x.title.split(" ").length ||
        x.at - y.at,
    )
    .map((x) => x.title);
}
