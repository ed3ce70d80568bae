import { CIRCUMSTANCE } from "./lexicon/syntax.ts";
import { is, REPORTING_VERB, SUBJECT_VERB_FILLER, TIME_WORD } from "./lexicon/word-classes.ts";
import { ABBREVIATIONS } from "./lexicon/words.ts";
import type { Token } from "./tokenize.ts";

export interface Paragraph {
  /** First and last token index, inclusive. */
  first: number;
  last: number;
}

export interface Quote {
  /** Token index of the opening mark, and of the closing mark or -1 when the paragraph ends first. */
  open: number;
  close: number;
  /** Token indices of the first and last quoted token, inclusive (last < first when empty). */
  first: number;
  last: number;
  paragraph: number;
  /** The quotation runs on into the next paragraph, which opens with a quote mark (news style). */
  continuesNext: boolean;
  /** This quotation carries on one from the paragraph before. */
  continuesPrevious: boolean;
}

export interface Sentence {
  first: number;
  last: number;
  paragraph: number;
}

export interface Segmentation {
  paragraphs: Paragraph[];
  quotes: Quote[];
  /** For each token, the index of the quote it sits in (marks included), or -1. */
  quoteOf: Int32Array;
  sentences: Sentence[];
}

/** Unquoted tokens after which a run-on sentence is cut. */
const MAX_SENTENCE_TOKENS = 250;
const TERMINALS = new Set([".", "?", "!", "…", "..."]);
const OPENERS = new Set(["“", "„", "«"]);
const CLOSERS = new Set(["”", "»"]);

/** Splits tokens into paragraphs, quotations and sentences. */
export function segment(tokens: Token[]): Segmentation {
  const paragraphs = splitParagraphs(tokens);
  const quoteOf = new Int32Array(tokens.length).fill(-1);
  const quotes: Quote[] = [];
  paragraphs.forEach((paragraph, index) => {
    findQuotes(tokens, paragraph, index, quotes, quoteOf);
  });
  linkContinuedQuotes(tokens, paragraphs, quotes);
  const sentences: Sentence[] = [];
  paragraphs.forEach((paragraph, index) => {
    splitSentences(tokens, paragraph, index, quotes, quoteOf, sentences);
  });
  return { paragraphs, quotes, quoteOf, sentences };
}

function splitParagraphs(tokens: Token[]): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let first = 0;
  for (let i = 1; i <= tokens.length; i++) {
    if (i === tokens.length || (tokens[i] as Token).newline) {
      paragraphs.push({ first, last: i - 1 });
      first = i;
    }
  }
  return tokens.length ? paragraphs : [];
}

type Orientation = "open" | "close" | "either";

function orientationOf(tokens: Token[], i: number, paragraph: Paragraph): Orientation {
  const mark = tokens[i] as Token;
  if (OPENERS.has(mark.text)) return "open";
  if (CLOSERS.has(mark.text)) return "close";
  const before = i === paragraph.first || mark.spaceBefore || /^[([{:—–-]$/.test(tokens[i - 1]?.text ?? "");
  const after =
    i === paragraph.last || mark.spaceAfter || /^[.,;:?!)\]}—–-]$/.test(tokens[i + 1]?.text ?? "");
  if (before && !after) return "open";
  if (after && !before) return "close";
  return "either";
}

// allow '"We will," he said, "win."' and a last quote left open at the paragraph's end
function findQuotes(
  tokens: Token[],
  paragraph: Paragraph,
  index: number,
  quotes: Quote[],
  quoteOf: Int32Array,
) {
  let open = -1;
  for (let i = paragraph.first; i <= paragraph.last; i++) {
    if ((tokens[i] as Token).kind !== "quote") continue;
    const orientation = orientationOf(tokens, i, paragraph);
    if (open < 0) {
      if (orientation !== "close") open = i;
      continue;
    }
    if (orientation === "open" && i > open + 1 && (tokens[i - 1] as Token).kind !== "quote") {
      // An opening mark inside an open quote: the earlier one was never closed. Close it here.
      addQuote(quotes, quoteOf, open, -1, open + 1, i - 1, index);
      open = i;
      continue;
    }
    addQuote(quotes, quoteOf, open, i, open + 1, i - 1, index);
    open = -1;
  }
  if (open >= 0) addQuote(quotes, quoteOf, open, -1, open + 1, paragraph.last, index);
}

function addQuote(
  quotes: Quote[],
  quoteOf: Int32Array,
  open: number,
  close: number,
  first: number,
  last: number,
  paragraph: number,
) {
  const id = quotes.length;
  quotes.push({ open, close, first, last, paragraph, continuesNext: false, continuesPrevious: false });
  quoteOf.fill(id, open, (close >= 0 ? close : last) + 1);
}

/** A quote left open at a paragraph's end continues when the next paragraph opens with a quote. */
function linkContinuedQuotes(tokens: Token[], paragraphs: Paragraph[], quotes: Quote[]) {
  for (let q = 0; q + 1 < quotes.length; q++) {
    const quote = quotes[q] as Quote;
    const next = quotes[q + 1] as Quote;
    if (quote.close >= 0 || next.paragraph !== quote.paragraph + 1) continue;
    const nextParagraph = paragraphs[next.paragraph] as Paragraph;
    if (next.open === nextParagraph.first && (tokens[next.open] as Token).kind === "quote") {
      quote.continuesNext = true;
      next.continuesPrevious = true;
    }
  }
}

/** Adds the paragraph's sentences to `sentences`. */
function splitSentences(
  tokens: Token[],
  paragraph: Paragraph,
  index: number,
  quotes: Quote[],
  quoteOf: Int32Array,
  sentences: Sentence[],
): void {
  let first = paragraph.first;
  let length = 0;
  for (let i = paragraph.first; i < paragraph.last; i++) {
    // No real sentence runs this long: cut run-on text so that every later stage stays linear.
    if (++length > MAX_SENTENCE_TOKENS && quoteOf[i] === -1) {
      sentences.push({ first, last: i, paragraph: index });
      first = i + 1;
      length = 0;
      continue;
    }
    const q = quoteOf[i] as number;
    if (q >= 0) {
      const quote = quotes[q] as Quote;
      const end = quote.close >= 0 ? quote.close : quote.last;
      if (
        i === end &&
        quote.close >= 0 &&
        endsQuotedSentence(tokens, quote) &&
        startsNewSentence(tokens, i + 1)
      ) {
        if (!looksLikeAttributionTail(tokens, i + 1, paragraph.last)) {
          sentences.push({ first, last: i, paragraph: index });
          first = i + 1;
          length = 0;
        }
      }
      if (i < end) i = end - 1;
      continue;
    }
    if (isSentenceEnd(tokens, i) && startsNewSentence(tokens, i + 1)) {
      sentences.push({ first, last: i, paragraph: index });
      first = i + 1;
      length = 0;
    }
  }
  if (first <= paragraph.last) sentences.push({ first, last: paragraph.last, paragraph: index });
}

function endsQuotedSentence(tokens: Token[], quote: Quote): boolean {
  return quote.last >= quote.first && TERMINALS.has((tokens[quote.last] as Token).text);
}

/** ". ? ! … ...", by character code: this runs for every token. */
function isTerminal(text: string): boolean {
  const code = text.charCodeAt(0);
  if (code !== 46 && code !== 63 && code !== 33 && code !== 0x2026) return false;
  return text.length === 1 || text === "...";
}

function isSentenceEnd(tokens: Token[], i: number): boolean {
  const token = tokens[i] as Token;
  if (!isTerminal(token.text)) return false;
  if (token.text !== ".") return true;
  const previous = tokens[i - 1];
  if (!previous || token.spaceBefore) return true;
  if (ABBREVIATIONS.has(previous.lower)) return false;
  // An initial: "Dana R. Whitfield".
  return !(previous.text.length === 1 && previous.cap);
}

function startsNewSentence(tokens: Token[], i: number): boolean {
  const next = tokens[i];
  if (!next) return false;
  if (next.kind === "quote" || next.kind === "number" || next.kind === "dash") return true;
  return next.cap || next.text === "(" || next.text === "[";
}

/**
 * `"…?" Okafor asked.` / `"…." said Ahn in Seoul.`: the words after a quote that attribute it — a
 * reporting verb that ends its clause or goes on to its circumstance, not one that takes content
 * of its own (`"…." He said the talks would resume.` is a new sentence).
 */
function looksLikeAttributionTail(tokens: Token[], from: number, last: number): boolean {
  for (let i = from; i <= Math.min(last, from + 8); i++) {
    const token = tokens[i] as Token;
    if (token.kind === "quote" || (token.kind === "punct" && token.text !== "." && token.text !== "'s"))
      return false;
    if (is(token, REPORTING_VERB)) return endsAttribution(tokens, i + 1, i === from);
    if (TERMINALS.has(token.text) && !ABBREVIATIONS.has(tokens[i - 1]?.lower ?? "")) return false;
  }
  return false;
}

/**
 * After the verb: the end of the clause, a circumstance, or — when the verb comes first — its
 * speaker (`"…." said Ahn`); a name after `Corbett called` is its object: a new sentence.
 */
function endsAttribution(tokens: Token[], i: number, inverted: boolean): boolean {
  const next = tokens[i];
  if (!next || next.kind === "quote" || /^[.,;:?!]$/.test(next.text)) return true;
  if (inverted && next.cap) return true;
  // '"…?" Hale said of the firm': what it was said of is no content of its own.
  if (next.lower === "of") return true;
  return CIRCUMSTANCE.has(next.lower) || is(next, TIME_WORD) || is(next, SUBJECT_VERB_FILLER);
}
