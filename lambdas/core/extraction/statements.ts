/**
 * Stage 8: statements as onrecord reports them: character spans into the article, the words,
 * the kind (direct, mixed, indirect), and the resolved speaker.
 */
import type { Span, Statement, StatementKind } from "../types.ts";
import type { Attribution, TokenRange } from "./attribute.ts";
import { type Doc, quoteAt, quoteRegionEnd } from "./document.ts";
import { textOf } from "./mentions.ts";
import type { Speaker } from "./resolve.ts";
import type { Token } from "./tokenize.ts";

export function toStatement(doc: Doc, a: Attribution, speaker: Speaker): Statement | null {
  const t = doc.tokens;
  const ranges = a.parts.map((range) => trimRange(doc, range)).filter((r): r is TokenRange => r !== null);
  if (ranges.length === 0) return null;
  const parts: Span[] = ranges.map(([first, last]) => [(t[first] as Token).start, (t[last] as Token).end]);
  const mention = a.mention;
  return {
    start: (parts[0] as Span)[0],
    end: (parts.at(-1) as Span)[1],
    parts,
    text: joinParts(doc, parts),
    kind: kindOf(doc, ranges),
    speaker: speaker.name,
    title: speaker.title,
    affiliation: speaker.affiliation,
    sourceType: speaker.sourceType,
    mention: mention ? [(t[mention.first] as Token).start, (t[mention.last] as Token).end] : null,
    cue: a.cue ? textOf(t, a.cue.first, a.cue.last) : null,
    // Until statements are scored, every attribution counts as sure.
    confidence: 1,
    titles: speaker.titles,
    ...(a.said ? { said: a.said } : {}),
  };
}

/** Drops trailing commas and the like, so `leader,”` reads `leader`; a whole quotation loses its marks. */
function trimRange(doc: Doc, range: TokenRange): TokenRange | null {
  const [first, last] = insideQuoteMarks(doc, range);
  let end = last;
  while (end >= first && /^[,;:—–-]$/.test(doc.tokens[end]?.text ?? "")) end--;
  return end >= first ? [first, end] : null;
}

function insideQuoteMarks(doc: Doc, [first, last]: TokenRange): TokenRange {
  const quote = quoteAt(doc, first);
  if (!quote || quote.open !== first) return [first, last];
  return last === quoteRegionEnd(quote) || last === quote.last ? [quote.first, quote.last] : [first, last];
}

// Line breaks, tabs or doubled spaces: worth normalising. Single spaces are left alone.
const WHITESPACE_RUN = /\s\s|[\t\n\r\f\v\u00a0\u2028\u2029]/;

function joinParts(doc: Doc, parts: Span[]): string {
  let text = "";
  for (const [start, end] of parts) {
    const raw = doc.text.slice(start, end);
    const piece = WHITESPACE_RUN.test(raw) ? raw.replace(/\s+/g, " ").trim() : raw;
    if (!text) text = piece;
    else text += /[.?!…]["”’]?$/.test(text) ? ` ${piece}` : ` … ${piece}`;
  }
  return text;
}

/** Direct when every part is a whole quotation; mixed when quoted words sit in reported speech. */
function kindOf(doc: Doc, ranges: TokenRange[]): StatementKind {
  let quotedWords = 0;
  let plainWords = 0;
  let wholeQuotes = true;
  for (const [first, last] of ranges) {
    const quote = quoteAt(doc, first);
    if (!quote || quote.first !== first) wholeQuotes = false;
    for (let i = first; i <= last; i++) {
      const token = doc.tokens[i] as Token;
      if (token.kind !== "word" && token.kind !== "number") continue;
      if (quoteAt(doc, i)) quotedWords++;
      else plainWords++;
    }
  }
  if (quotedWords === 0) return "indirect";
  return wholeQuotes && plainWords === 0 ? "direct" : "mixed";
}
