/**
 * Stage 1: tokens with their offsets. The text itself is never changed, so every span the
 * extractor reports points into the article exactly as it was given.
 */

import { wordClassesOf } from "./lexicon/word-classes.ts";

export type TokenKind = "word" | "number" | "punct" | "quote" | "single" | "dash";

export interface Token {
  start: number;
  end: number;
  text: string;
  lower: string;
  kind: TokenKind;
  /** Starts with an upper-case letter. */
  cap: boolean;
  /** A line break stands between this token and the one before: a new paragraph starts here. */
  newline: boolean;
  /** Whitespace stands right before / right after this token. */
  spaceBefore: boolean;
  spaceAfter: boolean;
  /** A given name that is also a word ("Will", "May"), read here as a name: see `given-names.ts`. */
  givenName: boolean;
  /**
   * Whether the word can be part of a name, once mentions.ts has asked (null before): phrases are
   * read through the same words many times over, so the answer is kept on the token.
   */
  namePart: boolean | null;
  /** The word lists that hold the word, as bits (lexicon/word-classes.ts): read with `is`. */
  classes: number;
}

const DIGIT = /^\p{N}/u;
const LETTER = /\p{L}/u;
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
const UPPER_CHAR = /\p{Lu}/u;
const SPACE_CHAR = /\s/u;
const DOUBLE_QUOTES = new Set(["“", "”", '"', "„", "«", "»", "‟", "″", "''"]);
const SINGLE_QUOTES = new Set(["‘", "’", "'", "‚", "‹", "›", "`"]);
const DASHES = new Set(["—", "–", "―", "--", "---"]);
const APOSTROPHE = 39;
const HYPHEN = 45;
const FULL_STOP = 46;

/**
 * The token at `k`, or undefined before the first as after the last. Where a phrase may start
 * the article, read through this: an array read at a negative index looks up a property of that
 * name, and from then on every read at that place in the code takes the slow, generic path.
 */
export const tokenAt = (tokens: Token[], k: number): Token | undefined => (k >= 0 ? tokens[k] : undefined);

/** "'s" or "’s": the mark of a possessor ("the city's", "Acme’s"). */
export const isPossessiveMark = (t: Token | undefined): boolean =>
  t !== undefined && (t.lower === "'s" || t.lower === "’s");

/**
 * Splits text into tokens, possessive `'s` apart from its word.
 *
 * @example
 * tokenize("South Korea's Defence Minister Ahn Gyu-back said")
 * // South · Korea · 's · Defence · Minister · Ahn · Gyu-back · said
 */
export function tokenize(text: string): Token[] {
  const codes = utf16Codes(text);
  const tokens: Token[] = [];
  let previous: Token | undefined;
  // What the whitespace before the next token holds, noted as it is skipped (the text's start
  // counts as both): one pass over it, not a second to look for line breaks.
  let space = true;
  let lineBreak = true;
  const cutter = new Cutter(text);
  let i = 0;
  while (i < codes.length) {
    if (isSpace(codes, i)) {
      const code = codes[i];
      if (code === 10 || code === 13) lineBreak = true;
      space = true;
      i++;
      continue;
    }
    const end = tokenEnd(codes, i);
    const split = possessiveAt(codes, i, end);
    // Whitespace after a token is whitespace before the next: set as the next is read.
    if (previous) {
      previous.spaceAfter = space;
      // A hyphen standing alone between spaces is a dash in much wire copy: "PARIS (Reuters) - …".
      if (previous.kind === "punct" && previous.text === "-" && previous.spaceBefore && space)
        previous.kind = "dash";
    }
    if (split > 0) {
      const word = makeToken(codes, cutter.cut(i, split), i, lineBreak, space);
      word.spaceAfter = false;
      previous = makeToken(codes, cutter.cut(split, end), split, false, false);
      tokens.push(word, previous);
    } else {
      previous = makeToken(codes, cutter.cut(i, end), i, lineBreak, space);
      tokens.push(previous);
    }
    space = false;
    lineBreak = false;
    i = end;
  }
  return tokens;
}

/**
 * The text's UTF-16 code units. The tokenizer reads every character one by one, and V8 reads a
 * typed array's element for less than a string's character (which first asks how the string is
 * held); the copy is made in one call. Written as UTF-16LE and read in the machine's byte order:
 * little-endian on every machine Node and Lambda run on here (x86-64, arm64).
 */
function utf16Codes(text: string): Uint16Array {
  const codes = new Uint16Array(text.length);
  Buffer.from(codes.buffer, codes.byteOffset, codes.byteLength).write(text, "utf16le");
  return codes;
}

/** Where the token starting at `i` ends: a word, an initialism, a quote mark, a dash, a symbol. */
function tokenEnd(codes: Uint16Array, i: number): number {
  if (isWordChar(codes, i)) return initialismEnd(codes, i) ?? wordEnd(codes, i);
  const code = codeAt(codes, i);
  const next = codeAt(codes, i + 1);
  if (code === APOSTROPHE && next === APOSTROPHE) return i + 2;
  if (code === HYPHEN) return next === HYPHEN ? (codeAt(codes, i + 2) === HYPHEN ? i + 3 : i + 2) : i + 1;
  if (code === FULL_STOP && next === FULL_STOP) {
    let k = i + 1;
    while (codeAt(codes, k) === FULL_STOP) k++;
    return k;
  }
  // Keep a surrogate pair (an emoji, a rare letter) together.
  return code >= 0xd800 && code <= 0xdbff ? i + 2 : i + 1;
}

function wordEnd(codes: Uint16Array, i: number): number {
  let k = i;
  for (;;) {
    while (k < codes.length) {
      const code = codes[k] as number;
      const ascii = (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
      if (ascii) k++;
      else if (code >= 128 && isWordChar(codes, k)) k += charLength(codes, k);
      else break;
    }
    if (isJoiner(codeAt(codes, k)) && isWordChar(codes, k + 1) && !isRunTogetherSentence(codes, k)) k++;
    else return k;
  }
}

/**
 * "…the province.The passenger…": feeds and crawlers lose the space between sentences. A full
 * stop between a lower-case letter and a capitalised word ends a sentence ("example.com",
 * "3.5" and "U.S." keep theirs).
 */
function isRunTogetherSentence(codes: Uint16Array, k: number): boolean {
  if (codes[k] !== FULL_STOP) return false;
  const before = charAt(codes, k - 1);
  const after = charAt(codes, k + 1);
  const next = charAt(codes, k + 2);
  return isLowerCase(before) && isUpperCase(after) && isLowerCase(next);
}

const isLowerCase = (ch: string) => ch !== ch.toUpperCase() && ch === ch.toLowerCase();
const isUpperCase = (ch: string) => ch !== ch.toLowerCase() && ch === ch.toUpperCase();

// - ' ’ . &
const isJoiner = (code: number) =>
  code === 45 || code === 39 || code === 0x2019 || code === 46 || code === 38;

/** "U.S.", "U.K.": two or more capital letters each followed by a full stop. */
function initialismEnd(codes: Uint16Array, i: number): number | null {
  let k = i;
  let letters = 0;
  while (isUpper(codes, k) && codeAt(codes, k + 1) === FULL_STOP) {
    k += 2;
    letters++;
  }
  return letters >= 2 ? k : null;
}

/**
 * The code at `i`, or -1 past the text's end, which is never read: one read past the end makes
 * V8 drop its inlined reads at that place for good.
 */
const codeAt = (codes: Uint16Array, i: number): number => (i < codes.length ? (codes[i] as number) : -1);

/** The character at `i` as a string ("" past the end), as `String.prototype.charAt` gives it. */
const charAt = (codes: Uint16Array, i: number): string =>
  i < codes.length ? String.fromCharCode(codes[i] as number) : "";

function isWordChar(codes: Uint16Array, i: number): boolean {
  const code = codeAt(codes, i);
  if (code < 128)
    return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  if (isSurrogate(code))
    return WORD_CHAR.test(
      charLength(codes, i) === 2 ? charAt(codes, i) + charAt(codes, i + 1) : charAt(codes, i),
    );
  return (classOfChar(code) & WORD_BIT) !== 0;
}

function isUpper(codes: Uint16Array, i: number): boolean {
  const code = codeAt(codes, i);
  if (code < 128) return code >= 65 && code <= 90;
  if (isSurrogate(code)) return UPPER_CHAR.test(charAt(codes, i));
  return (classOfChar(code) & UPPER_BIT) !== 0;
}

function isSpace(codes: Uint16Array, i: number): boolean {
  const code = codes[i] as number;
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  if (isSurrogate(code)) return SPACE_CHAR.test(charAt(codes, i));
  return (classOfChar(code) & SPACE_BIT) !== 0;
}

const isSurrogate = (code: number) => code >= 0xd800 && code <= 0xdfff;

/**
 * What the regular expressions above say of each character outside ASCII and the surrogates, as
 * bits, asked once per character and kept: curly quotes and dashes, met at nearly every quotation,
 * are otherwise cut out of the text as strings of their own and matched again each time.
 */
const CHAR_CLASSES = new Uint8Array(0x10000);
const KNOWN_BIT = 1;
const WORD_BIT = 2;
const UPPER_BIT = 4;
const SPACE_BIT = 8;

function classOfChar(code: number): number {
  const known = CHAR_CLASSES[code] as number;
  if (known !== 0) return known;
  const c = String.fromCharCode(code);
  const classes =
    KNOWN_BIT |
    (WORD_CHAR.test(c) ? WORD_BIT : 0) |
    (UPPER_CHAR.test(c) ? UPPER_BIT : 0) |
    (SPACE_CHAR.test(c) || code === 0xfeff ? SPACE_BIT : 0);
  CHAR_CLASSES[code] = classes;
  return classes;
}

/** 2 for the first half of a surrogate pair, else 1. */
function charLength(codes: Uint16Array, i: number): number {
  const code = codes[i] as number;
  return code >= 0xd800 && code <= 0xdbff ? 2 : 1;
}

/** Where a possessive "'s" ends the token from `start` to `end` ("Korea's" → at "'s"), or -1. */
function possessiveAt(codes: Uint16Array, start: number, end: number): number {
  if (end - start < 3) return -1;
  const last = codes[end - 1];
  const mark = codes[end - 2];
  return (last === 115 || last === 83) && (mark === 39 || mark === 0x2019) ? end - 2 : -1;
}

/**
 * Cuts the tokens' text out of the article, one byte a character wherever it can. A single curly
 * quote or dash makes V8 hold the whole article two bytes a character, and every token cut from
 * it too: lower-casing such a token goes through ICU, and hashing and comparing it read twice the
 * bytes. A token with no character past Latin-1 is cut from a one-byte copy of the article.
 */
class Cutter {
  private readonly text: string;
  /** The article with each character past Latin-1 cut to its low byte, at the same offsets. */
  private readonly narrow: string;
  /** Where the first character past Latin-1 at or after the last cut's start stands. */
  private wide: number;

  constructor(text: string) {
    this.text = text;
    this.wide = wideCharAt(text, 0);
    this.narrow = this.wide < text.length ? Buffer.from(text, "latin1").toString("latin1") : text;
  }

  /** The text from `start` to `end`, in order: tokens are cut from left to right. */
  cut(start: number, end: number): string {
    if (this.wide < start) this.wide = wideCharAt(this.text, start);
    return (end <= this.wide ? this.narrow : this.text).slice(start, end);
  }
}

const WIDE_CHAR = /[^\0-\xff]/g;

/** Where the first character past Latin-1 at or after `from` stands, or the text's length. */
function wideCharAt(text: string, from: number): number {
  WIDE_CHAR.lastIndex = from;
  return WIDE_CHAR.test(text) ? WIDE_CHAR.lastIndex - 1 : text.length;
}

/** The token `text`, cut from `codes` at `start`: its characters are read from the codes. */
function makeToken(
  codes: Uint16Array,
  text: string,
  start: number,
  newline: boolean,
  spaceBefore: boolean,
): Token {
  const end = start + text.length;
  const first = codes[start] as number;
  const kind = kindOf(text, first);
  const lower = kind === "word" && hasUpperCase(codes, start, end) ? text.toLowerCase() : text;
  const cap =
    kind === "word" && (first < 128 ? first >= 65 && first <= 90 : lower.charAt(0) !== text.charAt(0));
  return {
    start,
    end,
    text,
    lower,
    kind,
    cap,
    newline,
    spaceBefore,
    spaceAfter: true,
    givenName: false,
    namePart: null,
    // The word lists hold words only.
    classes: kind === "word" ? wordClassesOf(lower) : 0,
  };
}

/** Whether lower-casing would change the text; most words in prose are lower-case already. */
function hasUpperCase(codes: Uint16Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = codes[i] as number;
    if ((code >= 65 && code <= 90) || code >= 128) return true;
  }
  return false;
}

/** The kind of token `text`, whose first character has the code `code`. */
function kindOf(text: string, code: number): TokenKind {
  // ASCII letters and digits, the overwhelming case, without a regular expression.
  if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90)) return "word";
  if (code >= 48 && code <= 57) return "number";
  // A lone ASCII mark other than a quote ('"', "'", "`") is punctuation: most tokens not words are.
  if (text.length === 1 && code < 128 && code !== 34 && code !== 39 && code !== 96) return "punct";
  if (DOUBLE_QUOTES.has(text)) return "quote";
  if (SINGLE_QUOTES.has(text)) return "single";
  if (DASHES.has(text)) return "dash";
  if (DIGIT.test(text)) return "number";
  return LETTER.test(text) ? "word" : "punct";
}
