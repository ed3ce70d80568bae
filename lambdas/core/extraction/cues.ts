/**
 * Stage 3: reporting cues — the verbs and phrases that say somebody said something: "said",
 * "told reporters", "warned", "according to". A verb form counts only where it reports speech:
 * not passive ("was told"), not negated ("did not say"), not a noun ("his claims").
 */

import type { Doc } from "./document.ts";
import { REPORTING_VERBS, type ReportingVerbForm } from "./lexicon/reporting-verbs.ts";
import { GO_ON_WORDS, MEDIA_OF_SPEECH } from "./lexicon/syntax.ts";
import { DETERMINER, is, REPORTING_VERB } from "./lexicon/word-classes.ts";
import {
  ARTICLES,
  BASE_FORM_SUBJECTS,
  NEGATIONS,
  NON_ASSERTIVE_BEFORE_TO,
  PASSIVE_AUXILIARIES,
  POSSESSIVE_DETERMINERS,
  QUANTITY_WORDS,
  VERB_GROUP_ADVERBS,
} from "./lexicon/words.ts";
import { isPossessiveMark, type Token } from "./tokenize.ts";

export interface Cue {
  /** First and last token of the cue ("according to" spans two). */
  first: number;
  last: number;
  verb: ReportingVerbForm | null;
  /** "label": `CORBETT: …`; "colon": a colon that introduces what somebody said, `As Okafor put it: "…"`. */
  kind: "verb" | "according" | "label" | "colon";
}

/** An article with its reporting cues found: the cue that starts at each token, or null. */
export interface CuedDoc extends Doc {
  cues: readonly (Cue | null)[];
  /**
   * The tokens where a cue may stand, in order: every reporting cue and every colon (a colon may
   * introduce words said). Candidates are looked for at these alone, not at every token.
   */
  cuesAndColons: readonly number[];
}

/** Stage 3 over the whole article, once: every later stage looks cues up instead of finding them. */
export function findCues(doc: Doc): CuedDoc {
  const tokens = doc.tokens;
  const cues: (Cue | null)[] = [];
  const cuesAndColons: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const cue = cueAt(tokens, i);
    cues.push(cue);
    // The kind first: a word's text is never compared with the colon.
    const token = tokens[i] as Token;
    if (cue !== null || (token.kind === "punct" && token.text === ":")) cuesAndColons.push(i);
  }
  // Spelt out rather than spread: a spread object can get a shape of its own (V8 made one for
  // every article once its clone cache gave up), and then every stage's reads of the document's
  // fields go the slow way.
  return { text: doc.text, tokens, seg: doc.seg, cues, cuesAndColons };
}

/**
 * The reporting cue at token `i`, if it is one.
 *
 * @example
 * // "Ahn said the launches ..." → a cue at "said"; "Ahn was told ..." → none
 */
export function cueAt(tokens: Token[], i: number): Cue | null {
  const token = tokens[i] as Token;
  if (token.kind !== "word") return null;
  if (token.lower === "according" && tokens[i + 1]?.lower === "to") {
    return { first: i, last: i + 1, verb: null, kind: "according" };
  }
  // Most words are no reporting verb: their classes say so without a look-up.
  const verb = is(token, REPORTING_VERB) ? REPORTING_VERBS.get(token.lower) : undefined;
  if (!verb) return null;
  if (token.cap && i > 0 && !isSentenceInitial(tokens, i)) return null;
  if (verb.particle && tokens[i + 1]?.lower !== verb.particle) return null;
  const last = verb.particle ? i + 1 : i;
  const before = tokens[i - 1];
  const after = tokens[last + 1];
  if (after && verb.notFollowedBy?.includes(after.lower)) return null;
  if (before && NEGATIONS.has(before.lower)) return null;
  if (before && (before.lower.endsWith("n't") || before.lower.endsWith("n’t"))) return null;
  if (verb.form !== "gerund" && isPassive(tokens, i)) return null;
  if (before?.lower === "to" && !GO_ON_WORDS.has(tokens[i - 2]?.lower ?? "")) return null;
  if (before?.lower === "to" && NON_ASSERTIVE_BEFORE_TO.has(tokens[i - 2]?.lower ?? "")) return null;
  // "his joke", "the claims", "her warning": after an article or a possessive, any form is a noun.
  if (before && (POSSESSIVE_DETERMINERS.has(before.lower) || ARTICLES.has(before.lower))) return null;
  if (verb.nounLike && before && is(before, DETERMINER)) return null;
  if (verb.nounLike && before && isPossessiveMark(before)) return null;
  if (
    verb.form === "base" &&
    before &&
    !GO_ON_WORDS.has(before.lower) &&
    before.lower !== "to" &&
    !isSubjectLike(before) &&
    !before.cap &&
    !closesPhraseBefore(tokens, i, after)
  ) {
    return null;
  }
  if (
    verb.needsContentNext &&
    after &&
    after.text !== ":" &&
    after.kind !== "quote" &&
    after.lower !== "that" &&
    !closesQuotedAttribution(tokens, i, after)
  ) {
    return null;
  }
  return { first: i, last, verb, kind: "verb" };
}

/**
 * "Economists, like their rivals, say …" and '"…," say experts': the comma closing a phrase set off
 * after the subject, or a quotation, before the verb; not the "say" of an example (", say, forty").
 */
function closesPhraseBefore(tokens: Token[], i: number, after: Token | undefined): boolean {
  const before = tokens[i - 1] as Token;
  const comma = before.text === "," || (before.kind === "quote" && tokens[i - 2]?.text === ",");
  return comma && after !== undefined && after.text !== "," && after.kind === "word";
}

/** '"…," he continued.': the verb closes an attribution that follows a quotation. */
function closesQuotedAttribution(tokens: Token[], i: number, after: Token): boolean {
  if (after.text !== "." && after.text !== ",") return false;
  for (let k = i - 2; k >= Math.max(0, i - 5); k--) if (tokens[k]?.kind === "quote") return true;
  return false;
}

/** "was told", "was later told", "accused by": the subject is not the speaker ("said by telephone" is no passive). */
function isPassive(tokens: Token[], i: number): boolean {
  if (tokens[i + 1]?.lower === "by") return !MEDIA_OF_SPEECH.has(tokens[i + 2]?.lower ?? "");
  for (let k = i - 1; k >= Math.max(0, i - 3); k--) {
    const lower = (tokens[k] as Token).lower;
    if (PASSIVE_AUXILIARIES.has(lower)) return true;
    if (!(lower.endsWith("ly") || VERB_GROUP_ADVERBS.has(lower))) return false;
  }
  return false;
}

/** Plural subjects, shares and modals before a base form: "officials say", "seven in 10 say", "they will say". */
function isSubjectLike(t: Token): boolean {
  if (t.kind === "number" || QUANTITY_WORDS.has(t.lower) || t.lower === "who") return true;
  return t.kind === "word" && (/s$/.test(t.lower) || BASE_FORM_SUBJECTS.has(t.lower));
}

function isSentenceInitial(tokens: Token[], i: number): boolean {
  const before = tokens[i - 1] as Token;
  return (
    before.newline ||
    before.kind === "quote" ||
    /^[.?!:;(—–-]$/.test(before.text) ||
    tokens[i]?.newline === true
  );
}
