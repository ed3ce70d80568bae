/**
 * Stage 6: quotations without their own attribution. News copy attributes a quote once and lets
 * the speaker go on: `"…," Ahn said. "…."` and a next paragraph that is only a quotation. Those
 * quotations join the statement they continue; one that precedes its attribution in the same
 * paragraph (`"…." "…," she said.`) joins the statement that follows.
 */
import type { Attribution, TokenRange } from "./attribute.ts";
import { type Doc, quoteAt, quoteRegionEnd, unquoted } from "./document.ts";
import type { Sentence } from "./segment.ts";

/** Adds unattributed quotations to the statements they continue. Returns new attributions. */
export function attachContinuations(doc: Doc, bySentence: Attribution[][]): Attribution[] {
  const result = bySentence.map((list) => list.map((a) => ({ ...a, parts: [...a.parts] })));
  let open: Attribution | null = null;
  let pending: TokenRange[] = [];
  doc.seg.sentences.forEach((s, index) => {
    const own = result[index] ?? [];
    if (own.length > 0) {
      const first = own[0] as Attribution;
      if (pending.length > 0 && startsWithQuote(doc, first)) first.parts.unshift(...pending);
      pending = [];
      open = own.findLast((a) => hasQuote(doc, a)) ?? null;
      return;
    }
    const quotes = quoteOnly(doc, s);
    if (!quotes) {
      open = null;
      pending = [];
      return;
    }
    if (laterAttributedQuoteInParagraph(doc, result, index)) {
      pending.push(...quotes);
      return;
    }
    const target = open as Attribution | null;
    if (target && canContinue(doc, target, s)) target.parts.push(...quotes);
    else open = null;
  });
  return result.flat();
}

/** The quotations of a sentence made of nothing but quotations, or null. */
function quoteOnly(doc: Doc, s: Sentence): TokenRange[] | null {
  for (const i of unquoted(doc, s)) {
    if (doc.tokens[i]?.kind === "word" || doc.tokens[i]?.kind === "number") return null;
  }
  const parts: TokenRange[] = [];
  for (let i = s.first; i <= s.last; i++) {
    const quote = quoteAt(doc, i);
    if (!quote) continue;
    if (quote.last >= quote.first) parts.push([quote.first, quote.last]);
    i = quoteRegionEnd(quote);
  }
  return parts.length ? parts : null;
}

function hasQuote(doc: Doc, a: Attribution): boolean {
  return a.parts.some(([first, last]) => {
    for (let i = first; i <= last; i++) if (quoteAt(doc, i)) return true;
    return false;
  });
}

function startsWithQuote(doc: Doc, a: Attribution): boolean {
  const first = a.parts[0];
  return first !== undefined && quoteAt(doc, first[0]) !== null;
}

/** A continuation stays within the paragraph, or runs into the next one. */
function canContinue(doc: Doc, target: Attribution, s: Sentence): boolean {
  const lastPart = target.parts.at(-1) as TokenRange;
  const lastParagraph = paragraphOf(doc, lastPart[1]);
  return s.paragraph === lastParagraph || s.paragraph === lastParagraph + 1;
}

function paragraphOf(doc: Doc, token: number): number {
  const quote = quoteAt(doc, token);
  if (quote) return quote.paragraph;
  const paragraphs = doc.seg.paragraphs;
  let lo = 0;
  let hi = paragraphs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((paragraphs[mid]?.first ?? 0) <= token) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function laterAttributedQuoteInParagraph(doc: Doc, result: Attribution[][], index: number): boolean {
  const paragraph = doc.seg.sentences[index]?.paragraph;
  for (let k = index + 1; k < doc.seg.sentences.length; k++) {
    if (doc.seg.sentences[k]?.paragraph !== paragraph) return false;
    const own = result[k] ?? [];
    if (own.length > 0) return startsWithQuote(doc, own[0] as Attribution);
  }
  return false;
}
