/**
 * A speaker is a person, an organisation or an anonymous source: never a place that does not
 * govern ("Texas", "Capitol Hill"), a verb or a word that is capitalised only because it opens the
 * sentence ("Keeps", "Get").
 */
import type { Doc } from "./document.ts";
import { NON_SPEAKING_PLACES } from "./lexicon/places.ts";
import { SENTENCE_OPENING_VERBS } from "./lexicon/words.ts";
import { type Mention, textOf } from "./mentions.ts";
import type { Token } from "./tokenize.ts";

export function canSpeak(doc: Doc, m: Mention): boolean {
  if (m.kind !== "name" && m.kind !== "organisation") return true;
  const t = doc.tokens;
  if (!m.title && NON_SPEAKING_PLACES.has(textOf(t, m.first, m.last).toLowerCase())) return false;
  if (m.first !== m.last || !opensSentence(t, m.first)) return true;
  if (SENTENCE_OPENING_VERBS.has((t[m.first] as Token).lower)) return false;
  return !isOpeningModifier(doc, m.first);
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

const capitalisedInsideOf = new WeakMap<Doc, Set<string>>();

/** Words the article capitalises somewhere other than at the opening of a sentence. */
function capitalisedInside(doc: Doc): Set<string> {
  let words = capitalisedInsideOf.get(doc);
  if (!words) {
    words = new Set();
    for (let i = 0; i < doc.tokens.length; i++) {
      const token = doc.tokens[i] as Token;
      if (token.cap && !opensSentence(doc.tokens, i)) words.add(token.lower);
    }
    capitalisedInsideOf.set(doc, words);
  }
  return words;
}

/** Marks after which a sentence or clause opens: a set look-up, as every capitalised word asks. */
const OPENING_MARKS = new Set([".", "?", "!", ":", ";", "—", "–", "-"]);

function opensSentence(t: Token[], i: number): boolean {
  const before = t[i - 1];
  return !before || (t[i] as Token).newline || before.kind === "quote" || OPENING_MARKS.has(before.text);
}
