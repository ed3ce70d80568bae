import { type Cue, type CuedDoc, findCues } from "../../../lambdas/core/extraction/cues.ts";
import { type Doc, readDocument } from "../../../lambdas/core/extraction/document.ts";
import { extractStatements } from "../../../lambdas/core/extraction/extract-statements.ts";
import type { Sentence } from "../../../lambdas/core/extraction/segment.ts";
import type { Token } from "../../../lambdas/core/extraction/tokenize.ts";
import type { Statement } from "../../../lambdas/core/types.ts";

/** Extracts from a body given as lines; blank lines separate paragraphs as in news copy. */
export function extract(...paragraphs: string[]): Statement[] {
  return extractStatements({ body: paragraphs.join("\n\n") });
}

/** The fields a reader cares about, for compact expectations. */
export const brief = (s: Statement) => ({ speaker: s.speaker, kind: s.kind, text: s.text });

export const mentionText = (body: string, s: Statement) =>
  s.mention ? body.slice(s.mention[0], s.mention[1]) : null;

/** An article's tokens, sentences and reporting cues, as the candidate generators read them. */
export const cued = (...paragraphs: string[]): CuedDoc => findCues(readDocument(paragraphs.join("\n\n")));

/** The article's words from one token to another, inclusive, as it gives them; null for nothing. */
export function words(doc: Doc, range: readonly [number, number] | null | undefined): string | null {
  if (!range) return null;
  const [first, last] = range;
  if (last < first) return null;
  return doc.text.slice((doc.tokens[first] as Token).start, (doc.tokens[last] as Token).end);
}

/** A speaker phrase's words, or null. */
export const phrase = (doc: Doc, m: { first: number; last: number } | null | undefined) =>
  m ? words(doc, [m.first, m.last]) : null;

/** Several token ranges' words, in order. */
export const allWords = (doc: Doc, ranges: readonly (readonly [number, number])[] | null) =>
  ranges ? ranges.map((r) => words(doc, r)) : null;

/** The reporting cue that `word` starts (its first such use, in any case), with its sentence. */
export function cueOf(doc: CuedDoc, word: string): { cue: Cue; sentence: Sentence; index: number } {
  const i = doc.tokens.findIndex((t, k) => t.lower === word.toLowerCase() && doc.cues[k]);
  const cue = doc.cues[i];
  const index = doc.seg.sentences.findIndex((s) => s.first <= i && i <= s.last);
  const sentence = doc.seg.sentences[index];
  if (!cue || !sentence) throw new Error(`no reporting cue "${word}" in: ${doc.text}`);
  return { cue, sentence, index };
}
