/**
 * Stage 8: statements as onrecord reports them: character spans into the article, the words,
 * the kind (direct, mixed, indirect), and the resolved speaker.
 */
import type { Span, Statement } from "../types.ts";
import type { Attribution } from "./candidates.ts";
import { contentKind, type TokenRange } from "./contents.ts";
import { type Doc, quoteAt, quoteRegionEnd } from "./document.ts";
import { textOf } from "./mentions.ts";
import type { Speaker } from "./resolve.ts";
import type { Token } from "./tokenize.ts";

export function toStatement(doc: Doc, a: Attribution, speaker: Speaker): Statement | null {
  const t = doc.tokens;
  const ranges = a.parts.map((range) => trimRange(doc, range)).filter((r): r is TokenRange => r !== null);
  if (ranges.length === 0) return null;
  const parts: Span[] = ranges.map(([first, last]) => [(t[first] as Token).start, (t[last] as Token).end]);
  const mention = a.relative !== undefined ? { first: a.relative, last: a.relative } : a.mention;
  return {
    start: (parts[0] as Span)[0],
    end: (parts.at(-1) as Span)[1],
    parts,
    text: joinParts(doc, parts),
    kind: contentKind(doc, ranges),
    speaker: speaker.name,
    title: speaker.title,
    affiliation: speaker.affiliation,
    sourceType: speaker.sourceType,
    mention: mention ? [(t[mention.first] as Token).start, (t[mention.last] as Token).end] : null,
    cue: a.cue ? textOf(t, a.cue.first, a.cue.last) : null,
    // The scorer's calibrated confidence is set by extractStatements; the rules alone are sure.
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
