/**
 * Stage 3: reporting cues — the verbs and phrases that say somebody said something: "said",
 * "told reporters", "warned", "according to". A verb form counts only where it reports speech:
 * not passive ("was told"), not negated ("did not say"), not a noun ("his claims").
 */

import type { Doc } from "./document.ts";
import { REPORTING_VERBS, type ReportingVerbForm } from "./lexicon/reporting-verbs.ts";
import {
  DETERMINERS,
  NEGATIONS,
  NON_ASSERTIVE_BEFORE_TO,
  PASSIVE_AUXILIARIES,
  POSSESSIVE_DETERMINERS,
  QUANTITY_WORDS,
} from "./lexicon/words.ts";
import type { Token } from "./tokenize.ts";

export interface Cue {
  /** First and last token of the cue ("according to" spans two). */
  first: number;
  last: number;
  verb: ReportingVerbForm | null;
  /** "label": `CORBETT: …`; "colon": a colon that introduces what somebody said, `As Okafor put it: "…"`. */
  kind: "verb" | "according" | "label" | "colon";
}

// Particles that turn a reporting verb into something else: "added to", "called off".
const NOT_SPEECH_AFTER: Record<string, Set<string>> = {
  add: new Set(["to", "up"]),
  call: new Set(["off", "up", "in", "into", "back", "out"]),
  note: new Set(["for"]),
  post: new Set(["bail", "bond"]),
  report: new Set(["to", "for"]),
  state: new Set([]),
  continue: new Set(["to"]),
  conclude: new Set(["with", "by"]),
  maintain: new Set(["a", "an", "the", "its", "his", "her", "their"]),
  write: new Set(["off", "down", "up", "a", "an", "the", "his", "her", "their"]),
  ask: new Set(["for", "to", "out", "not", "him", "her", "them", "me", "us"]),
  answer: new Set(["for", "to"]),
  charge: new Set(["with", "for"]),
  cite: new Set([]),
  promise: new Set([]),
  comment: new Set(["on"]),
  respond: new Set(["to", "a", "later", "quickly", "moments", "minutes", "seconds"]),
  reply: new Set(["to"]),
  reject: new Set([]),
  thank: new Set([]),
};
// "to" before a base form reports speech only after these: "went on to say".
const GO_ON = new Set(["on", "continued", "continues", "proceeded", "went"]);
// Verbs that report speech only when a quotation or clause follows them directly.
const NEEDS_CONTENT_NEXT = new Set(["continue", "answer", "comment", "remark", "observe", "post"]);

/** An article with its reporting cues found: the cue that starts at each token, or null. */
export interface CuedDoc extends Doc {
  cues: readonly (Cue | null)[];
}

/** Stage 3 over the whole article, once: every later stage looks cues up instead of finding them. */
export function findCues(doc: Doc): CuedDoc {
  const cues = doc.tokens.map((_, i) => cueAt(doc.tokens, i));
  return { ...doc, cues };
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
  const verb = REPORTING_VERBS.get(token.lower);
  if (!verb) return null;
  if (token.cap && i > 0 && !isSentenceInitial(tokens, i)) return null;
  if (verb.particle && tokens[i + 1]?.lower !== verb.particle) return null;
  const last = verb.particle ? i + 1 : i;
  const before = tokens[i - 1];
  const after = tokens[last + 1];
  if (after && NOT_SPEECH_AFTER[verb.lemma]?.has(after.lower)) return null;
  if (before && NEGATIONS.has(before.lower)) return null;
  if (before && (before.lower === "n't" || before.lower.endsWith("n't") || before.lower.endsWith("n’t")))
    return null;
  if (verb.form !== "gerund" && isPassive(tokens, i)) return null;
  if (before?.lower === "to" && !GO_ON.has(tokens[i - 2]?.lower ?? "")) return null;
  if (before?.lower === "to" && NON_ASSERTIVE_BEFORE_TO.has(tokens[i - 2]?.lower ?? "")) return null;
  if (verb.nounLike && before && (DETERMINERS.has(before.lower) || POSSESSIVE_DETERMINERS.has(before.lower)))
    return null;
  if (verb.nounLike && before && (before.lower === "'s" || before.lower === "’s")) return null;
  if (
    verb.form === "base" &&
    before &&
    !GO_ON.has(before.lower) &&
    before.lower !== "to" &&
    !isSubjectLike(before) &&
    !before.cap
  ) {
    return null;
  }
  if (
    NEEDS_CONTENT_NEXT.has(verb.lemma) &&
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

/** '"…," he continued.': the verb closes an attribution that follows a quotation. */
function closesQuotedAttribution(tokens: Token[], i: number, after: Token): boolean {
  if (after.text !== "." && after.text !== ",") return false;
  for (let k = i - 2; k >= Math.max(0, i - 5); k--) if (tokens[k]?.kind === "quote") return true;
  return false;
}

/** "was told", "was later told", "accused by": the subject is not the speaker. */
function isPassive(tokens: Token[], i: number): boolean {
  if (tokens[i + 1]?.lower === "by") return true;
  for (let k = i - 1; k >= Math.max(0, i - 3); k--) {
    const lower = (tokens[k] as Token).lower;
    if (PASSIVE_AUXILIARIES.has(lower)) return true;
    if (!(lower.endsWith("ly") || ADVERBS_IN_VERB_GROUP.has(lower))) return false;
  }
  return false;
}

const ADVERBS_IN_VERB_GROUP = new Set([
  "first",
  "also",
  "later",
  "since",
  "often",
  "long",
  "once",
  "never",
  "ever",
  "not",
  "then",
  "now",
]);

/** Plural subjects, shares and modals before a base form: "officials say", "seven in 10 say", "they will say". */
function isSubjectLike(t: Token): boolean {
  if (t.kind === "number" || QUANTITY_WORDS.has(t.lower) || t.lower === "who") return true;
  return (
    t.kind === "word" &&
    (/s$/.test(t.lower) ||
      [
        "they",
        "we",
        "i",
        "you",
        "will",
        "would",
        "can",
        "could",
        "might",
        "may",
        "should",
        "must",
        "also",
        "often",
        "still",
        "now",
        "never",
        "did",
        "do",
        "does",
      ].includes(t.lower))
  );
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
