/**
 * An article's headlines are no statements: a headline paraphrases the story, and the story
 * reports the words themselves. A short title-case paragraph ("Mayor Says Bridge Will Open in
 * May") is a headline; so is a short first paragraph that ends without a full stop, in an article
 * that has no title of its own (a text file that opens with its headline), and a first paragraph
 * that repeats the article's title ("Ruiz: I back the bridge.", stored with its body).
 */
import type { Doc } from "./document.ts";
import { HEADLINE_LOWER_WORD, is } from "./lexicon/word-classes.ts";
import type { Token } from "./tokenize.ts";

/** Longest a headline runs, in words. */
const HEADLINE_WORDS = 24;

/** The paragraphs of the article that are headlines. */
export function headlineParagraphs(doc: Doc, title: string | null): Set<number> {
  const found = new Set<number>();
  doc.seg.paragraphs.forEach((p, index) => {
    if (isTitleCase(doc.tokens, p.first, p.last)) found.add(index);
  });
  const first = doc.seg.paragraphs[0];
  if (!first) return found;
  const unfinished = !/^[.?!…"”’']$/.test(doc.tokens[first.last]?.text ?? "");
  if (!title && unfinished && doc.seg.paragraphs.length >= 3)
    if (wordsIn(doc.tokens, first.first, first.last) <= HEADLINE_WORDS) found.add(0);
  if (title && repeats(doc.tokens, first.first, first.last, title)) found.add(0);
  return found;
}

/** Whether the paragraph's letters and digits are the title's, case aside. */
function repeats(tokens: Token[], first: number, last: number, title: string): boolean {
  let text = "";
  for (let i = first; i <= last; i++) text += (tokens[i] as Token).lower;
  const own = lettersOf(text);
  return own.length > 0 && own === lettersOf(title.toLowerCase());
}

const lettersOf = (text: string) => text.replace(/[^\p{L}\p{N}]+/gu, "");

/** A short paragraph whose words are capitalised, as a headline's are. */
function isTitleCase(tokens: Token[], first: number, last: number): boolean {
  let words = 0;
  let capitalised = 0;
  for (let i = first; i <= last; i++) {
    const t = tokens[i] as Token;
    if (t.kind !== "word" || is(t, HEADLINE_LOWER_WORD)) continue;
    words++;
    if (t.cap) capitalised++;
    // Too long, or too many lower-case words, for any headline: no need to read on.
    if (words > HEADLINE_WORDS || words - capitalised > HEADLINE_WORDS * 0.2) return false;
  }
  return words >= 4 && words <= HEADLINE_WORDS && capitalised >= words * 0.8;
}

function wordsIn(tokens: Token[], first: number, last: number): number {
  let n = 0;
  for (let i = first; i <= last; i++) if ((tokens[i] as Token).kind === "word") n++;
  return n;
}
