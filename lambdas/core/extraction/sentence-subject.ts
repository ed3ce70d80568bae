/**
 * The subject a sentence opens with, past a dateline and an opening adverbial: "SEOUL — On
 * Monday, Cho said …" → Cho; "A former teacher, Okafor had …" → Okafor. It lends its speaker
 * to a trailing "…, saying …" and makes the person a candidate for a later "he" or "she".
 */
import { afterDateline } from "./contents.ts";
import { type Doc, firstUnquotedWhere } from "./document.ts";
import { HONORIFICS } from "./lexicon/people.ts";
import {
  CAPITALISED_NON_NAMES,
  DETERMINERS,
  PREPOSITIONS,
  SUBJECT_PRONOUNS,
  TIME_WORDS,
} from "./lexicon/words.ts";
import { type Mention, mentionStartingAt } from "./mentions.ts";
import { perArticle } from "./per-article.ts";
import type { Segmentation, Sentence } from "./segment.ts";
import { canSpeak, isOpeningModifier } from "./speaker-check.ts";

/**
 * Each sentence's subject, read once: candidate generation and speaker resolution both ask. Kept
 * for the article being read, by the sentence's first token.
 */
const knownSubjects = perArticle((_: Segmentation) => new Map<number, KnownSubject>());

/**
 * A class, not an object literal: V8 moves a literal's objects to the old generation once it sees
 * they all outlive a collection, and that switch throws away the compiled code of every function
 * that inlined the allocation (cueCandidates, compiled anew passes later).
 */
class KnownSubject {
  constructor(
    readonly s: Sentence,
    readonly subject: Mention | null,
  ) {}
}

/** The first speaker phrase of the sentence, after an opening adverbial ("On Monday, …"). */
export function sentenceSubject(doc: Doc, s: Sentence): Mention | null {
  const known = knownSubjects(doc.seg);
  const entry = known.get(s.first);
  if (entry?.s === s) return entry.subject;
  const subject = readSubject(doc, s, anySubject);
  known.set(s.first, new KnownSubject(s, subject));
  return subject;
}

const anySubject = () => true;

/** Whether a phrase read as sentence `s`'s subject is one the asker wants: one test for all sentences. */
type Wanted = (m: Mention, s: Sentence) => boolean;

/**
 * The sentence's subject if `wanted` takes it, else null: speaker resolution asks of every
 * sentence, wanting only phrases that may stand for a person. A subject not read before is read
 * for the asker and not kept, as the last phrase read is let go unasked whether it can speak when
 * it is not wanted (for a lone capitalised word opening the sentence, that question looks over
 * the whole article).
 */
export function sentenceSubjectIf(doc: Doc, s: Sentence, wanted: Wanted): Mention | null {
  const entry = knownSubjects(doc.seg).get(s.first);
  const subject = entry?.s === s ? entry.subject : readSubject(doc, s, wanted);
  return subject && wanted(subject, s) ? subject : null;
}

/** The subject; or null in its place, when the last phrase read is not `wanted`. */
function readSubject(doc: Doc, s: Sentence, wanted: Wanted): Mention | null {
  const t = doc.tokens;
  let k = Math.max(firstUnquoted(doc, s), afterDateline(doc, s));
  const opener = t[k]?.lower ?? "";
  // "The mayor spoke for an hour on Monday, …": a determiner opens the subject itself, unless
  // what it opens can be nobody ("This week, …").
  if (DETERMINERS.has(opener)) {
    const opening = mentionStartingAt(t, k, s.last);
    if (opening && opening.kind !== "group" && canSpeak(doc, opening)) return opening;
  }
  // "He spoke for an hour, saying …": a pronoun opening the sentence is its subject.
  const pronoun = SUBJECT_PRONOUNS.has(opener) && opener !== "it";
  const adverbial =
    !pronoun &&
    (!t[k]?.cap ||
      isOpeningModifier(doc, k) ||
      ((CAPITALISED_NON_NAMES.has(opener) || TIME_WORDS.has(opener) || PREPOSITIONS.has(opener)) &&
        !HONORIFICS.has(opener) &&
        !t[k]?.givenName));
  // "At a rally in Portsmouth, N.H., on Tuesday, Senator Lee …": the adverbial may run over a
  // place's comma and a time of its own, a few commas in all.
  for (let commas = 0; adverbial && commas < 3; commas++) {
    const comma = nextComma(doc, k, Math.min(s.last, k + 14));
    if (comma < 0) break;
    k = comma + 1;
    const mention = mentionStartingAt(t, k, s.last);
    if (mention && mention.kind !== "group" && canSpeak(doc, mention)) return mention;
    const goesOn =
      PREPOSITIONS.has(t[k]?.lower ?? "") || TIME_WORDS.has(t[k]?.lower ?? "") || mention !== null;
    if (!goesOn) break;
  }
  const mention = mentionStartingAt(t, k, s.last);
  return mention && mention.kind !== "group" && wanted(mention, s) && canSpeak(doc, mention) ? mention : null;
}

function nextComma(doc: Doc, from: number, to: number): number {
  for (let n = from; n < to; n++) if (doc.tokens[n]?.text === ",") return n;
  return -1;
}

/** The first token of the sentence outside quotations and opening dashes. */
export function firstUnquoted(doc: Doc, s: Sentence): number {
  return firstUnquotedWhere(doc, s, (t) => !OPENING_DASHES.has(t.text));
}

const OPENING_DASHES = new Set(["-", "—", "–", "("]);
