/**
 * A speaker is a person, an organisation or an anonymous source: never a place that does not
 * govern ("Texas", "Capitol Hill"), a verb or a word that is capitalised only because it opens the
 * sentence ("Keeps", "Get").
 */
import type { Doc } from "./document.ts";
import { GROUP_HEADS, ORGANISATION_HEADS, ROLE_HEADS } from "./lexicon/people.ts";
import { COUNTRY_NAMES, NON_SPEAKING_PLACES } from "./lexicon/places.ts";
import { SENTENCE_OPENING_VERBS } from "./lexicon/words.ts";
import { type Mention, textOf } from "./mentions.ts";
import { perArticle } from "./per-article.ts";
import { type Token, tokenAt } from "./tokenize.ts";

export function canSpeak(doc: Doc, m: Mention): boolean {
  if (m.kind !== "name" && m.kind !== "organisation") return true;
  const t = doc.tokens;
  if (!m.title && isNonSpeakingPlace(t, m)) return false;
  if (m.first !== m.last || !opensSentence(t, m.first)) return true;
  if (SENTENCE_OPENING_VERBS.has((t[m.first] as Token).lower)) return false;
  return !isOpeningModifier(doc, m.first) && !isCommonWordOpening(doc, m.first);
}

/** "Texas", "Capitol Hill", and a state abbreviated ("Fla.": the tokens may leave its stop apart). */
export function isNonSpeakingPlace(t: Token[], m: Pick<Mention, "first" | "last">): boolean {
  // Most names open with a word no such place opens with: told so without building their text.
  if (!PLACE_OPENINGS.has((t[m.first] as Token).lower)) return false;
  const text = textOf(t, m.first, m.last).toLowerCase();
  const stop = t[m.last + 1];
  return (
    NON_SPEAKING_PLACES.has(text) ||
    (stop?.text === "." && !stop.spaceBefore && NON_SPEAKING_PLACES.has(`${text}.`))
  );
}

/**
 * "Kenya", "the United States": a country named whole (a government may speak by it, but it is
 * nobody's "he" or "she").
 */
export function namesCountry(t: Token[], m: Pick<Mention, "first" | "last">): boolean {
  // Asked of every sentence's subject: most open with a word no country's name opens with.
  if (!COUNTRY_FIRST_WORDS.has((t[m.first] as Token).lower)) return false;
  return COUNTRY_NAMES.has(textOf(t, m.first, m.last).toLowerCase());
}

const COUNTRY_FIRST_WORDS = new Set([...COUNTRY_NAMES].map((name) => name.split(" ")[0] as string));

/** Every opening of those places' names ("n", "ne", "new", "new ", …): a phrase that names one opens with one. */
const PLACE_OPENINGS = new Set(
  [...NON_SPEAKING_PLACES].flatMap((place) =>
    Array.from({ length: place.length }, (_, n) => place.slice(0, n + 1)),
  ),
);

/**
 * "Already, 600 delegates …", "Hours later …": a word capitalised only where a sentence opens and
 * written in lower case elsewhere in the article is a common word, not a name; though a body or a
 * group that speaks may open the sentence so ("Police said …", "Investors say …").
 */
function isCommonWordOpening(doc: Doc, i: number): boolean {
  const word = (doc.tokens[i] as Token).lower;
  if (casesInside(doc).capitalised.has(word) || !writtenInLowerCase(doc, word)) return false;
  return !(GROUP_HEADS.has(word) || ORGANISATION_HEADS.has(word) || ROLE_HEADS.has(word));
}

/**
 * "Having announced …", "Weighing in on …", "Nearly half …": a participle or an adverb opening
 * the sentence, unless the article capitalises the word where no sentence opens ("Coach Manning",
 * "Megyn Kelly").
 */
export function isOpeningModifier(doc: Doc, i: number): boolean {
  const word = doc.tokens[i];
  return (
    !!word &&
    (word.lower.endsWith("ing") || word.lower.endsWith("ly")) &&
    !capitalisedInside(doc).has(word.lower)
  );
}

interface CasesInside {
  /** Words the article capitalises somewhere other than at the opening of a sentence. */
  capitalised: Set<string>;
  /**
   * Whether it writes a word in lower case, for the words asked about: a few sentence-opening
   * words per article, each looked for when asked (a set of every lower-case word cost more).
   */
  lower: Map<string, boolean>;
  /** Where the capitalised words stand, in order: the entity registry reads names off them. */
  capitals: number[];
}

/** Kept for the article being read. */
const casesInside = perArticle((doc: Doc): CasesInside => {
  const words: CasesInside = { capitalised: new Set(), lower: new Map(), capitals: [] };
  // Every token passes here once an article, the only such pass of speaker resolution: the
  // cheap boolean is tested first.
  const tokens = doc.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (!token.cap || token.kind !== "word") continue;
    words.capitals.push(i);
    if (!opensSentence(tokens, i)) words.capitalised.add(token.lower);
  }
  return words;
});

const capitalisedInside = (doc: Doc) => casesInside(doc).capitalised;

/** The indices of the article's capitalised words, in order. */
export const capitalisedWords = (doc: Doc): readonly number[] => casesInside(doc).capitals;

function writtenInLowerCase(doc: Doc, word: string): boolean {
  const known = casesInside(doc).lower;
  let answer = known.get(word);
  if (answer === undefined) {
    // A plain loop over the article, not `some` with a closure: it runs through every token.
    answer = false;
    for (const t of doc.tokens)
      if (t.kind === "word" && !t.cap && t.lower === word) {
        answer = true;
        break;
      }
    known.set(word, answer);
  }
  return answer;
}

/** Marks after which a sentence or clause opens: a set look-up, as every capitalised word asks. */
const OPENING_MARKS = new Set([".", "?", "!", ":", ";", "—", "–", "-"]);

function opensSentence(t: Token[], i: number): boolean {
  const before = tokenAt(t, i - 1);
  return !before || (t[i] as Token).newline || before.kind === "quote" || OPENING_MARKS.has(before.text);
}
