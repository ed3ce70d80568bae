/**
 * Stage 4: speaker mentions. Finds the phrase that names or stands for a speaker next to a
 * reporting cue — "South Korea's Defence Minister Ahn Gyu-back", "the minister", "he",
 * "a senior official" — and reads its name, title, affiliation and kind from the words alone.
 */
import {
  CANDIDACY_ROLES,
  DESCRIPTIVE_COMPOUND_ENDS,
  DESCRIPTOR_ROLES,
  FEMALE_GIVEN_NAMES,
  HONORIFIC_TITLES,
  HONORIFICS,
  isGivenName,
  MALE_GIVEN_NAMES,
  PARTY_LABELS,
  PRINCIPAL_LINKS,
} from "./lexicon/people.ts";
import { COMPASS_WORDS, COUNTRY_NAMES } from "./lexicon/places.ts";
import { FINITE_VERBS, IRREGULAR_PAST } from "./lexicon/syntax.ts";
import { isYear } from "./lexicon/time.ts";
import {
  CAPITALISED_NON_NAME,
  CLAUSE_OPENER,
  DEFINITE_POSSESSIVE,
  DETERMINER,
  FEMALE_HONORIFIC,
  FEMALE_ROLE,
  GROUP_HEAD,
  HONORIFIC,
  is,
  MALE_HONORIFIC,
  MALE_ROLE,
  NAME_PARTICLE,
  NAME_SUFFIX,
  NOT_SPEAKER_OPENER,
  ORGANISATION_HEAD,
  PLACE_WORD,
  PREPOSITION,
  REPORTING_VERB,
  ROLE_HEAD,
  ROLE_MODIFIER,
  SUBJECT_PRONOUN,
  TIME_WORD,
  VERB_GROUP_WORD,
} from "./lexicon/word-classes.ts";
import { SUBJECT_PRONOUNS } from "./lexicon/words.ts";
import { perArticle } from "./per-article.ts";
import { isPublicRoleHead } from "./roles.ts";
import { isPossessiveMark, type Token, tokenAt } from "./tokenize.ts";

export type MentionKind = "name" | "role" | "pronoun" | "group" | "organisation";
export type Gender = "male" | "female" | null;

export interface Mention {
  /** The whole phrase, token indices inclusive. */
  first: number;
  last: number;
  kind: MentionKind;
  /** Proper-name tokens within the phrase, inclusive, or null. */
  name: [number, number] | null;
  title: string | null;
  affiliation: string | null;
  /** "the minister" (definite) may be resolved to a named person; "a minister" stays anonymous. */
  definite: boolean;
  gender: Gender;
  /** An appositive that describes the speaker: "Lee Jun-ho, [a spokesperson for the ministry],". */
  appositive?: [number, number];
}

const isWord = (t: Token | undefined): t is Token => t !== undefined && t.kind === "word";

/** "May", "June" as months; not as the given names of "said May Hale". */
const isTimeWord = (t: Token) => is(t, TIME_WORD) && !t.givenName;
const isRoleWord = (t: Token | undefined) => is(t, ROLE_HEAD | ROLE_MODIFIER);
const isHonorific = (tokens: Token[], i: number) => is(tokens[i], HONORIFIC) && (tokens[i] as Token).cap;

/** A capitalised word that can be part of a name or a capitalised title ("Defence Minister"). */
function isCapitalisedNamePart(t: Token | undefined): boolean {
  if (!isWord(t) || !t.cap) return false;
  // Asked of the same token many times over (370k asks of 67k tokens a train pass): read once.
  t.namePart ??= readsAsNamePart(t);
  return t.namePart;
}

function readsAsNamePart(t: Token): boolean {
  if (isContraction(t.text) || isDescriptiveCompound(t.lower)) return false;
  return !is(t, CAPITALISED_NON_NAME) || t.givenName || is(t, ROLE_HEAD) || isAcronym(t);
}

// "Korean-born", "Ohio-based", "Saudi-backed": they describe a person, they do not name one.
// Asked of every capitalised word, many times: most have no dash, found without a string search.
const isDescriptiveCompound = (lower: string) => {
  let dash = lower.length - 1;
  while (dash >= 0 && lower.charCodeAt(dash) !== 45) dash--;
  return dash >= 0 && DESCRIPTIVE_COMPOUND_ENDS.has(lower.slice(dash + 1));
};
// "I'm", "We're", "You'll": a pronoun and a verb, not a name (no apostrophe, no regular expression run).
const CONTRACTION = /['’](m|re|ll|ve|d)$|n['’]t$/i;
const isContraction = (text: string) => (text.includes("'") || text.includes("’")) && CONTRACTION.test(text);

// A lower-case ASCII second letter rules one out before the text is upper-cased to compare.
const isAcronym = (t: Token) =>
  t.text.length >= 2 &&
  !isLowerAscii(t.text.charCodeAt(1)) &&
  t.text === t.text.toUpperCase() &&
  /\p{Lu}/u.test(t.text);
const isLowerAscii = (code: number) => code >= 97 && code <= 122;

/** "the 46-year-old", "a 30-year-old teacher": an age names a person as a role word does. */
const isAge = (t: Token | undefined) => t?.kind === "number" && /^\d+-years?-old$/i.test(t.text);

/** Can this token end a speaker phrase? */
function isHead(t: Token | undefined): boolean {
  if (isAge(t)) return true;
  if (!isWord(t)) return false;
  if (is(t, SUBJECT_PRONOUN) && (t.lower !== "i" || t.text === "I")) return true;
  if (isCapitalisedNamePart(t) && !isTimeWord(t)) return true;
  return is(t, ROLE_HEAD) || is(t, GROUP_HEAD) || is(t, ORGANISATION_HEAD);
}

/**
 * The speaker phrase that ends at token `j`, reading leftwards no further than `lo`.
 *
 * @example
 * // "... South Korea's Defence Minister Ahn Gyu-back warned ..." with j at "Gyu-back"
 * // → name "Ahn Gyu-back", title "Defence Minister", affiliation "South Korea"
 */
export function mentionEndingAt(tokens: Token[], j: number, lo: number): Mention | null {
  // "Walter J. Corbett Jr." said: the suffix's full stop ends the name.
  if (tokens[j]?.text === "." && !tokens[j]?.spaceBefore && is(tokens[j - 1], NAME_SUFFIX)) {
    const named = mentionEndingAt(tokens, j - 1, lo);
    return named ? mentionWith(named, { last: j }) : null;
  }
  if (tokens[j]?.text === ")") {
    const open = openingParenthesis(tokens, j, lo);
    return open > lo ? mentionEndingAt(tokens, open - 1, lo) : null;
  }
  const head = tokens[j];
  if (!isHead(head)) return null;
  if (is(head, SUBJECT_PRONOUN)) return pronounMention(tokens, j);
  let i = j;
  while (i - 1 >= lo) {
    const step = stepLeft(tokens, i, lo);
    if (step === 0) break;
    i -= step;
    if (is(tokens[i], DETERMINER)) break;
  }
  // "said that Okafor …": "that" opens the clause, it does not determine the name.
  if ((tokens[i] as Token).lower === "that" && i < j) i++;
  const mention = describeMention(tokens, i, j);
  return speakerFor(tokens, mention, lo) ?? mention;
}

/** "advisers to Mr. Corbett", "a spokesperson for the ministry": the role speaks, not its principal. */
export function speakerFor(tokens: Token[], mention: Mention, lo: number): Mention | null {
  const preposition = tokenAt(tokens, mention.first - 1);
  if (!preposition || !PRINCIPAL_LINKS.has(preposition.lower) || mention.first - 2 < lo) return null;
  const role = tokens[mention.first - 2] as Token;
  // A capital is a name's ("Officials to …" opens a sentence; "Ruiz to …" names somebody).
  const opensSentence = mention.first - 2 === lo || /^[.?!:;]$/.test(tokens[mention.first - 3]?.text ?? "");
  if (!(is(role, ROLE_HEAD) || is(role, GROUP_HEAD)) || (role.cap && !opensSentence)) return null;
  const described = mentionEndingAt(tokens, mention.first - 2, lo);
  if (!described || (described.kind !== "role" && described.kind !== "group")) return null;
  return mentionWith(described, {
    last: mention.last,
    affiliation: textOf(tokens, mention.first, mention.last),
  });
}

/**
 * The mention with some fields changed: copied field by field into the one shape every mention
 * has (see describeMention), then changed; a spread copy can get a shape of its own.
 */
export function mentionWith(m: Mention, changes: Partial<Mention>): Mention {
  const copy: Mention = {
    first: m.first,
    last: m.last,
    kind: m.kind,
    name: m.name,
    title: m.title,
    affiliation: m.affiliation,
    definite: m.definite,
    gender: m.gender,
    appositive: m.appositive,
  };
  return Object.assign(copy, changes);
}

/** "(R-Ind.)" after a name: the index of "(" within a few tokens, or -1. */
function openingParenthesis(tokens: Token[], close: number, lo: number): number {
  for (let k = close - 1; k >= Math.max(lo, close - 8); k--) {
    if (tokens[k]?.text === "(") return k;
    if (tokens[k]?.text === ")") return -1;
  }
  return -1;
}

/** A lower-case word that may be an adjective inside a speaker phrase ("top", "environmental"). */
const isModifierCandidate = (t: Token | undefined): boolean =>
  isWord(t) &&
  !is(t, REPORTING_VERB) &&
  !t.cap &&
  !is(t, PREPOSITION | CLAUSE_OPENER | VERB_GROUP_WORD) &&
  !is(t, DETERMINER) &&
  // "well-connected", "long-serving": a compound is an adjective, whatever its last part.
  (t.lower.includes("-") || !(t.lower.endsWith("ed") || t.lower.endsWith("ing") || t.lower.endsWith("ly")));

const isInitial = (t: Token | undefined) =>
  t !== undefined && t.kind === "word" && t.text.length === 1 && t.cap;

/** "budget" in "budget director": a plain noun before a role's head, not a verb ("met", "is"). */
const isPlainNounBefore = (t: Token, role: Token | undefined) =>
  isModifierCandidate(t) && is(role, ROLE_HEAD) && !FINITE_VERBS.has(t.lower) && !IRREGULAR_PAST.has(t.lower);

/** How many tokens left of `i` still belong to the phrase (0 to stop). */
function stepLeft(tokens: Token[], i: number, lo: number): number {
  const p = tokens[i - 1] as Token;
  if (p.kind === "punct" && p.text === "." && !p.spaceBefore && i - 2 >= lo) {
    if (isHonorific(tokens, i - 2) || isInitial(tokens[i - 2])) return 2;
  }
  if (isPossessiveMark(p) && isCapitalisedNamePart(tokens[i - 2]) && i - 2 >= lo) return 1;
  if (!isWord(p)) return 0;
  // "current and former officials": two modifiers of one role.
  if (p.lower === "and" && is(tokens[i], ROLE_MODIFIER) && i - 2 >= lo)
    return is(tokens[i - 2], ROLE_MODIFIER) ? 2 : 0;
  if (isTimeWord(p) && !is(p, ROLE_HEAD)) return 0;
  if (is(p, DETERMINER)) return 1;
  if (isCapitalisedNamePart(p)) return 1;
  if (isRoleWord(p) || is(p, ORGANISATION_HEAD)) return 1;
  if (is(p, NAME_PARTICLE) && (tokens[i] as Token).cap) {
    // "von der Leyen": particles run in pairs too.
    if (isCapitalisedNamePart(tokens[i - 2])) return 1;
    if (is(tokens[i - 2], NAME_PARTICLE) && isCapitalisedNamePart(tokens[i - 3]) && i - 3 >= lo) return 2;
  }
  // "City budget director Helen Okafor": a plain noun between a name and a role word.
  // Not a verb between two people: "Scott Bessent met Federal Reserve Chair Jerome Powell".
  if (isPlainNounBefore(p, tokens[i] as Token) && isCapitalisedNamePart(tokens[i - 2])) return 1;
  // "the nonpartisan Riverton Budget Office", "its longtime members": adjectives after a determiner;
  // "Acme's chief human resources executive": nouns after a possessor's role.
  if (isModifierCandidate(p)) {
    for (let d = 2; d <= 3 && i - d >= lo; d++) {
      const q = tokens[i - d] as Token;
      if (is(q, DETERMINER) || q.kind === "number" || isPossessiveMark(q)) return 1;
      if (isRoleWord(q) && isPossessiveMark(tokens[i - d - 1])) return 1;
      if (!isModifierCandidate(q)) break;
    }
  }
  if (p.lower === "of" && isCapitalisedNamePart(tokens[i - 2]) && (tokens[i] as Token).cap) return 1;
  return 0;
}

/**
 * The speaker phrase that starts at token `i`, reading rightwards no further than `hi`:
 * `said Ahn`, `according to the Korean Central News Agency`.
 */
export function mentionStartingAt(tokens: Token[], i: number, hi: number): Mention | null {
  const start = tokens[i];
  if (!isWord(start)) return null;
  if (is(start, NOT_SPEAKER_OPENER)) return null;
  if (
    !(
      isHead(start) ||
      is(start, DETERMINER) ||
      is(start, DEFINITE_POSSESSIVE) ||
      isRoleWord(start) ||
      isModifierCandidate(start) ||
      isHonorific(tokens, i)
    )
  )
    return null;
  if (is(start, SUBJECT_PRONOUN)) return pronounMention(tokens, i);
  let j = i;
  let lastHead = isHead(start) && !is(start, DETERMINER) ? i : -1;
  // A possessor determines what follows it as "the" does: "Acme's chief human resources executive".
  let determined = is(start, DETERMINER) || is(start, DEFINITE_POSSESSIVE);
  while (j + 1 <= hi) {
    const n = tokens[j + 1] as Token;
    const honorificDot = n.text === "." && !n.spaceBefore && (isHonorific(tokens, j) || isInitial(tokens[j]));
    const possessive = isPossessiveMark(n) && isCapitalisedNamePart(tokens[j]);
    const particle =
      (is(n, NAME_PARTICLE) || n.lower === "of") &&
      (!!tokens[j]?.cap || is(tokens[j], NAME_PARTICLE)) &&
      (isCapitalisedNamePart(tokens[j + 2]) ||
        (is(n, NAME_PARTICLE) && is(tokens[j + 2], NAME_PARTICLE) && isCapitalisedNamePart(tokens[j + 3])));
    const inPhrase =
      isCapitalisedNamePart(n) || isRoleWord(n) || is(n, ORGANISATION_HEAD) || is(n, GROUP_HEAD);
    const adjective =
      determined &&
      // "a 2012 campaign veteran": a year modifies a role like an adjective.
      (isModifierCandidate(n) || isYear(n)) &&
      !is(n, REPORTING_VERB) &&
      (isHead(tokens[j + 2]) ||
        (isModifierCandidate(tokens[j + 2]) && isHead(tokens[j + 3]) && j + 3 <= hi)) &&
      j + 2 <= hi;
    // "party floor leader Song Eon-seog": a plain noun between a body and the role before a name.
    const roleNoun =
      isPlainNounBefore(n, tokens[j + 2]) && isCapitalisedNamePart(tokens[j + 3]) && j + 3 <= hi;
    const conjoinedRole = n.lower === "and" && isRoleWord(tokens[j]) && rolesThenName(tokens, j + 2, hi);
    // "said Al From, who …": a word that stops other names ends this one, after a given name.
    const surname = !inPhrase && !isWord(tokens[j + 2]) && surnameAfterGivenName(tokens, j + 1, i);
    if (
      !(
        surname ||
        honorificDot ||
        possessive ||
        particle ||
        adjective ||
        roleNoun ||
        conjoinedRole ||
        (isWord(n) && inPhrase && !isTimeWord(n)) ||
        isAge(n)
      )
    )
      break;
    j++;
    if (possessive) determined = true;
    if (isHead(n) || surname) lastHead = j;
  }
  if (lastHead < 0) return null;
  return describeMention(tokens, i, lastHead);
}

/**
 * "lobbyist and party strategist Tom Reyes": roles after "and" that lead to a name are one
 * person's; "the senator and the candidate" may be two people, so they stop the phrase.
 */
function rolesThenName(tokens: Token[], k: number, hi: number): boolean {
  let m = k;
  while (
    m <= hi &&
    (isRoleWord(tokens[m]) || (isCapitalisedNamePart(tokens[m]) && isRoleWord(tokens[m + 1])))
  )
    m++;
  const name = tokens[m];
  return m > k && m <= hi && isCapitalisedNamePart(name) && !isRoleWord(name);
}

function pronounMention(tokens: Token[], i: number): Mention {
  const lower = (tokens[i] as Token).lower;
  const kind: MentionKind = lower === "they" || lower === "we" ? "group" : "pronoun";
  return {
    first: i,
    last: i,
    kind,
    name: null,
    title: null,
    affiliation: null,
    definite: true,
    gender: SUBJECT_PRONOUNS.get(lower) ?? null,
    appositive: undefined,
  };
}

/**
 * Phrases already described, for the article being read: the stages read the same phrase many
 * times over (a cue's subject, the sentence's subject, a full name the registry reads: a third
 * of all reads). Mentions are never changed once made (mentionWith copies), so one is shared.
 */
const describedIn = perArticle((_: Token[]) => new Map<number, Mention>());

/** Reads name, title, affiliation and kind off the phrase `[first, last]`. */
export function describeMention(tokens: Token[], first: number, last: number): Mention {
  const described = describedIn(tokens);
  const key = first * (tokens.length + 1) + last;
  let mention = described.get(key);
  if (!mention) {
    mention = readMention(tokens, first, last);
    described.set(key, mention);
  }
  return mention;
}

function readMention(tokens: Token[], first: number, last: number): Mention {
  const head = tokens[last] as Token;
  let start = first;
  let definite = (tokens[first] as Token).lower === "the" || is(tokens[first], DEFINITE_POSSESSIVE);
  if (is(tokens[start], DETERMINER)) start++;
  // "South Korea's Defence Minister": the possessor is the affiliation.
  let affiliation: string | null = null;
  for (let k = last - 1; k > start; k--) {
    if (isPossessiveMark(tokens[k])) {
      affiliation = textOf(tokens, start, k - 1);
      start = k + 1;
      // "Canada's public safety minister": one person, as "the minister" is.
      definite = true;
      break;
    }
  }
  // "Sen. Dana Ruiz of Ohio": the person before "of", the place after it their affiliation.
  const of = personOfPlace(tokens, start, last);
  if (of > 0) affiliation ??= textOf(tokens, of + 1, nameEnd(tokens, last));
  const own = nameAtEnd(tokens, start, of > 0 ? of - 1 : last);
  // "the University of Ohio", "the Bank of Korea": the organisation's whole name.
  const body = own ? organisationOf(tokens, start, own) : null;
  const name = body ?? own;
  const titleEnd = name ? name[0] - 1 : last;
  // "Kenya President Ruth Wanjiru": the country is whose president she is.
  const country = countryBefore(tokens, start, titleEnd);
  if (country > start && name) affiliation ??= textOf(tokens, start, country - 1);
  const title = titleOf(tokens, Math.max(country, start), titleEnd);
  const gender = genderOf(tokens, start, last) ?? givenNameGender(tokens, name);
  const kind = body ? "organisation" : kindOfPhrase(tokens, head, name);
  const titled = kind === "organisation" ? null : title;
  return {
    first,
    last,
    kind,
    name: kind === "organisation" && !name ? null : name,
    title: titled,
    affiliation,
    definite,
    gender,
    // Present though unset, as in every mention: one object shape for the stages that read them.
    appositive: undefined,
  };
}

/** "Americans", "Ethiopians", "Koreans": a people, not a person. */
const namesPeople = (lower: string) =>
  lower.endsWith("ians") || lower.endsWith("cans") || lower.endsWith("eans");

function kindOfPhrase(tokens: Token[], head: Token, name: [number, number] | null): MentionKind {
  if (name && name[0] === name[1] && namesPeople(head.lower)) return "group";
  if (name) return isOrganisationName(tokens, name) ? "organisation" : "name";
  if (is(head, ORGANISATION_HEAD) || is(head, PLACE_WORD) || isAcronym(head)) return "organisation";
  return is(head, GROUP_HEAD) ? "group" : "role";
}

/**
 * The "of" in "Dana Ruiz of Ohio" (a name, then "of" and capitalised words), or -1: not in
 * "Secretary of State" or "University of Ohio", where "of" belongs to a title or an organisation.
 */
function personOfPlace(tokens: Token[], start: number, last: number): number {
  for (let k = last - 1; k > start; k--) {
    const t = tokens[k] as Token;
    if (t.lower !== "of") {
      if (!isCapitalisedNamePart(t)) return -1;
      continue;
    }
    const before = tokens[k - 1] as Token;
    const person = isCapitalisedNamePart(before) && !isRoleWord(before) && !is(before, ORGANISATION_HEAD);
    return person && !isAcronym(before) && nameAtEnd(tokens, start, k - 1) !== null ? k : -1;
  }
  return -1;
}

/** "University of Ohio": a name after "of" and an organisation's head word, taken whole. */
function organisationOf(tokens: Token[], start: number, [a, b]: [number, number]): [number, number] | null {
  const head = tokenAt(tokens, a - 2);
  if (tokenAt(tokens, a - 1)?.lower !== "of" || a - 2 < start || !head?.cap || !is(head, ORGANISATION_HEAD))
    return null;
  let first = a - 2;
  while (first - 1 >= start && isCapitalisedNamePart(tokens[first - 1]) && !isRoleWord(tokens[first - 1]))
    first--;
  return [first, b];
}

/** Past a country (and its compass word) that opens a title: the title's first token, or `start`. */
function countryBefore(tokens: Token[], start: number, end: number): number {
  let k = start;
  if (is(tokens[k], ROLE_MODIFIER)) return start;
  while (k < end && COMPASS_WORDS.has((tokens[k] as Token).lower)) k++;
  return k < end && COUNTRY_NAMES.has((tokens[k] as Token).lower) && (tokens[k] as Token).cap ? k + 1 : start;
}

/** The last token of a name, its suffix ("Jr.", "III") left out. */
const nameEnd = (tokens: Token[], last: number) =>
  tokens[last]?.text === "." && is(tokens[last - 1], NAME_SUFFIX) ? last - 2 : last;

/** The proper name at the end of a phrase: the capitalised words after the last title word. */
function nameAtEnd(tokens: Token[], start: number, last: number): [number, number] | null {
  // "Thomas Judge Jr.": past the suffix, the word before it is a name, whatever it means.
  const suffixed = nameEnd(tokens, last) !== last || is(tokens[last], NAME_SUFFIX);
  if (suffixed) {
    const end = tokens[last]?.text === "." ? last - 2 : last - 1;
    if (end < start || !isCapitalisedNamePart(tokens[end])) return null;
    const rest = nameAtEnd(tokens, start, end - 1);
    return [rest && rest[1] === end - 1 ? rest[0] : end, last];
  }
  let k = last;
  while (k >= start) {
    const t = tokens[k] as Token;
    const particle = is(t, NAME_PARTICLE) && k > start && k < last;
    if (t.text === "." && k - 1 > start && isInitial(tokens[k - 1])) {
      k -= 2;
      continue;
    }
    const dotOfHonorific = t.text === "." && k > start && isHonorific(tokens, k - 1);
    if (dotOfHonorific || isHonorific(tokens, k)) break;
    const surname = k === last && surnameAfterGivenName(tokens, k, start);
    if (!particle && !surname && !(isCapitalisedNamePart(t) && !isRoleWord(t))) break;
    k--;
  }
  return k < last ? [pastPlace(tokens, k + 1, last), last] : null;
}

/**
 * "Peter King", "John Major", "Peter T. King", "Al From": a capitalised word that would stop a
 * name (a role word, a preposition) after a given name (and an initial) ends the name as its surname.
 */
function surnameAfterGivenName(tokens: Token[], k: number, start: number): boolean {
  const t = tokens[k];
  if (!isWord(t) || !t.cap || isTimeWord(t) || is(t, SUBJECT_PRONOUN)) return false;
  if (!isRoleWord(t) && !is(t, CAPITALISED_NON_NAME)) return false;
  const given = tokens[k - 1]?.text === "." && isInitial(tokens[k - 2]) ? k - 3 : k - 1;
  const word = tokens[given];
  return given >= start && word !== undefined && word.cap && isGivenName(word.lower);
}

/**
 * "Canada Owen Marsh", "South Korea Lee Jun-ho" (a dateline run into the sentence): a country
 * opening a name of two words or more is no part of it.
 */
function pastPlace(tokens: Token[], first: number, last: number): number {
  let place = -1;
  for (let k = first; k <= last - 2; k++) {
    const lower = (tokens[k] as Token).lower;
    if (COUNTRY_NAMES.has(lower)) place = k;
    else if (!COMPASS_WORDS.has(lower)) break;
  }
  return place >= 0 ? place + 1 : first;
}

/**
 * The role words before a name, as written: "Defence Minister", "Corbett campaign spokesman",
 * "Secretary of State". A title names a public role: it ends in one ("minister", "spokesman",
 * "Sen.", "chief of staff") and leaves out what merely describes ("rival", "veteran"), labels
 * ("Republican") or relates ("his wife").
 */
function titleOf(tokens: Token[], start: number, end: number): string | null {
  let first = start;
  while (first <= end && !startsTitle(tokens[first] as Token)) first++;
  // Most phrases end in no public role wherever their title starts ("officials", "the company"):
  // told before the words that an office follows are looked for (fewer words end in none).
  if (first > end || !endsInPublicRole(tokens, first, end)) return null;
  first = pastStanding(tokens, first, end);
  // Whether it names a public role is told by the tokens: the words are put together only then.
  if (first > end || !endsInPublicRole(tokens, first, end)) return null;
  const words: string[] = [];
  for (let k = first; k <= end; k++) {
    const t = tokens[k] as Token;
    if (t.text === ".") continue;
    const honorific = HONORIFICS.get(t.lower);
    if (honorific !== undefined && t.cap) {
      if (honorific) words.push(honorific);
      continue;
    }
    words.push(t.text);
  }
  return words.length ? words.join(" ") : null;
}

/**
 * Past the last descriptor or candidacy word that an office follows: "Republican presidential
 * hopeful Sen." is a senator's title, "Senator"; "presidential candidate" alone stays a title.
 */
function pastStanding(tokens: Token[], first: number, end: number): number {
  for (let k = end - 1; k >= first; k--) {
    const lower = (tokens[k] as Token).lower;
    if ((DESCRIPTOR_ROLES.has(lower) || CANDIDACY_ROLES.has(lower)) && endsInPublicRole(tokens, k + 1, end))
      return pastPartyLabels(tokens, k + 1, end);
  }
  return pastPartyLabels(tokens, first, end);
}

/**
 * Past party labels before an office held in a public body, one the lexicon abbreviates:
 * "Republican Sen." and "Democratic socialist Senator" are a senator's title, "Senator". A party's
 * own office keeps its party ("Conservative Leader"), and so does "Democratic National Committee chair".
 */
function pastPartyLabels(tokens: Token[], first: number, end: number): number {
  let k = first;
  while (k < end && PARTY_LABELS.has((tokens[k] as Token).lower)) k++;
  const office = tokenAt(tokens, end)?.text === "." ? end - 1 : end;
  const publicOffice =
    isTitleHonorific(tokens, office) || HONORIFIC_TITLES.has(tokenAt(tokens, office)?.lower ?? "");
  return k > first && k === office && publicOffice ? k : first;
}

/** "… minister", "… Sen.", "Secretary of State": the phrase ends in a public role. */
function endsInPublicRole(tokens: Token[], first: number, end: number): boolean {
  const last = tokens[end] as Token | undefined;
  if (!last) return false;
  if (isPublicRoleHead(last)) return true;
  if (isTitleHonorific(tokens, end) || (last.text === "." && isTitleHonorific(tokens, end - 1))) return true;
  for (let k = end - 1; k > first; k--) {
    if ((tokens[k] as Token).lower === "of") return isPublicRoleHead(tokens[k - 1] as Token);
  }
  return false;
}

/** "Sen.", "Gov.": a capitalised honorific that stands for a role (not "Mr."). */
const isTitleHonorific = (tokens: Token[], k: number) =>
  tokenAt(tokens, k)?.cap === true && !!HONORIFICS.get((tokens[k] as Token).lower);

function startsTitle(t: Token): boolean {
  if (t.kind !== "word") return false;
  if (is(t, ROLE_MODIFIER) || is(t, ROLE_HEAD) || is(t, HONORIFIC)) return true;
  return t.cap && !is(t, CAPITALISED_NON_NAME);
}

function genderOf(tokens: Token[], start: number, last: number): Gender {
  for (let k = start; k <= last; k++) {
    if (is(tokens[k], MALE_HONORIFIC | MALE_ROLE)) return "male";
    if (is(tokens[k], FEMALE_HONORIFIC | FEMALE_ROLE)) return "female";
  }
  return null;
}

/** "Maria Lopez": the given name's gender, when the name has a given name and it says one. */
function givenNameGender(tokens: Token[], name: [number, number] | null): Gender {
  if (!name || name[0] === name[1]) return null;
  const given = (tokens[name[0]] as Token).lower;
  if (MALE_GIVEN_NAMES.has(given)) return "male";
  if (FEMALE_GIVEN_NAMES.has(given)) return "female";
  return null;
}

function isOrganisationName(tokens: Token[], [a, b]: [number, number]): boolean {
  const last = tokens[b] as Token;
  if (is(last, ORGANISATION_HEAD)) return true;
  if (a === b && (is(last, PLACE_WORD) || isAcronym(last))) return true;
  return b - a === 1 && is(last, PLACE_WORD) && is(tokens[a], PLACE_WORD);
}

/** The text of tokens `[a, b]` as it stands in the article. */
export function textOf(tokens: Token[], a: number, b: number): string {
  let out = "";
  for (let k = a; k <= b; k++) {
    const t = tokens[k] as Token;
    out += (k > a && t.spaceBefore ? " " : "") + t.text;
  }
  return out;
}

/** textOf lower-cased, made of the words' own lower-case forms (no second string to lower-case). */
export function lowerTextOf(tokens: Token[], a: number, b: number): string {
  let out = "";
  for (let k = a; k <= b; k++) {
    const t = tokens[k] as Token;
    out += (k > a && t.spaceBefore ? " " : "") + t.lower;
  }
  return out;
}
