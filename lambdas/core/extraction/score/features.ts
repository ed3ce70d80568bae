/**
 * Stage 5: features of one candidate attribution, for the scorer: the generators that proposed it,
 * the lexicon classes of its cue and speaker phrase, word shapes, punctuation, distances between
 * cue, speaker and content, and a few single words (hashed by the model, never kept as text).
 * Nothing here is a passage of any article.
 */

import { memoised } from "../../memoise.ts";
import type { Attribution } from "../candidates.ts";
import type { CuedDoc } from "../cues.ts";
import { quoteAt } from "../document.ts";
import {
  ANONYMOUS_MARKERS,
  GROUP_HEADS,
  HONORIFICS,
  ORGANISATION_HEADS,
  ROLE_HEADS,
} from "../lexicon/people.ts";
import { PLACE_WORDS } from "../lexicon/places.ts";
import { TIME_OPENERS } from "../lexicon/time.ts";
import {
  CLAUSE_OPENERS,
  DETERMINERS,
  FIRST_PERSON_PRONOUNS,
  PREPOSITIONS,
  SUBJECT_VERB_FILLERS,
  THIRD_PERSON_SUBJECTS,
  TIME_WORDS,
} from "../lexicon/words.ts";
import type { Sentence } from "../segment.ts";
import type { Token } from "../tokenize.ts";
import { FeatureSet, type FeatureSink, type StatementModel } from "./model.ts";

/** Length buckets: 0, 1, 2, 3–4, 5–8, 9–16, … */
const bucket = (n: number) => BUCKETS[n] ?? bucketOf(n);
const bucketOf = (n: number) => (n <= 2 ? String(n) : `~${2 ** Math.ceil(Math.log2(n))}`);
// Every candidate asks for several buckets: the usual ones are made once.
const BUCKETS = Array.from({ length: 512 }, (_, n) => bucketOf(n));

/** How many cues the sentence holds. */
function cuesIn(doc: CuedDoc, s: Sentence): number {
  let n = 0;
  for (let i = s.first; i <= s.last; i++) if (doc.cues[i]) n++;
  return n;
}

/** Words seen so far, for the memos below: names and titles recur within and across articles. */
const KNOWN_WORDS = { limit: 50_000 };

/**
 * "Xx", "x", "X.", "d": a token's characters reduced to their class, runs collapsed. Read for
 * every candidate's edges and speaker, it is quicker computed than looked up (ASCII by its code).
 */
export function shape(text: string): string {
  let out = "";
  let previous = "";
  for (let i = 0; i < text.length && out.length < 6; i++) {
    const cls = charClass(text, i);
    if (cls !== previous || (cls !== "X" && cls !== "x" && cls !== "d")) out += cls;
    previous = cls;
  }
  return out;
}

/** "X" an upper-case letter, "x" a lower-case one, "d" a digit, any other character itself. */
function charClass(text: string, i: number): string {
  const code = text.charCodeAt(i);
  if (code < 128) {
    if (code >= 65 && code <= 90) return "X";
    if (code >= 97 && code <= 122) return "x";
    if (code >= 48 && code <= 57) return "d";
    return text.charAt(i);
  }
  const ch = text.charAt(i);
  const lower = ch.toLowerCase();
  const upper = ch.toUpperCase();
  return lower !== upper ? (ch === upper ? "X" : "x") : ch;
}

/** The lexicon class of a word, for speaker phrases: role, group, organisation, place, … */
const wordClass: (lower: string) => string = memoised(classOf, KNOWN_WORDS);

function classOf(lower: string): string {
  if (HONORIFICS.has(lower.replace(/\.$/, ""))) return "honorific";
  if (ROLE_HEADS.has(lower)) return "role";
  if (GROUP_HEADS.has(lower)) return "group";
  if (ORGANISATION_HEADS.has(lower)) return "organisation";
  if (PLACE_WORDS.has(lower)) return "place";
  if (TIME_WORDS.has(lower)) return "time";
  if (ANONYMOUS_MARKERS.has(lower)) return "anonymous";
  if (DETERMINERS.has(lower)) return "determiner";
  if (PREPOSITIONS.has(lower)) return "preposition";
  if (CLAUSE_OPENERS.has(lower)) return "opener";
  return "other";
}

/** Tokens between speaker and cue that are not time words or adverbs ("on Tuesday", "also"). */
function gapWords(t: Token[], from: number, to: number): number {
  let n = 0;
  for (let i = from; i <= to; i++) {
    const token = t[i] as Token;
    if (
      !TIME_WORDS.has(token.lower) &&
      !SUBJECT_VERB_FILLERS.has(token.lower) &&
      !TIME_OPENERS.has(token.lower)
    )
      n++;
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
  if (TIME_WORDS.has(t.lower)) return "<time>";
  if (t.kind !== "word") return t.text;
  return t.cap ? capitalisedWord(t.lower) : t.lower;
}

/** A capitalised word's feature, by its lexicon class: kept, names recur within and across articles. */
const capitalisedWord = memoised((lower: string) => `<Cap:${wordClass(lower)}>`, KNOWN_WORDS);

/** What a content's words are: how many, how many quoted, in the first person outside quotes, cues outside quotes. */
interface Counts {
  words: number;
  quoted: number;
  firstPerson: number;
  innerCues: number;
}

/**
 * The counts over the content's own tokens, read where they stand: a candidate's words lie near
 * its cue, already read, and all candidates together hold fewer tokens than their articles.
 */
function countsOf(doc: CuedDoc, parts: readonly (readonly [number, number])[]): Counts {
  const c = { words: 0, quoted: 0, firstPerson: 0, innerCues: 0 };
  const quoteOf = doc.seg.quoteOf;
  for (const [p, q] of parts)
    for (let i = p; i <= q; i++) {
      const token = doc.tokens[i] as Token;
      if (token.kind !== "word" && token.kind !== "number") continue;
      c.words++;
      if (quoteOf[i] !== -1) c.quoted++;
      else {
        if (FIRST_PERSON_PRONOUNS.has(token.lower)) c.firstPerson++;
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
  const f = new FeatureSet();
  readFeatures(doc, a, overlaps, f);
  return f.indices;
}

/** The model's probability for the candidate, its features' weights summed as they are read. */
export function candidateProbability(
  doc: CuedDoc,
  a: Attribution,
  overlaps: boolean,
  model: StatementModel,
): number {
  const sum = model.weightSum();
  readFeatures(doc, a, overlaps, sum);
  return sum.probability();
}

/** Reads the candidate's features into `f`, always in the same order (the model's sum depends on it). */
function readFeatures(doc: CuedDoc, a: Attribution, overlaps: boolean, f: FeatureSink): void {
  const t = doc.tokens;
  f.add("bias");
  const parts = a.parts;
  const first = (parts[0] as [number, number])[0];
  const last = (parts.at(-1) as [number, number])[1];
  const { words, quoted, firstPerson, innerCues } = countsOf(doc, parts);
  let wholeQuotes = true;
  for (const [p] of parts) if (quoteAt(doc, p)?.first !== p) wholeQuotes = false;
  // As contentKind reads it, from the counts: direct, mixed or indirect.
  const kind = quoted === 0 ? "indirect" : wholeQuotes && quoted === words ? "direct" : "mixed";
  const size = bucket(words);
  f.add("via", a.via.source, a.via.content);
  f.add("via.source", a.via.source);
  f.add("via.content", a.via.content);
  f.add("via&kind", a.via.source, kind);
  if (a.rule) f.add("rule");
  if (a.rule) f.add("rule&via", a.via.source);
  f.add("kind", kind);
  f.add("parts", bucket(parts.length));
  f.add("words", size);
  f.add("kind&words", kind, size);
  f.add("quoted", String(words ? Math.round((4 * quoted) / words) : 0));
  if (overlaps) f.add("overlaps");
  if (a.said) f.add("said-earlier");
  // The content's edges.
  const head = t[first] as Token;
  const headWord = word(head);
  f.add("content.first", headWord);
  f.add("content.first.shape", shape(head.text));
  f.add("content.last.shape", shape((t[last] as Token).text));
  f.add("content.after", word(t[last + 1]));
  if (head.lower === "that") f.add("content.that");
  // Narration in the first person ("I said", "we argued") is a column's, not a source's.
  if (firstPerson > 0) f.add("content.first-person", bucket(firstPerson));
  if (innerCues > 0) f.add("content.inner-cues", bucket(innerCues));
  const sentence = doc.seg.sentences[a.sentence];
  if (sentence) {
    f.add("sentence.words", bucket(sentence.last - sentence.first + 1));
    if (sentence.first === first) f.add("content.opens-sentence");
    if (t[sentence.last]?.text === "?") f.add("sentence.question");
    f.add("sentence.cues", bucket(cuesIn(doc, sentence)));
    const end = t[last + 1];
    f.add(
      "content.ends",
      !end || last >= sentence.last - 1 ? "sentence" : end.kind === "quote" ? "quote" : end.text,
    );
  }
  f.add("paragraph.first", word(t[(doc.seg.paragraphs[a.paragraph]?.first ?? 0) as number]));
  f.add("paragraph", bucket(a.paragraph));
  // The cue.
  const cue = a.cue;
  if (!cue) {
    f.add("cue", "none");
    f.add("cue&kind", "none", kind);
  } else {
    const lemma = cue.verb?.lemma ?? cue.kind;
    f.add("cue.kind", cue.kind);
    f.add("cue", lemma);
    f.add("cue.form", cue.verb?.form ?? "-");
    f.add("cue.frame", cue.verb?.frame ?? "-");
    f.add("cue&kind", lemma, kind);
    // Each word read once, for the features that pair it with a generator too.
    const before = word(t[cue.first - 1]);
    const after = word(t[cue.last + 1]);
    f.add("cue.before", before);
    f.add("cue.after", after);
    const side = cue.first > last ? "after" : cue.last < first ? "before" : "inside";
    const gap = side === "after" ? cue.first - last : side === "before" ? first - cue.last : 0;
    f.add("cue.side", side);
    f.add("cue.gap", bucket(gap));
    f.add("cue.side&kind", side, kind);
    if (cue.first > 0 && t[cue.first - 1]?.text === ",") f.add("cue.after-comma");
    // How each generator fares depends on its cue and what stands around it.
    f.add("via&cue", a.via.source, lemma);
    f.add("via&cue.form", a.via.source, cue.verb?.form ?? cue.kind);
    f.add("via&cue.before", a.via.source, before);
    f.add("via.content&cue.after", a.via.content, after);
    f.add("via.content&first", a.via.content, headWord);
  }
  // The speaker phrase.
  const m = a.mention;
  if (!m) f.add("mention", "none");
  else {
    const len = bucket(m.last - m.first + 1);
    f.add("mention.kind", m.kind);
    f.add("mention.len", len);
    f.add("mention.kind&kind", m.kind, kind);
    f.add("via&mention.kind", a.via.source, m.kind);
    f.add("via&mention.len", a.via.source, len);
    if (a.inherited) {
      f.add("mention.inherited");
      f.add("mention.inherited&cue", cue?.verb?.lemma ?? "-");
    }
    if (m.definite) f.add("mention.definite");
    if (m.title) f.add("mention.title");
    if (m.appositive) f.add("mention.appositive");
    if (m.name) f.add("mention.name.len", bucket(m.name[1] - m.name[0] + 1));
    const mHead = t[m.last] as Token;
    const mFirst = t[m.first] as Token;
    f.add("mention.head", word(mHead));
    f.add("mention.head.class", wordClass(mHead.lower));
    f.add("mention.first", word(mFirst));
    f.add("mention.first.class", wordClass(mFirst.lower));
    let shapes = "";
    for (let i = m.first; i <= Math.min(m.last, m.first + 3); i++)
      shapes += `${shape((t[i] as Token).text)} `;
    f.add("mention.shape", shapes.trim());
    const mBefore = word(t[m.first - 1]);
    f.add("mention.before", mBefore);
    f.add("mention.before2", word(t[m.first - 2]), mBefore);
    if (quoteAt(doc, m.first)) f.add("mention.quoted");
    for (let i = m.first; i <= m.last; i++)
      if (PLACE_WORDS.has((t[i] as Token).lower)) f.add("mention.has-place");
    if (sentence && m.first === sentence.first) {
      f.add("mention.opens-sentence");
      f.add("mention.opens-sentence&len", len);
    }
    if (cue) {
      const side = m.last < cue.first ? "before" : "after";
      const [from, to] = side === "before" ? [m.last + 1, cue.first - 1] : [cue.last + 1, m.first - 1];
      f.add("mention.side", side);
      // A gerund's speaker stands a clause away by nature: its distance is a family of its own.
      f.add(a.inherited ? "mention.inherited.gap" : "mention.gap", bucket(gapWords(t, from, to)));
      f.add("mention.side&kind", side, m.kind);
      // The nearest of the cue's speaker phrases, or how many stand nearer.
      const nearer = bucket(Math.min(a.nearer ?? 0, 2));
      f.add("mention.nearer", nearer);
      f.add("via&mention.nearer", a.via.source, nearer);
      // "Corbett spoke when she formally unveiled it, calling …": a nearer "she" opens the cue's clause.
      if (side === "before" && pronounBetween(doc, from, to)) f.add("mention.pronoun-between");
    }
    if (m.last >= first && m.first <= last) f.add("mention.in-content");
  }
}
