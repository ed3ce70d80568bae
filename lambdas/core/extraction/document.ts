/**
 * The tokens and segmentation of one article, with the small queries every later stage asks:
 * is this token quoted, where does this quotation end, what does this span say.
 */
import { proseStartOffset } from "../article.ts";
import { markGivenNames } from "./given-names.ts";
import { type Quote, type Segmentation, type Sentence, segment } from "./segment.ts";
import { type Token, tokenize } from "./tokenize.ts";

export interface Doc {
  text: string;
  tokens: Token[];
  seg: Segmentation;
}

export function readDocument(text: string): Doc {
  const from = proseStartOffset(text);
  const tokens = from > 0 ? tokenize(text).filter((t) => t.start >= from) : tokenize(text);
  if (tokens[0]) tokens[0].newline = true;
  markGivenNames(tokens);
  return { text, tokens, seg: segment(tokens) };
}

export const quoteAt = (doc: Doc, i: number): Quote | null => {
  const q = doc.seg.quoteOf[i] ?? -1;
  return q >= 0 ? (doc.seg.quotes[q] as Quote) : null;
};

/** Whether any token of the ranges (an attribution's parts) is quoted. */
export function quotesIn(doc: Doc, ranges: readonly (readonly [number, number])[]): boolean {
  for (const [first, last] of ranges) for (let i = first; i <= last; i++) if (quoteAt(doc, i)) return true;
  return false;
}

/** The last token of the quotation region (closing mark included) that token `i` is in. */
export const quoteRegionEnd = (quote: Quote): number => (quote.close >= 0 ? quote.close : quote.last);

/**
 * The first token of the sentence outside quotations that passes `test`, or past the sentence's
 * end (`s.last + 1`). A plain loop: it runs for nearly every sentence, twice.
 */
export function firstUnquotedWhere(doc: Doc, s: Sentence, test: (t: Token) => boolean): number {
  for (let i = s.first; i <= s.last; i++) {
    const quote = quoteAt(doc, i);
    if (quote) {
      i = Math.max(i, quoteRegionEnd(quote));
      continue;
    }
    if (test(doc.tokens[i] as Token)) return i;
  }
  return s.last + 1;
}
