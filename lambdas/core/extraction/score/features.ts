/**
 * Stage 5: features of one candidate attribution, for the scorer: the generators that proposed it,
 * the lexicon classes of its cue and speaker phrase, word shapes, punctuation, distances between
 * cue, speaker and content, and a few single words (hashed by the model, never kept as text).
 * Nothing here is a passage of any article.
 */

import { memoised } from "../../memoise.ts";
import type { Attribution } from "../candidates.ts";
import type { Cue, CuedDoc } from "../cues.ts";
import { quoteAt } from "../document.ts";
import { HONORIFICS } from "../lexicon/people.ts";
import { CLAUSE_CONJUNCTIONS, SUBORDINATORS } from "../lexicon/syntax.ts";
import {
  ANONYMOUS_MARKER,
  CLAUSE_OPENER,
  DETERMINER,
  FIRST_PERSON_PRONOUN,
  GROUP_HEAD,
  HONORIFIC,
  is,
  ORGANISATION_HEAD,
  PLACE_WORD,
  PREPOSITION,
  ROLE_HEAD,
  SUBJECT_VERB_FILLER,
  TIME_OPENER,
  TIME_WORD,
} from "../lexicon/word-classes.ts";
import { ARTICLES, RELATIVE_PRONOUNS, THIRD_PERSON_SUBJECTS } from "../lexicon/words.ts";
import type { Sentence } from "../segment.ts";
import { type Token, tokenAt } from "../tokenize.ts";
import {
  type FeatureFamily,
  featureFamily,
  featureFamilyWith,
  featureIndices,
  type StatementModel,
  withChar,
  withValueOpened,
} from "./model.ts";

/**
 * Every family of features, its name hashed once here rather than at each of the fifty-odd
 * features a candidate reads (the same indices: the name is hashed as featureIndex hashes it).
 */
const FAMILY = {
  bias: featureFamily("bias"),
  via: featureFamily("via"),
  "via.source": featureFamily("via.source"),
  "via.content": featureFamily("via.content"),
  "via&kind": featureFamily("via&kind"),
  rule: featureFamily("rule"),
  "rule&via": featureFamily("rule&via"),
  kind: featureFamily("kind"),
  parts: featureFamily("parts"),
  words: featureFamily("words"),
  "kind&words": featureFamily("kind&words"),
  quoted: featureFamily("quoted"),
  overlaps: featureFamily("overlaps"),
  "said-earlier": featureFamily("said-earlier"),
  "content.first": featureFamily("content.first"),
  "content.first.shape": featureFamily("content.first.shape"),
  "content.last.shape": featureFamily("content.last.shape"),
  "content.after": featureFamily("content.after"),
  "content.that": featureFamily("content.that"),
  "content.first-person": featureFamily("content.first-person"),
  "content.inner-cues": featureFamily("content.inner-cues"),
  "sentence.words": featureFamily("sentence.words"),
  "content.opens-sentence": featureFamily("content.opens-sentence"),
  "sentence.question": featureFamily("sentence.question"),
  "sentence.cues": featureFamily("sentence.cues"),
  "content.ends": featureFamily("content.ends"),
  "paragraph.first": featureFamily("paragraph.first"),
  paragraph: featureFamily("paragraph"),
  cue: featureFamily("cue"),
  "cue&kind": featureFamily("cue&kind"),
  "cue.kind": featureFamily("cue.kind"),
  "cue.form": featureFamily("cue.form"),
  "cue.frame": featureFamily("cue.frame"),
  "cue.before": featureFamily("cue.before"),
  "cue.after": featureFamily("cue.after"),
  "cue.side": featureFamily("cue.side"),
  "cue.gap": featureFamily("cue.gap"),
  "cue.side&kind": featureFamily("cue.side&kind"),
  "cue.after-comma": featureFamily("cue.after-comma"),
  "via&cue": featureFamily("via&cue"),
  "via&cue.form": featureFamily("via&cue.form"),
  "via&cue.before": featureFamily("via&cue.before"),
  "via.content&cue.after": featureFamily("via.content&cue.after"),
  "via.content&first": featureFamily("via.content&first"),
  mention: featureFamily("mention"),
  "mention.kind": featureFamily("mention.kind"),
  "mention.len": featureFamily("mention.len"),
  "mention.kind&kind": featureFamily("mention.kind&kind"),
  "via&mention.kind": featureFamily("via&mention.kind"),
  "via&mention.len": featureFamily("via&mention.len"),
  "mention.inherited": featureFamily("mention.inherited"),
  "mention.inherited&cue": featureFamily("mention.inherited&cue"),
  "mention.definite": featureFamily("mention.definite"),
  "mention.title": featureFamily("mention.title"),
  "mention.appositive": featureFamily("mention.appositive"),
  "mention.name.len": featureFamily("mention.name.len"),
  "mention.head": featureFamily("mention.head"),
  "mention.head.class": featureFamily("mention.head.class"),
  "mention.first": featureFamily("mention.first"),
  "mention.first.class": featureFamily("mention.first.class"),
  "mention.shape": featureFamily("mention.shape"),
  "mention.before": featureFamily("mention.before"),
  "mention.before2": featureFamily("mention.before2"),
  "mention.quoted": featureFamily("mention.quoted"),
  "mention.has-place": featureFamily("mention.has-place"),
  "mention.opens-sentence": featureFamily("mention.opens-sentence"),
  "mention.opens-sentence&len": featureFamily("mention.opens-sentence&len"),
  "mention.side": featureFamily("mention.side"),
  "mention.side&kind": featureFamily("mention.side&kind"),
  "mention.nearer": featureFamily("mention.nearer"),
  "via&mention.nearer": featureFamily("via&mention.nearer"),
  "mention.pronoun-between": featureFamily("mention.pronoun-between"),
  "mention.in-content": featureFamily("mention.in-content"),
  "mention.inherited.gap": featureFamily("mention.inherited.gap"),
  "mention.gap": featureFamily("mention.gap"),
  "content.inner": featureFamily("content.inner"),
  "content.inner&kind": featureFamily("content.inner&kind"),
};

/**
 * Length buckets, "0", "1", "2", "~4" (3–4), "~8" (5–8), "~16" (9–16), …, by their place: 0, 1,
 * 2, 3, 4, 5, …; thirty-four places hold every count up to 2³².
 */
const bucketPlace = (n: number) => (n <= 2 ? n : 1 + Math.ceil(Math.log2(n)));
const BUCKET_NAMES = Array.from({ length: 34 }, (_, place) =>
  place <= 2 ? String(place) : `~${2 ** (place - 1)}`,
);
// Every candidate asks for several buckets: the usual counts' places are found once.
const BUCKET_PLACES = Uint8Array.from({ length: 512 }, (_, n) => bucketPlace(n));

/** A family's features by length bucket, each bucket's name hashed in once: read with inBucket. */
type Bucketed = readonly FeatureFamily[];
const bucketed = (family: FeatureFamily): Bucketed =>
  BUCKET_NAMES.map((name) => featureFamilyWith(family, name));

/** The feature of a count (never negative) in its bucket. */
const inBucket = (families: Bucketed, n: number) =>
  families[n < 512 ? (BUCKET_PLACES[n] as number) : bucketPlace(n)] as FeatureFamily;

/** The families whose value is a count's bucket. */
const BUCKETED = {
  parts: bucketed(FAMILY.parts),
  words: bucketed(FAMILY.words),
  firstPerson: bucketed(FAMILY["content.first-person"]),
  innerCues: bucketed(FAMILY["content.inner-cues"]),
  sentenceWords: bucketed(FAMILY["sentence.words"]),
  sentenceCues: bucketed(FAMILY["sentence.cues"]),
  paragraph: bucketed(FAMILY.paragraph),
  cueGap: bucketed(FAMILY["cue.gap"]),
  mentionLen: bucketed(FAMILY["mention.len"]),
  nameLen: bucketed(FAMILY["mention.name.len"]),
  opensSentenceLen: bucketed(FAMILY["mention.opens-sentence&len"]),
  inheritedGap: bucketed(FAMILY["mention.inherited.gap"]),
  gap: bucketed(FAMILY["mention.gap"]),
  nearer: bucketed(FAMILY["mention.nearer"]),
};

/** The share of a content's words that are quoted, in quarters ("0" to "4"), the quarters hashed in. */
const QUOTED = ["0", "1", "2", "3", "4"].map((quarters) => featureFamilyWith(FAMILY.quoted, quarters));

/** A content's kinds, as contentKind reads them: the features of each are found by its place here. */
const KINDS = ["indirect", "direct", "mixed"] as const;

/** The families that open with the content's kind, the kind hashed in (featureFamilyWith). */
const KIND_FAMILIES = KINDS.map((kind) => ({
  kind: featureFamilyWith(FAMILY.kind, kind),
  words: bucketed(featureFamilyWith(FAMILY["kind&words"], kind)),
}));

/**
 * The families that open with the generator of a candidate's source, its name hashed in once for
 * all the candidates it proposes rather than at each of the ten features that read it.
 */
const sourceFamilies = memoised((source: string) => {
  const withSource = (family: FeatureFamily) => featureFamilyWith(family, source);
  return {
    via: withSource(FAMILY.via),
    source: withSource(FAMILY["via.source"]),
    // With the content's kind too, by its place in KINDS.
    kind: KINDS.map((kind) => featureFamilyWith(withSource(FAMILY["via&kind"]), kind)),
    rule: withSource(FAMILY["rule&via"]),
    cue: withSource(FAMILY["via&cue"]),
    cueForm: withSource(FAMILY["via&cue.form"]),
    cueBefore: withSource(FAMILY["via&cue.before"]),
    mentionKind: withSource(FAMILY["via&mention.kind"]),
    mentionLen: bucketed(withSource(FAMILY["via&mention.len"])),
    mentionNearer: bucketed(withSource(FAMILY["via&mention.nearer"])),
  };
});

/** The families that open with the generator of a candidate's content, its name hashed in. */
const contentFamilies = memoised((content: string) => ({
  content: featureFamilyWith(FAMILY["via.content"], content),
  cueAfter: featureFamilyWith(FAMILY["via.content&cue.after"], content),
  first: featureFamilyWith(FAMILY["via.content&first"], content),
}));

/** The families of where the cue stands to the content, with that side hashed in. */
const cueSide = (side: "after" | "before" | "inside") => ({
  side,
  family: featureFamilyWith(FAMILY["cue.side"], side),
  // With the content's kind too, by its place in KINDS.
  kind: KINDS.map((kind) => featureFamilyWith(featureFamilyWith(FAMILY["cue.side&kind"], side), kind)),
});
const CUE_SIDES = { after: cueSide("after"), before: cueSide("before"), inside: cueSide("inside") };

/** Where the speaker phrase stands to the cue, that side hashed in. */
const MENTION_SIDE = {
  after: featureFamilyWith(FAMILY["mention.side"], "after"),
  before: featureFamilyWith(FAMILY["mention.side"], "before"),
};

/** The families that open with the speaker phrase's kind, the kind hashed in. */
const mentionKindFamilies = memoised((mentionKind: string) => {
  const family = featureFamilyWith(FAMILY["mention.kind"], mentionKind);
  const withKind = featureFamilyWith(FAMILY["mention.kind&kind"], mentionKind);
  // Where it stands to the cue and what kind it is (the kind hashed in after the side).
  const onSide = (side: string) =>
    featureFamilyWith(featureFamilyWith(FAMILY["mention.side&kind"], side), mentionKind);
  return {
    family,
    // With the content's kind too, by its place in KINDS.
    kind: KINDS.map((kind) => featureFamilyWith(withKind, kind)),
    before: onSide("before"),
    after: onSide("after"),
  };
});

/**
 * The families of a cue's verb (its lemma, form and frame), hashed in once for every cue of that
 * verb form (a cue without a verb by its kind, which then stands for the lemma).
 */
const cueFamilies = memoised(
  (cue: Cue) => {
    const lemma = cue.verb?.lemma ?? cue.kind;
    const withLemma = featureFamilyWith(FAMILY["cue&kind"], lemma);
    return {
      lemma,
      family: featureFamilyWith(FAMILY.cue, lemma),
      form: featureFamilyWith(FAMILY["cue.form"], cue.verb?.form ?? "-"),
      frame: featureFamilyWith(FAMILY["cue.frame"], cue.verb?.frame ?? "-"),
      // With the content's kind too, by its place in KINDS.
      kind: KINDS.map((kind) => featureFamilyWith(withLemma, kind)),
    };
  },
  { key: (cue) => cue.verb ?? cue.kind },
);

/** How many cues the sentence holds. */
function cuesIn(doc: CuedDoc, s: Sentence): number {
  let n = 0;
  for (let i = s.first; i <= s.last; i++) if (doc.cues[i]) n++;
  return n;
}

/**
 * "Xx", "x", "X.", "d": a token's characters reduced to their class, runs collapsed. Read for
 * every candidate's edges and speaker, it is quicker computed than looked up (ASCII by its code).
 */
export function shape(text: string): string {
  let out = "";
  let previous = -1;
  for (let i = 0; i < text.length && out.length < 6; i++) {
    const cls = charClass(text, i);
    if (cls !== previous || !isRun(cls)) out += String.fromCharCode(cls);
    previous = cls;
  }
  return out;
}

/**
 * The family with a token's shape hashed in after it (as a value's characters are, withChar):
 * the features of a shape read as `shape` reads it, but with no string made.
 */
function withShapeOf(family: FeatureFamily, text: string): FeatureFamily {
  let h = family;
  let length = 0;
  let previous = -1;
  for (let i = 0; i < text.length && length < 6; i++) {
    const cls = charClass(text, i);
    if (cls !== previous || !isRun(cls)) {
      h = withChar(h, cls);
      length++;
    }
    previous = cls;
  }
  return h;
}

const UPPER = 88; // "X"
const LOWER = 120; // "x"
const DIGIT = 100; // "d"
const SPACE = 32;

/** The classes whose runs a shape collapses. */
const isRun = (cls: number) => cls === UPPER || cls === LOWER || cls === DIGIT;

/** By its code: "X" an upper-case letter, "x" a lower-case one, "d" a digit, any other character itself. */
function charClass(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code < 128) {
    if (code >= 65 && code <= 90) return UPPER;
    if (code >= 97 && code <= 122) return LOWER;
    if (code >= 48 && code <= 57) return DIGIT;
    return code;
  }
  const ch = text.charAt(i);
  const lower = ch.toLowerCase();
  const upper = ch.toUpperCase();
  return lower !== upper ? (ch === upper ? UPPER : LOWER) : code;
}

/** The lexicon classes of words, for speaker phrases, in the order classOf tries them. */
const LEXICON_CLASSES = [
  "honorific",
  "role",
  "group",
  "organisation",
  "place",
  "time",
  "anonymous",
  "determiner",
  "preposition",
  "opener",
  "other",
] as const;

/** Each lexicon class's place in LEXICON_CLASSES, by its name. */
const CLASS = Object.fromEntries(LEXICON_CLASSES.map((name, place) => [name, place])) as Record<
  (typeof LEXICON_CLASSES)[number],
  number
>;

/** A capitalised word's feature by its lexicon class ("<Cap:role>"), at the class's place. */
const CAPITALISED_WORDS = LEXICON_CLASSES.map((lexiconClass) => `<Cap:${lexiconClass}>`);

/** The speaker phrase's head and first word by their lexicon class, at the class's place, hashed once. */
const MENTION_HEAD_CLASS = LEXICON_CLASSES.map((c) => featureFamilyWith(FAMILY["mention.head.class"], c));
const MENTION_FIRST_CLASS = LEXICON_CLASSES.map((c) => featureFamilyWith(FAMILY["mention.first.class"], c));

/**
 * The lexicon class of a word, for speaker phrases (role, group, organisation, place, …), as its
 * place in LEXICON_CLASSES. Read off the token's word classes: a bit test each, no look-up ("Sen."
 * is an honorific without its stop).
 */
function lexiconClassOf(t: Token): number {
  if (t.lower.endsWith(".") ? HONORIFICS.has(t.lower.slice(0, -1)) : is(t, HONORIFIC)) return CLASS.honorific;
  if (is(t, ROLE_HEAD)) return CLASS.role;
  if (is(t, GROUP_HEAD)) return CLASS.group;
  if (is(t, ORGANISATION_HEAD)) return CLASS.organisation;
  if (is(t, PLACE_WORD)) return CLASS.place;
  if (is(t, TIME_WORD)) return CLASS.time;
  if (is(t, ANONYMOUS_MARKER)) return CLASS.anonymous;
  if (is(t, DETERMINER)) return CLASS.determiner;
  if (is(t, PREPOSITION)) return CLASS.preposition;
  if (is(t, CLAUSE_OPENER)) return CLASS.opener;
  return CLASS.other;
}

/** Tokens between speaker and cue that are not time words or adverbs ("on Tuesday", "also"). */
function gapWords(t: Token[], from: number, to: number): number {
  let n = 0;
  for (let i = from; i <= to; i++) {
    const token = t[i] as Token;
    if (!is(token, TIME_WORD) && !is(token, SUBJECT_VERB_FILLER) && !is(token, TIME_OPENER)) n++;
  }
  return n;
}

/** A "he", "she" or "they" outside quotations between two tokens (third person: the writer's "I" is no source). */
function pronounBetween(doc: CuedDoc, from: number, to: number): boolean {
  for (let i = from; i <= to; i++) {
    const lower = (doc.tokens[i] as Token).lower;
    if (THIRD_PERSON_SUBJECTS.has(lower) && doc.seg.quoteOf[i] === -1) return true;
  }
  return false;
}

/**
 * A token as a feature: lower-case words as themselves (hashed), but a capitalised word only by
 * its lexicon class, so that no person's or place's name in the training articles is learnt.
 */
function word(t: Token | undefined): string {
  if (!t) return "<none>";
  if (t.kind === "number") return "<n>";
  if (is(t, TIME_WORD)) return "<time>";
  if (t.kind !== "word") return t.text;
  return t.cap ? (CAPITALISED_WORDS[lexiconClassOf(t)] as string) : t.lower;
}

/** What a content's words are: how many, how many quoted, in the first person outside quotes, cues outside quotes. */
interface Counts {
  words: number;
  quoted: number;
  firstPerson: number;
  innerCues: number;
  /** The joints inside the content outside quotations (innerJoint), one bit each. */
  joints: number;
}

/**
 * The counts over the content's own tokens, read where they stand: a candidate's words lie near
 * its cue, already read, and all candidates together hold fewer tokens than their articles.
 */
function countsOf(doc: CuedDoc, parts: readonly (readonly [number, number])[]): Counts {
  const c = { words: 0, quoted: 0, firstPerson: 0, innerCues: 0, joints: 0 };
  const quoteOf = doc.seg.quoteOf;
  for (const [p, q] of parts)
    for (let i = p; i <= q; i++) {
      const token = doc.tokens[i] as Token;
      if (token.kind !== "word" && token.kind !== "number") {
        if (i > p && i < q && quoteOf[i] === -1) c.joints |= innerJoint(doc, token, i);
        continue;
      }
      c.words++;
      if (quoteOf[i] !== -1) c.quoted++;
      else {
        if (is(token, FIRST_PERSON_PRONOUN)) c.firstPerson++;
        if (doc.cues[i]) c.innerCues++;
      }
    }
  return c;
}

/**
 * The candidate's features, as indices into the model's weights. `overlaps`: a candidate of
 * another cue claims some of the same words.
 */
export function candidateFeatures(doc: CuedDoc, a: Attribution, overlaps: boolean): number[] {
  return featureIndices(FEATURES, readFeatures(doc, a, overlaps, FEATURES));
}

/** The model's probability for the candidate, its features' weights summed as they are read. */
export function candidateProbability(
  doc: CuedDoc,
  a: Attribution,
  overlaps: boolean,
  model: StatementModel,
): number {
  return model.probabilityOf(FEATURES, readFeatures(doc, a, overlaps, FEATURES));
}

/**
 * Where every candidate's features are read into, and read back from at once: a feature is an
 * element written, not a call (the engine inlines only a few of the fifty-odd calls a candidate
 * would make), and no array is made for every candidate.
 */
const FEATURES: FeatureFamily[] = [];

/**
 * Writes the candidate's features into `f` from its start, as their families with their values
 * hashed in, always in the same order (the model's sum depends on it), and says how many.
 */
function readFeatures(doc: CuedDoc, a: Attribution, overlaps: boolean, f: FeatureFamily[]): number {
  const t = doc.tokens;
  let n = 0;
  f[n++] = FAMILY.bias;
  const parts = a.parts;
  const first = (parts[0] as [number, number])[0];
  const last = (parts.at(-1) as [number, number])[1];
  const { words, quoted, firstPerson, innerCues, joints } = countsOf(doc, parts);
  let wholeQuotes = true;
  for (const [p] of parts) if (quoteAt(doc, p)?.first !== p) wholeQuotes = false;
  // As contentKind reads it, from the counts: direct, mixed or indirect (its place in KINDS).
  const k = quoted === 0 ? 0 : wholeQuotes && quoted === words ? 1 : 2;
  const kind = KINDS[k];
  const ofKind = KIND_FAMILIES[k] as (typeof KIND_FAMILIES)[number];
  const viaSource = sourceFamilies(a.via.source);
  const viaContent = contentFamilies(a.via.content);
  f[n++] = featureFamilyWith(viaSource.via, a.via.content);
  f[n++] = viaSource.source;
  f[n++] = viaContent.content;
  f[n++] = viaSource.kind[k] as FeatureFamily;
  if (a.rule) f[n++] = FAMILY.rule;
  if (a.rule) f[n++] = viaSource.rule;
  f[n++] = ofKind.kind;
  f[n++] = inBucket(BUCKETED.parts, parts.length);
  f[n++] = inBucket(BUCKETED.words, words);
  f[n++] = inBucket(ofKind.words, words);
  f[n++] = QUOTED[words ? Math.round((4 * quoted) / words) : 0] as FeatureFamily;
  if (overlaps) f[n++] = FAMILY.overlaps;
  if (a.said) f[n++] = FAMILY["said-earlier"];
  // The content's edges.
  const head = t[first] as Token;
  const headWord = word(head);
  f[n++] = featureFamilyWith(FAMILY["content.first"], headWord);
  f[n++] = withShapeOf(withValueOpened(FAMILY["content.first.shape"]), head.text);
  f[n++] = withShapeOf(withValueOpened(FAMILY["content.last.shape"]), (t[last] as Token).text);
  f[n++] = featureFamilyWith(FAMILY["content.after"], word(t[last + 1]));
  if (head.lower === "that") f[n++] = FAMILY["content.that"];
  // Narration in the first person ("I said", "we argued") is a column's, not a source's.
  if (firstPerson > 0) f[n++] = inBucket(BUCKETED.firstPerson, firstPerson);
  if (innerCues > 0) f[n++] = inBucket(BUCKETED.innerCues, innerCues);
  const sentence = doc.seg.sentences[a.sentence];
  if (sentence) {
    f[n++] = inBucket(BUCKETED.sentenceWords, sentence.last - sentence.first + 1);
    if (sentence.first === first) f[n++] = FAMILY["content.opens-sentence"];
    if (t[sentence.last]?.text === "?") f[n++] = FAMILY["sentence.question"];
    f[n++] = inBucket(BUCKETED.sentenceCues, cuesIn(doc, sentence));
    const end = t[last + 1];
    f[n++] = featureFamilyWith(
      FAMILY["content.ends"],
      !end || last >= sentence.last - 1 ? "sentence" : end.kind === "quote" ? "quote" : end.text,
    );
  }
  f[n++] = featureFamilyWith(
    FAMILY["paragraph.first"],
    word(t[(doc.seg.paragraphs[a.paragraph]?.first ?? 0) as number]),
  );
  f[n++] = inBucket(BUCKETED.paragraph, a.paragraph);
  // The cue.
  const cue = a.cue;
  if (!cue) {
    f[n++] = featureFamilyWith(FAMILY.cue, "none");
    f[n++] = featureFamilyWith(featureFamilyWith(FAMILY["cue&kind"], "none"), kind);
  } else {
    const ofCue = cueFamilies(cue);
    const lemma = ofCue.lemma;
    f[n++] = featureFamilyWith(FAMILY["cue.kind"], cue.kind);
    f[n++] = ofCue.family;
    f[n++] = ofCue.form;
    f[n++] = ofCue.frame;
    f[n++] = ofCue.kind[k] as FeatureFamily;
    // Each word read once, for the features that pair it with a generator too.
    const before = word(tokenAt(t, cue.first - 1));
    const after = word(t[cue.last + 1]);
    f[n++] = featureFamilyWith(FAMILY["cue.before"], before);
    f[n++] = featureFamilyWith(FAMILY["cue.after"], after);
    const place = cue.first > last ? CUE_SIDES.after : cue.last < first ? CUE_SIDES.before : CUE_SIDES.inside;
    const side = place.side;
    const gap = side === "after" ? cue.first - last : side === "before" ? first - cue.last : 0;
    f[n++] = place.family;
    f[n++] = inBucket(BUCKETED.cueGap, gap);
    f[n++] = place.kind[k] as FeatureFamily;
    if (cue.first > 0 && t[cue.first - 1]?.text === ",") f[n++] = FAMILY["cue.after-comma"];
    // How each generator fares depends on its cue and what stands around it.
    f[n++] = featureFamilyWith(viaSource.cue, lemma);
    f[n++] = featureFamilyWith(viaSource.cueForm, cue.verb?.form ?? cue.kind);
    f[n++] = featureFamilyWith(viaSource.cueBefore, before);
    f[n++] = featureFamilyWith(viaContent.cueAfter, after);
    f[n++] = featureFamilyWith(viaContent.first, headWord);
  }
  // The speaker phrase.
  const m = a.mention;
  if (!m) f[n++] = featureFamilyWith(FAMILY.mention, "none");
  else {
    const len = m.last - m.first + 1;
    const ofMentionKind = mentionKindFamilies(m.kind);
    f[n++] = ofMentionKind.family;
    f[n++] = inBucket(BUCKETED.mentionLen, len);
    f[n++] = ofMentionKind.kind[k] as FeatureFamily;
    f[n++] = featureFamilyWith(viaSource.mentionKind, m.kind);
    f[n++] = inBucket(viaSource.mentionLen, len);
    if (a.inherited) {
      f[n++] = FAMILY["mention.inherited"];
      f[n++] = featureFamilyWith(FAMILY["mention.inherited&cue"], cue?.verb?.lemma ?? "-");
    }
    if (m.definite) f[n++] = FAMILY["mention.definite"];
    if (m.title) f[n++] = FAMILY["mention.title"];
    if (m.appositive) f[n++] = FAMILY["mention.appositive"];
    if (m.name) f[n++] = inBucket(BUCKETED.nameLen, m.name[1] - m.name[0] + 1);
    const mHead = t[m.last] as Token;
    const mFirst = t[m.first] as Token;
    f[n++] = featureFamilyWith(FAMILY["mention.head"], word(mHead));
    f[n++] = MENTION_HEAD_CLASS[lexiconClassOf(mHead)] as FeatureFamily;
    f[n++] = featureFamilyWith(FAMILY["mention.first"], word(mFirst));
    f[n++] = MENTION_FIRST_CLASS[lexiconClassOf(mFirst)] as FeatureFamily;
    // The shapes of its first four words, a space between each.
    let shapes = withValueOpened(FAMILY["mention.shape"]);
    for (let i = m.first; i <= Math.min(m.last, m.first + 3); i++) {
      if (i > m.first) shapes = withChar(shapes, SPACE);
      shapes = withShapeOf(shapes, (t[i] as Token).text);
    }
    f[n++] = shapes;
    const mBefore = word(tokenAt(t, m.first - 1));
    f[n++] = featureFamilyWith(FAMILY["mention.before"], mBefore);
    f[n++] = featureFamilyWith(
      featureFamilyWith(FAMILY["mention.before2"], word(tokenAt(t, m.first - 2))),
      mBefore,
    );
    if (quoteAt(doc, m.first)) f[n++] = FAMILY["mention.quoted"];
    for (let i = m.first; i <= m.last; i++) if (is(t[i], PLACE_WORD)) f[n++] = FAMILY["mention.has-place"];
    if (sentence && m.first === sentence.first) {
      f[n++] = FAMILY["mention.opens-sentence"];
      f[n++] = inBucket(BUCKETED.opensSentenceLen, len);
    }
    if (cue) {
      const before = m.last < cue.first;
      const from = before ? m.last + 1 : cue.last + 1;
      const to = before ? cue.first - 1 : m.first - 1;
      f[n++] = before ? MENTION_SIDE.before : MENTION_SIDE.after;
      // A gerund's speaker stands a clause away by nature: its distance is a family of its own.
      f[n++] = inBucket(a.inherited ? BUCKETED.inheritedGap : BUCKETED.gap, gapWords(t, from, to));
      f[n++] = before ? ofMentionKind.before : ofMentionKind.after;
      // The nearest of the cue's speaker phrases, or how many stand nearer.
      const nearer = Math.min(a.nearer ?? 0, 2);
      f[n++] = inBucket(BUCKETED.nearer, nearer);
      f[n++] = inBucket(viaSource.mentionNearer, nearer);
      // "Corbett spoke when she formally unveiled it, calling …": a nearer "she" opens the cue's clause.
      if (before && pronounBetween(doc, from, to)) f[n++] = FAMILY["mention.pronoun-between"];
    }
    if (m.last >= first && m.first <= last) f[n++] = FAMILY["mention.in-content"];
  }
  for (let bit = 0; bit < JOINTS.length; bit++)
    if (joints & (1 << bit)) {
      const ofJoint = JOINT_FAMILIES[bit] as (typeof JOINT_FAMILIES)[number];
      f[n++] = ofJoint.inner;
      f[n++] = ofJoint.kind[k] as FeatureFamily;
    }
  return n;
}

/**
 * "…the final bill, which covers …", "… no arrests, although …", "… a victory - a landslide …":
 * the joints inside a content, outside quotations, where the writer's words may take over from
 * the speaker's (content.inner), by their bit in Counts.joints.
 */
const JOINTS = ["relative", "subordinate", "apposition", "coordinate", "dash", "sentence"] as const;
const JOINT = Object.fromEntries(JOINTS.map((joint, bit) => [joint, 1 << bit])) as Record<
  (typeof JOINTS)[number],
  number
>;

/** The families of each joint (content.inner), at its bit, the joint hashed in; with the content's kind too. */
const JOINT_FAMILIES = JOINTS.map((joint) => {
  const withKind = featureFamilyWith(FAMILY["content.inner&kind"], joint);
  return {
    inner: featureFamilyWith(FAMILY["content.inner"], joint),
    kind: KINDS.map((kind) => featureFamilyWith(withKind, kind)),
  };
});

/** The joint a punctuation token inside a content makes, as its bit, or 0. */
function innerJoint(doc: CuedDoc, token: Token, i: number): number {
  if (token.kind === "dash") return JOINT.dash;
  if (token.text === "." || token.text === "?" || token.text === "!") return JOINT.sentence;
  if (token.text !== ",") return 0;
  // What a clause opening after the comma is, by its first word.
  const lower = doc.tokens[i + 1]?.lower ?? "";
  if (RELATIVE_PRONOUNS.has(lower)) return JOINT.relative;
  if (SUBORDINATORS.has(lower)) return JOINT.subordinate;
  if (ARTICLES.has(lower)) return JOINT.apposition;
  if (CLAUSE_CONJUNCTIONS.has(lower)) return JOINT.coordinate;
  return 0;
}
