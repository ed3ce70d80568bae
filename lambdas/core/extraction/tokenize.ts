/**
 * Stage 1: tokens with their offsets. The text itself is never changed, so every span the
 * extractor reports points into the article exactly as it was given.
 */

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
}

// Initialisms (U.S.), words with inner hyphens, apostrophes, full stops or ampersands (Gyu-back,
// don't, 2.5, AT&T), double quote marks, single quote marks, dashes, ellipses, any other symbol.
const TOKEN =
  /(?:\p{Lu}\.){2,}|[\p{L}\p{M}\p{N}]+(?:[-'’.&][\p{L}\p{M}\p{N}]+)*|''|[“”"„«»‟″]|[‘’'‚‹›`]|[—–―]|-{1,3}|\.{2,}|…|[^\s\p{L}\p{M}\p{N}]/gu;
const POSSESSIVE = /^(.+[\p{L}\p{N}])(['’][sS])$/u;
const UPPER = /^\p{Lu}/u;
const DIGIT = /^\p{N}/u;
const DOUBLE_QUOTES = new Set(["“", "”", '"', "„", "«", "»", "‟", "″", "''"]);
const SINGLE_QUOTES = new Set(["‘", "’", "'", "‚", "‹", "›", "`"]);
const DASHES = new Set(["—", "–", "―", "--", "---"]);

/**
 * Splits text into tokens, possessive `'s` apart from its word.
 *
 * @example
 * tokenize("South Korea's Defence Minister Ahn Gyu-back said")
 * // South · Korea · 's · Defence · Minister · Ahn · Gyu-back · said
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let previousEnd = 0;
  for (const match of text.matchAll(TOKEN)) {
    const start = match.index;
    const raw = match[0];
    const gap = text.slice(previousEnd, start);
    const newline = tokens.length === 0 || gap.includes("\n") || gap.includes("\r");
    const spaceBefore = start === 0 || gap.length > 0;
    const possessive = raw.length > 2 ? POSSESSIVE.exec(raw) : null;
    if (possessive?.[1] && possessive[2]) {
      tokens.push(makeToken(possessive[1], start, newline, spaceBefore));
      tokens.push(makeToken(possessive[2], start + possessive[1].length, false, false));
    } else {
      tokens.push(makeToken(raw, start, newline, spaceBefore));
    }
    previousEnd = start + raw.length;
  }
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const next = tokens[i + 1];
    token.spaceAfter = next ? next.spaceBefore : true;
  }
  return tokens;
}

function makeToken(text: string, start: number, newline: boolean, spaceBefore: boolean): Token {
  return {
    start,
    end: start + text.length,
    text,
    lower: text.toLowerCase(),
    kind: kindOf(text),
    cap: UPPER.test(text),
    newline,
    spaceBefore,
    spaceAfter: true,
  };
}

function kindOf(text: string): TokenKind {
  if (DOUBLE_QUOTES.has(text)) return "quote";
  if (SINGLE_QUOTES.has(text)) return "single";
  if (DASHES.has(text)) return "dash";
  if (DIGIT.test(text)) return "number";
  return /[\p{L}]/u.test(text) ? "word" : "punct";
}
