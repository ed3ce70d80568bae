/**
 * Stage 8: statements as onrecord reports them: character spans into the article, the words,
 * the kind (direct, mixed, indirect), and the resolved speaker.
 */
import type { Span, Statement } from "../types.ts";
import type { Attribution } from "./candidates.ts";
import { contentKind, type TokenRange } from "./contents.ts";
import { type Doc, quoteAt, quoteRegionEnd } from "./document.ts";
import { CLAUSE_CONJUNCTIONS } from "./lexicon/syntax.ts";
import { textOf } from "./mentions.ts";
import type { Speaker } from "./resolve.ts";
import type { Token } from "./tokenize.ts";

export function toStatement(doc: Doc, a: Attribution, speaker: Speaker): Statement | null {
  const t = doc.tokens;
  const ranges = a.parts.map((range) => trimRange(doc, range)).filter((r): r is TokenRange => r !== null);
  if (ranges.length === 0) return null;
  // Pushed, not mapped: the arrays handed on stay packed (see findCandidates).
  const parts: Span[] = [];
  for (const [first, last] of ranges) parts.push([(t[first] as Token).start, (t[last] as Token).end]);
  const mention = a.relative !== undefined ? { first: a.relative, last: a.relative } : a.mention;
  const statement: Statement = {
    start: (parts[0] as Span)[0],
    end: (parts.at(-1) as Span)[1],
    parts,
    text: joinParts(doc, ranges),
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
  };
  // Set when there is one, last as before, rather than spread from an object made for it.
  if (a.said) statement.said = a.said;
  return statement;
}

/**
 * Drops trailing commas and the like, so `leader,”` reads `leader`; a whole quotation loses its
 * marks; and the writer's "And" or "But" that opens a reported sentence ("And they found more,
 * he said" reports that they found more).
 */
function trimRange(doc: Doc, range: TokenRange): TokenRange | null {
  const [start, last] = insideQuoteMarks(doc, range);
  const first = start < last && opensWithConjunction(doc, start) ? start + 1 : start;
  let end = last;
  while (end >= first && /^[,;:—–-]$/.test(doc.tokens[end]?.text ?? "")) end--;
  return end >= first ? [first, end] : null;
}

/** "And" or "But", capitalised where a sentence opens outside quotation marks. */
function opensWithConjunction(doc: Doc, k: number): boolean {
  const token = doc.tokens[k] as Token;
  return (
    token.cap &&
    CLAUSE_CONJUNCTIONS.has(token.lower) &&
    !quoteAt(doc, k) &&
    doc.tokens[k + 1]?.kind === "word"
  );
}

function insideQuoteMarks(doc: Doc, [first, last]: TokenRange): TokenRange {
  const quote = quoteAt(doc, first);
  if (!quote || quote.open !== first) return [first, last];
  return last === quoteRegionEnd(quote) || last === quote.last ? [quote.first, quote.last] : [first, last];
}

function joinParts(doc: Doc, ranges: TokenRange[]): string {
  let text = "";
  for (const [first, last] of ranges) {
    const raw = doc.text.slice((doc.tokens[first] as Token).start, (doc.tokens[last] as Token).end);
    const piece = unevenlySpaced(doc, first, last) ? raw.replace(/\s+/g, " ").trim() : raw;
    if (!text) text = piece;
    else text += /[.?!…]["”’]?$/.test(text) ? ` ${piece}` : ` … ${piece}`;
  }
  return text;
}

/**
 * Line breaks, tabs or doubled spaces between the tokens: worth normalising; single spaces are
 * left alone. Read from the gaps between tokens, where all whitespace stands, rather than by a
 * regular expression over every character.
 */
function unevenlySpaced(doc: Doc, first: number, last: number): boolean {
  const t = doc.tokens;
  for (let k = first; k < last; k++) {
    const end = (t[k] as Token).end;
    const gap = (t[k + 1] as Token).start - end;
    if (gap > 1 || (gap === 1 && SPACING.has(doc.text.charCodeAt(end)))) return true;
  }
  return false;
}

/** Whitespace that is not a plain space between words: tab, line breaks, no-break space. */
const SPACING = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0xa0, 0x2028, 0x2029]);
