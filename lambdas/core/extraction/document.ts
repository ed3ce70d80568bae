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

/** The last token of the quotation region (closing mark included) that token `i` is in. */
export const quoteRegionEnd = (quote: Quote): number => (quote.close >= 0 ? quote.close : quote.last);

/** Iterates the sentence's token indices outside quotations. */
export function* unquoted(doc: Doc, s: Sentence): Generator<number> {
  for (let i = s.first; i <= s.last; i++) {
    const quote = quoteAt(doc, i);
    if (quote) {
      i = Math.max(i, quoteRegionEnd(quote));
      continue;
    }
    yield i;
  }
}
