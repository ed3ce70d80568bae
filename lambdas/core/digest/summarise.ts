import { opensWithVerb, reportedSentence } from "../render/reported.ts";
import type { StatementKind } from "../types.ts";
import { isCutClause } from "./email-worthy.ts";
import { foldCase, nameTokens } from "./names.ts";
import { inSentence } from "./roles.ts";

/** What a summary needs of each statement, most important first (the email's first). */
export interface SummaryInput {
  text: string;
  kind: StatementKind;
  cue: string | null;
  /** False when the email leaves the statement out: a summary never rests on it. */
  email?: boolean;
}

/** Statements looked at for a clean clause: the official's most important few. */
const CANDIDATES = 8;
const MIN_WORDS = 4;
const MAX_WORDS = 32;

// Openings of narration, not of reported speech: "Asked about …", "Speaking on …", "Earlier, …".
const NARRATION =
  /^(?:asked|speaking|responding|earlier|later|meanwhile|however|but|and|so|also|then|still|yet|though|although|when|while|after|before|in|on|at|during)\b/i;
// Words a clause may open with in lower case: a subject, a determiner, a conjunction of content.
const SUBJECT =
  /^(?:that|he|she|they|it|we|i|you|the|a|an|his|her|their|its|our|this|these|those|there|no|not|all|some|most|many|every|each|both|if|whether|what|how|why|when|one|two|three|more|such|any|nothing|everyone|someone)\b/;
// A subject that stands for something said before the clause: "it", "this", "they", "those".
const OUTSIDE_REFERENCE = /^(?:that\s+)?(?:it|this|these|those|they)\b/i;
// A last word that needs more after it: a relative, a conjunction, a preposition, an article.
const CUT_END =
  /\b(?:that|which|who|whom|whose|and|but|or|of|the|a|an|to|with|for|by|from|because|if|than)$/i;
const ABBREVIATIONS =
  /\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|St|Jr|Sr|No|Inc|Corp|Co|vs|U\.S|U\.N|U\.K|D\.C|[A-Z])\.$/;

/**
 * One sentence on what an official said this week, in plain English: their most important clean
 * reported clause with its speaker and verb ("Defence Minister Ahn Gyu-back warned of a growing
 * security instability surrounding the Korean Peninsula."), or a short clean quote; when nothing
 * clean was said, a plain fallback ("Walter Corbett was quoted in 9 articles this week.") rather
 * than a broken sentence. Clean: whole words of the statement, a subject or a verb to start, no
 * sentence break inside, quotation marks balanced, not narration, not the speaker named again.
 * @example
 * summariseOfficial("Ahn Gyu-back", "Defence Minister", statements, 1)
 * // "Defence Minister Ahn Gyu-back warned of a growing security instability surrounding the Korean Peninsula."
 */
export function summariseOfficial(
  name: string,
  title: string | null,
  statements: readonly SummaryInput[],
  articles = 1,
): string {
  const label = labelOf(name, title);
  const own = new Set(nameTokens(name));
  const candidates = statements.filter((s) => s.email !== false).slice(0, CANDIDATES);
  // Reported speech reads as a summary; a quote leads only when nothing reported is clean.
  const ordered = [
    ...candidates.filter((s) => s.kind !== "direct"),
    ...candidates.filter((s) => s.kind === "direct"),
  ];
  for (const s of ordered) {
    const clause = cleanClause(s.kind === "direct" ? firstSentence(s.text) : s.text, own, s.cue);
    // A question sums nothing up ("said: “You know what she said?”").
    if (!clause || clause.endsWith("?")) continue;
    if (s.kind === "direct")
      return `${label} said: “${clause.replace(/[,;:]$/, "")}.”`.replace(/([.!?…])\.”$/u, "$1”");
    // "According to X, …" would not start with the label: such words are said.
    const cue = s.cue && /^according/i.test(s.cue) ? null : s.cue;
    return reportedSentence(label, cue, clause, s.kind);
  }
  return `${label} was quoted in ${articles} article${articles === 1 ? "" : "s"} this week.`;
}

/**
 * "Defence Minister Ahn Gyu-back"; a long title after the name: "Dana Ruiz, chairwoman of the
 * finance committee,".
 */
export function labelOf(name: string, title: string | null): string {
  if (!title) return name;
  const short =
    title.split(/\s+/).length <= 5 && !/\b(of|for|at|to|the|a|an|and|from|in|on|with|by)\b/i.test(title);
  return short
    ? `${title.charAt(0).toUpperCase()}${title.slice(1)} ${name}`
    : `${name}, ${inSentence(title)},`;
}

/** The statement's words as a clause a sentence can carry, or null when they are not one. */
function cleanClause(text: string, own: ReadonlySet<string>, cue: string | null): string | null {
  const clause = text
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[\s,;:–—-]+$/u, "");
  const words = clause.split(" ");
  if (words.length < MIN_WORDS || words.length > MAX_WORDS) return null;
  if (isCutClause(clause, cue) || NARRATION.test(clause)) return null;
  if (!balanced(clause) || breaksSentence(clause)) return null;
  // "said it still posed a direct threat": what "it" is, the email's one line cannot say.
  if (OUTSIDE_REFERENCE.test(clause)) return null;
  // "… direct responses to attacks - attacks that": words cut off before their clause ends.
  if (CUT_END.test(clause)) return null;
  // Narration names the speaker; their own words rarely do: "Corbett's campaign manager … did not
  // apologize".
  if (nameTokens(clause).some((t) => own.has(t))) return null;
  // A list of capitalised words is no clause: "Do I, Islam and Christianity".
  const capitals = words.filter((w) => /^\p{Lu}/u.test(w)).length;
  if (capitals > words.length / 2) return null;
  // A clause opens with its subject or its own reporting verb ("warned of …"), never with a
  // verb whose subject was cut off ("appeared at several rallies …") or a quotation mark.
  if (/^["“”'‘’]/u.test(clause) || /…|\.\.\./u.test(clause)) return null;
  if (
    /^\p{Ll}/u.test(clause) &&
    !opensWithVerb(clause) &&
    !SUBJECT.test(foldCase(clause)) &&
    !/^(?:of|about|against|for|on|with)\s/.test(clause)
  )
    return null;
  return clause;
}

/**
 * A quote's first sentence: "The door remains open" of "The door remains open. We urge …"; a
 * question keeps its mark ("Who pays?").
 */
function firstSentence(text: string): string {
  for (const m of text.matchAll(/[.!?]\s+(?=["“‘]?\p{Lu})/gu)) {
    const end = (m.index ?? 0) + 1;
    if (!ABBREVIATIONS.test(text.slice(0, end))) return text.slice(0, text[end - 1] === "." ? end - 1 : end);
  }
  return text;
}

/** Quotation marks in pairs: curly ones open and close, straight ones come two by two. */
function balanced(text: string): boolean {
  const open = (text.match(/[“]/g) ?? []).length;
  const close = (text.match(/[”]/g) ?? []).length;
  const straight = (text.match(/"/g) ?? []).length;
  return open === close && straight % 2 === 0 && !/^[”’]|[“‘]$/u.test(text);
}

/** A full stop, question or exclamation mark inside, before another sentence ("… now. We will …"). */
function breaksSentence(text: string): boolean {
  const inner = text.replace(/[.!?…]["”’]*$/u, "");
  for (const m of inner.matchAll(/[.!?…]["”’]*\s+(?=["“‘]?\p{Lu})/gu)) {
    const before = inner.slice(0, (m.index ?? 0) + 1);
    if (!ABBREVIATIONS.test(before)) return true;
  }
  return false;
}
