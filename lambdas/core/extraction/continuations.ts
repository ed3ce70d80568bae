/**
 * Stage 6: quotations without their own attribution. News copy attributes a quote once and lets
 * the speaker go on: `"…," Ahn said. "…."` and a next paragraph that is only a quotation. Those
 * quotations, in the speaker's paragraph or the next, join the statement they continue; one that precedes its attribution in the same
 * paragraph (`"…." "…," she said.`), no speaker quoted before it there, joins the statement that follows.
 */
import { type Attribution, changed, type TokenRange } from "./candidates.ts";
import { type Doc, firstUnquotedWhere, quoteAt, quoteRegionEnd, quotesIn } from "./document.ts";
import type { Sentence } from "./segment.ts";
import type { Token } from "./tokenize.ts";

/**
 * Adds unattributed quotations to the statements they continue. Returns new attributions, each
 * with its score when the model's `scores` are given (set here, in the one copy made of each).
 */
export function attachContinuations(
  doc: Doc,
  bySentence: Attribution[][],
  scores?: ReadonlyMap<Attribution, number>,
): Attribution[] {
  // Most sentences choose nothing: their empty list is read, never changed, and not copied.
  // Pushed, not mapped: the arrays handed on stay packed (see findCandidates).
  const result: Attribution[][] = [];
  for (const list of bySentence) {
    if (list.length === 0) {
      result.push(list);
      continue;
    }
    const copies: Attribution[] = [];
    for (const a of list)
      copies.push(
        changed(a, scores ? { parts: [...a.parts], score: scores.get(a) } : { parts: [...a.parts] }),
      );
    result.push(copies);
  }
  let open: Attribution | null = null;
  let pending: TokenRange[] = [];
  const attributedLater = quoteAttributedLater(doc, result);
  doc.seg.sentences.forEach((s, index) => {
    const own = result[index] ?? [];
    if (own.length > 0) {
      const first = own[0] as Attribution;
      if (pending.length > 0 && startsWithQuote(doc, first)) first.parts.unshift(...pending);
      pending = [];
      // A report goes on in quotation as a quotation does ('Ortega said the ferry would run. "We
      // have hired crews."'): the quoted reading if the sentence has one, else its last.
      open = own.findLast((a) => quotesIn(doc, a.parts)) ?? own.at(-1) ?? null;
      return;
    }
    const quotes = quoteOnly(doc, s) ?? (open && sameParagraph(doc, open, s) ? quoteLed(doc, s) : null);
    if (!quotes) {
      open = null;
      pending = [];
      return;
    }
    // '"…," Ortega said. "…." "…," a rider said.': the speaker just quoted goes on; a quotation
    // waits for the attribution after it only when none precedes it in the paragraph.
    const goesOn = open !== null && sameParagraph(doc, open, s);
    if (attributedLater[index] && !goesOn) {
      pending.push(...quotes);
      return;
    }
    const target = open as Attribution | null;
    if (covers(target, quotes)) return;
    // The speaker goes on, in this paragraph or the next: one statement, as annotators read it (a
    // statement of its own for the next paragraph was wrong about as often as right: npm run eval -- --cv).
    if (target && (sameParagraph(doc, target, s) || nextParagraph(doc, target, s)))
      target.parts.push(...quotes);
    else open = null;
  });
  return flattened(result);
}

/** The lists' attributions in order: a plain loop, as Array.prototype.flat is slow on this many short lists. */
function flattened(lists: Attribution[][]): Attribution[] {
  const out: Attribution[] = [];
  for (const list of lists) for (const a of list) out.push(a);
  return out;
}

/** "Okafor wrote:" then the paragraph: the statement already holds these quotations. */
function covers(target: Attribution | null, quotes: TokenRange[]): boolean {
  const last = target?.parts.at(-1);
  return last !== undefined && quotes.every(([first, end]) => first >= last[0] && end <= last[1]);
}

/** The quotations of a sentence made of nothing but quotations, or null. */
function quoteOnly(doc: Doc, s: Sentence): TokenRange[] | null {
  if (firstUnquotedWhere(doc, s, (t) => t.kind === "word" || t.kind === "number") <= s.last) return null;
  const parts: TokenRange[] = [];
  for (let i = s.first; i <= s.last; i++) {
    const quote = quoteAt(doc, i);
    if (!quote) continue;
    if (quote.last >= quote.first) parts.push([quote.first, quote.last]);
    i = quoteRegionEnd(quote);
  }
  return parts.length ? parts : null;
}

/**
 * 'said Lee. "After long thought, I have concluded the plan fails" on fairness.': a sentence that
 * opens with a quotation, its few words of narration fewer than the quoted ones, goes on with the
 * speaker's words. Its leading quotation, or null.
 */
function quoteLed(doc: Doc, s: Sentence): TokenRange[] | null {
  const quote = quoteAt(doc, s.first);
  if (!quote || quote.last < quote.first) return null;
  const end = quoteRegionEnd(quote);
  let quoted = 0;
  let narrated = 0;
  for (let i = s.first; i <= s.last; i++) {
    const kind = (doc.tokens[i] as Token).kind;
    if (kind !== "word" && kind !== "number") continue;
    if (i <= end) quoted++;
    else narrated++;
  }
  return narrated > 0 && narrated < quoted ? [[quote.first, quote.last]] : null;
}

function startsWithQuote(doc: Doc, a: Attribution): boolean {
  const first = a.parts[0];
  return first !== undefined && quoteAt(doc, first[0]) !== null;
}

function lastParagraphOf(doc: Doc, target: Attribution): number {
  const lastPart = target.parts.at(-1) as TokenRange;
  return paragraphOf(doc, lastPart[1]);
}

const sameParagraph = (doc: Doc, target: Attribution, s: Sentence) =>
  s.paragraph === lastParagraphOf(doc, target);
const nextParagraph = (doc: Doc, target: Attribution, s: Sentence) =>
  s.paragraph === lastParagraphOf(doc, target) + 1;

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

/**
 * For each sentence: does a later sentence of its paragraph carry an attribution whose content
 * opens with a quotation? One backward pass, so a paragraph of many quotations stays linear.
 */
function quoteAttributedLater(doc: Doc, result: Attribution[][]): boolean[] {
  const sentences = doc.seg.sentences;
  const later: boolean[] = new Array(sentences.length).fill(false);
  for (let k = sentences.length - 2; k >= 0; k--) {
    if (sentences[k + 1]?.paragraph !== sentences[k]?.paragraph) continue;
    const own = result[k + 1] ?? [];
    later[k] = own.length > 0 ? startsWithQuote(doc, own[0] as Attribution) : (later[k + 1] as boolean);
  }
  return later;
}
