/**
 * Stage 4b: content generators — where what was said starts and ends around a reporting cue: the
 * clause after the verb (past its addressee and circumstance), the words before the speaker, a
 * parenthetical's tail, quotations trailing the attribution. Each returns token ranges or null;
 * which of them a cue's statement takes is decided later, by the scorer.
 */

import type { StatementKind } from "../types.ts";
import type { Cue, CuedDoc } from "./cues.ts";
import { type Doc, quoteAt, quoteRegionEnd } from "./document.ts";
import {
  CALL_NARRATES,
  CIRCUMSTANCE,
  CIRCUMSTANCE_BEFORE_THAT,
  CIRCUMSTANCE_PREPOSITIONS,
  CLAUSE_LINKS,
  CLAUSE_STARTS,
  CLAUSE_TIME_SPANS,
  CONTENT_BOUNDARY_GERUNDS,
  COORDINATORS,
  FINITE_VERBS,
  GO_ON_WORDS,
  IRREGULAR_PAST,
  NARRATION_OPENERS,
  NARRATION_VERBS,
  OBJECT_PRONOUNS,
  SUBORDINATORS,
  TIME_SUBORDINATORS,
} from "./lexicon/syntax.ts";
import { isYear } from "./lexicon/time.ts";
import {
  DETERMINER,
  is,
  PERIOD_UNIT,
  PREPOSITION,
  SUBJECT_PRONOUN,
  SUBJECT_VERB_FILLER,
  TIME_OPENER,
  TIME_WORD,
  VERB_GROUP_WORD,
} from "./lexicon/word-classes.ts";
import { ARTICLES, DETERMINERS, MONTHS, POSSESSIVE_DETERMINERS, PREPOSITIONS } from "./lexicon/words.ts";
import { mentionStartingAt } from "./mentions.ts";
import type { Sentence } from "./segment.ts";
import type { Token } from "./tokenize.ts";

/** A token range `[first, last]`, inclusive. */
export type TokenRange = [first: number, last: number];

/**
 * The content after the cue, or null when what follows is no statement (", clapping", "on Monday.").
 *
 * @example
 * // "Okafor said on Monday that the plant would close." → "that the plant would close"
 */
export function contentAfter(doc: CuedDoc, s: Sentence, cue: Cue, subordinate: boolean): TokenRange | null {
  const start = contentStart(doc, s, cue);
  if (doc.tokens[start]?.text === ",") return null;
  const end = clauseEnd(doc, s, start, subordinate);
  if (end < start) return null;
  return wordsIn(doc, start, end) >= 2 || quoteAt(doc, start) ? [start, end] : null;
}

/**
 * The content before the subject, which needs a comma, colon or quotation between them.
 *
 * @example
 * // "The plant will close, Okafor said." → "The plant will close"
 */
export function contentBeforeSubject(doc: CuedDoc, s: Sentence, subjectStart: number): TokenRange[] | null {
  let k = subjectStart - 1;
  for (let n = 0; n < 3 && isPlainWord(doc.tokens[k]) && !quoteAt(doc, k); n++) k--;
  const separator = doc.tokens[k];
  if (k < s.first || !separator) return null;
  if (!quoteAt(doc, k) && !/^[,:—–-]$/.test(separator.text)) return null;
  const parts = contentBefore(doc, s, k);
  if (!parts) return null;
  const words = parts.reduce((n, [a, b]) => n + wordsIn(doc, a, b), 0);
  return words >= 2 || startsWithQuote(doc, parts) ? parts : null;
}

/** "Though she called it …, Okafor …": a subordinate clause's content ends at its comma. */
export function isSubordinate(doc: CuedDoc, s: Sentence, subjectStart: number): boolean {
  const opener = doc.tokens[subjectStart - 1];
  return subjectStart - 1 >= s.first && opener !== undefined && SUBORDINATORS.has(opener.lower);
}

/** "The repairs, Okafor said on Friday, will take a year": the words after the parenthesis. */
export function parentheticalTail(doc: CuedDoc, s: Sentence, cue: Cue): TokenRange[] {
  const t = doc.tokens;
  for (let n = cue.last + 1; n <= Math.min(s.last, cue.last + 10); n++) {
    if (quoteAt(doc, n)) return [];
    if (t[n]?.text !== ",") continue;
    const next = t[n + 1];
    if (!next || SUBORDINATORS.has(next.lower) || CLAUSE_LINKS.has(next.lower) || closesClause(doc, s, n))
      return [];
    const end = clauseEnd(doc, s, n + 1, false);
    return end > n ? [[n + 1, end]] : [];
  }
  return [];
}

export function isWholeQuote(doc: CuedDoc, parts: TokenRange[]): boolean {
  const first = parts[0];
  if (parts.length !== 1 || !first) return false;
  const quote = quoteAt(doc, first[0]);
  return quote !== null && quote.first === first[0] && quote.last === first[1];
}

export function startsWithQuote(doc: CuedDoc, parts: TokenRange[]): boolean {
  const first = parts[0];
  return first !== undefined && quoteAt(doc, first[0]) !== null;
}

const isPlainWord = (t: Token | undefined) =>
  t !== undefined && t.kind === "word" && !t.cap && t.lower !== "and";

export function wordsIn(doc: CuedDoc, first: number, last: number): number {
  let n = 0;
  for (let i = first; i <= last; i++) {
    const kind = doc.tokens[i]?.kind;
    if (kind === "word" || kind === "number") n++;
  }
  return n;
}

/** What follows the verb is its circumstance, not content: '"…," Ahn said in a speech.' */
export const isCircumstance = (doc: CuedDoc, k: number) => CIRCUMSTANCE.has(doc.tokens[k]?.lower ?? "");

/** Where the content starts after a cue: past the addressee, time and place, "that" kept. */
export function contentStart(doc: CuedDoc, s: Sentence, cue: Cue): number {
  const t = doc.tokens;
  let k = cue.last + 1;
  if (cue.verb?.frame === "object-clause") k = skipAddressee(doc, k, s.last);
  for (let guard = 0; guard < 12 && k <= s.last; guard++) {
    const token = t[k] as Token;
    if (is(token, SUBJECT_VERB_FILLER) || is(token, TIME_WORD)) k++;
    else if (is(token, TIME_OPENER) && is(t[k + 1], TIME_WORD)) k += 2;
    // "said on July 3, 2015, that …", "said two years ago that …"
    else if (token.kind === "number" && is(t[k - 1], TIME_WORD)) k++;
    else if (token.text === "," && isYear(t[k + 1]) && t[k + 2]?.text === ",") k += 3;
    else if (is(t[k + 1], PERIOD_UNIT) && t[k + 2]?.lower === "ago") k += 3;
    else if (token.text === ":" || (token.text === "," && t[k + 1]?.kind === "quote")) k++;
    else if (startsCircumstance(doc, k, s.last)) k = skipToThat(doc, k, s.last);
    else if (token.text === ",") {
      const aside = asideBeforeThat(doc, k, s.last);
      if (aside === k) break;
      k = aside;
    } else break;
  }
  return k;
}

/** "said, however, that …", "conceded, for the first time, that …": the "that" past an aside. */
function asideBeforeThat(doc: CuedDoc, comma: number, last: number): number {
  for (let n = comma + 1; n <= Math.min(last, comma + 8); n++) {
    const token = doc.tokens[n] as Token;
    if (quoteAt(doc, n) || doc.cues[n] || token.text === "." || token.text === ";") return comma;
    if (token.text === ",") return doc.tokens[n + 1]?.lower === "that" ? n + 1 : comma;
  }
  return comma;
}

/** "in a statement that…", "at a briefing that…": a phrase before "that" is circumstance. */
function startsCircumstance(doc: CuedDoc, k: number, last: number): boolean {
  if (!CIRCUMSTANCE_BEFORE_THAT.has(doc.tokens[k]?.lower ?? "")) return false;
  return skipToThat(doc, k, last) !== k;
}

function skipToThat(doc: CuedDoc, k: number, last: number): number {
  for (let n = k + 1; n <= Math.min(last, k + 14); n++) {
    const token = doc.tokens[n] as Token;
    if (quoteAt(doc, n)) return /^[,:]$/.test(doc.tokens[n - 1]?.text ?? "") ? n : k;
    // "said in a statement, “…”": the quotation past the comma is what was said.
    if (token.text === "," && quoteAt(doc, n + 1)) continue;
    if (token.text === "." || token.text === ";" || token.text === "," || doc.cues[n]) return k;
    if (token.text === ":") return n + 1;
    if (token.lower === "that" && !PREPOSITIONS.has(doc.tokens[n - 1]?.lower ?? "")) return n;
  }
  return k;
}

/**
 * "told reporters", "told The Riverton Courier", "assured them": the addressee is not content,
 * nor is where it was told ("told reporters in Leeds she …", "told a crowd of nurses that …").
 */
function skipAddressee(doc: CuedDoc, k: number, last: number): number {
  const t = doc.tokens;
  const addressee = personAddressed(t, k, last);
  if (addressee !== undefined) {
    // "told reporters in Leeds she …", "told Ruiz and others that …", "told a Riverton Rotary
    // gathering she …" (the phrase read as a name stops short of its noun).
    const more = t[addressee + 1];
    const goesOn =
      more !== undefined &&
      (is(more, PREPOSITION) || more.lower === "and" || (isPlainNoun(more) && t[addressee]?.cap === true));
    return (goesOn && toldClause(doc, addressee + 1, last)) || addressee + 1;
  }
  // "told a crowd she …", "told his roommate that …"
  const determiner = ARTICLES.has(t[k]?.lower ?? "") || POSSESSIVE_DETERMINERS.has(t[k]?.lower ?? "");
  return (determiner && toldClause(doc, k + 1, last)) || k;
}

/** A lower-case word that may be a phrase's noun: "gathering", not "the", "would" or "she". */
const isPlainNoun = (t: Token) =>
  t.kind === "word" &&
  !t.cap &&
  !is(t, DETERMINER) &&
  !is(t, VERB_GROUP_WORD) &&
  !CLAUSE_STARTS.has(t.lower) &&
  !is(t, SUBJECT_PRONOUN);

/** The last token of the person a verb addresses at `k` ("told reporters", "called Ruiz"), if any. */
function personAddressed(t: Token[], k: number, last: number): number | undefined {
  return OBJECT_PRONOUNS.has(t[k]?.lower ?? "") ? k : mentionStartingAt(t, k, last)?.last;
}

/**
 * Past the rest of an addressee's phrase or a place ("a gathering of nurses in Leeds"): the "that"
 * or the subject pronoun that opens the told clause a few words on, or 0 when none does.
 */
function toldClause(doc: CuedDoc, k: number, last: number): number {
  const t = doc.tokens;
  // "told a packed crowd in Windham, New Hampshire, on the final day that …": a "that" may stand
  // further on, past a place's commas; a bare pronoun only close by.
  for (let n = k; n <= Math.min(last, k + 15); n++) {
    const token = t[n] as Token;
    if (quoteAt(doc, n) || doc.cues[n]) return 0;
    if (token.text === "," || token.kind === "number") continue;
    if (token.kind !== "word") return 0;
    if (token.lower === "that") return n > k ? n : 0;
    if (is(token, SUBJECT_PRONOUN) && token.lower !== "it") return n > k && n <= k + 7 ? n : 0;
    // Another phrase or a verb begins: the words from here on are what was told.
    const placeGoesOn = is(t[n - 1], PREPOSITION);
    if (
      CLAUSE_STARTS.has(token.lower) ||
      is(token, VERB_GROUP_WORD) ||
      (n > k && is(token, DETERMINER) && !placeGoesOn)
    )
      return 0;
  }
  return 0;
}

/** The last token of the clause starting at `k`: before the full stop, ", according to", ", he said". */
export function clauseEnd(doc: CuedDoc, s: Sentence, k: number, subordinate = false): number {
  const t = doc.tokens;
  let end = k - 1;
  for (let n = k; n <= s.last; n++) {
    const quote = quoteAt(doc, n);
    if (quote) {
      n = quoteRegionEnd(quote);
      end = n;
      // 'Clinton was irritated: "Just email it," she wrote': the quotation has its own attribution.
      if (n < s.last && closesClause(doc, s, n)) break;
      continue;
    }
    const token = t[n] as Token;
    // In a subordinate clause ("when he said …, …") the first comma ends the content, unless a
    // quotation follows it: 'when he said that under the old rules, "the council …"'.
    if (token.text === "," && ((subordinate && !quoteAt(doc, n + 1)) || closesClause(doc, s, n))) break;
    if (token.text === ";") break;
    if ((token.lower === "and" || token.lower === "but") && opensOwnClause(doc, s, n + 1)) break;
    // "…, drawing jeers from the gallery": the narration goes on; ", citing …" is the speaker's.
    if (token.text === "," && /ing$/.test(t[n + 1]?.lower ?? "") && !t[n + 1]?.cap && !doc.cues[n + 1]) break;
    if (token.kind === "dash" || token.text === "(") {
      if (closesClause(doc, s, n)) break;
    }
    end = n;
  }
  while (end >= k && /^[.,;:!?—–-]$/.test(t[end]?.text ?? "") && !quoteAt(doc, end)) end--;
  return end;
}

/**
 * After "and" or "but": a clause of its own, "… and Ferris said it would not", "… but later
 * apologized", "… and added that …" — not "the budget and the plan".
 */
function opensOwnClause(doc: CuedDoc, s: Sentence, k: number): boolean {
  const t = doc.tokens;
  if (doc.cues[k]?.verb?.form === "past") return true;
  // "… but went on to say", "… and continued to insist": the same speaker's next statement.
  let go = k;
  while (go <= s.last && (GO_ON_WORDS.has(t[go]?.lower ?? "") || t[go]?.lower === "to")) go++;
  if (go > k && doc.cues[go]) return true;
  let n = k;
  while (n <= s.last && (is(t[n], SUBJECT_VERB_FILLER) || /ly$/.test(t[n]?.lower ?? ""))) n++;
  if (n > k && t[n] && narrates(t[n] as Token, doc.cues[n])) return true;
  // "… and turned a blind eye to …", "… and took the stage": a step of the narration with its object.
  if (NARRATION_VERBS.has(t[k]?.lower ?? "") && is(t[k + 1], DETERMINER)) return true;
  const subject = mentionStartingAt(t, k, s.last);
  if (!subject || subject.last - subject.first > 5) return false;
  const verb = skipFillersRight(t, subject.last + 1, s.last);
  return doc.cues[verb] !== null && doc.cues[verb] !== undefined;
}

/** A comma that a new attribution follows: ", he said", ", according to", ", adding that". */
export function closesClause(doc: CuedDoc, s: Sentence, comma: number): boolean {
  const t = doc.tokens;
  const next = t[comma + 1];
  if (!next) return true;
  if (CONTENT_BOUNDARY_GERUNDS.has(next.lower)) return true;
  if (next.lower === "according" && t[comma + 2]?.lower === "to") return true;
  if (doc.cues[comma + 1] && !next.lower.endsWith("ing")) return true;
  // ", but the mayor would …" / ", and he …": a new clause with its own subject.
  if (COORDINATORS.has(next.lower) && t[comma + 2]?.lower !== "that") {
    const subject = mentionStartingAt(t, comma + 2, s.last);
    if (subject && (subject.kind === "name" || subject.kind === "pronoun" || next.lower !== "and"))
      return true;
  }
  const mention = mentionStartingAt(t, comma + 1, s.last);
  if (mention && mention.last - mention.first < 8) {
    const after = skipFillersRight(t, mention.last + 1, s.last);
    if (after <= s.last && doc.cues[after] && !(t[after + 1] && t[after + 1]?.lower === "that")) {
      const tail = t[after + 1];
      return (
        !tail ||
        /^[.,;:!?]$/.test(tail.text) ||
        tail.kind === "quote" ||
        is(tail, TIME_WORD) ||
        tail.lower === "in" ||
        tail.lower === "on"
      );
    }
  }
  return false;
}

/** The content before the attribution: from the sentence's start to just before `end`. */
export function contentBefore(
  doc: CuedDoc,
  s: Sentence,
  end: number,
  afterBreak = false,
): TokenRange[] | null {
  const t = doc.tokens;
  let last = end;
  while (last >= s.first && /^[,:;—–-]$/.test(t[last]?.text ?? "") && !quoteAt(doc, last)) last--;
  let first = afterBreak ? lastBreakBefore(doc, s, last) : afterDateline(doc, s);
  const opener = t[first];
  if (opener && /^[-—–(]$/.test(opener.text)) first++;
  if (last < first) return null;
  const quote = quoteAt(doc, first);
  if (quote && quoteRegionEnd(quote) >= last - 1) return [[quote.first, quote.last]];
  // 'Clinton was irritated: "Just email it," she wrote': the quotation after the colon.
  const closing = quoteAt(doc, last) ?? quoteAt(doc, last - 1);
  if (closing && closing.open > first && t[closing.open - 1]?.text === ":")
    return [[closing.first, closing.last]];
  return [[first, last]];
}

/**
 * "SEOUL — …", "WASHINGTON, Nov. 3 (Reuters) -- …", "Seoul, Dec 29 South Korea's …": where the
 * sentence starts past its dateline.
 */
export function afterDateline(doc: Doc, s: Sentence): number {
  const t = doc.tokens;
  for (let n = s.first; n <= Math.min(s.last, s.first + 10); n++) {
    const token = t[n] as Token;
    if (token.kind === "dash") return n > s.first ? n + 1 : s.first;
    // "KOCHI: Heavy rain …", "NEW DELHI: …": a place in capitals and a colon (or an interview's "Q:").
    if (token.text === ":") return n > s.first && allCapitals(t, s.first, n - 1) ? n + 1 : s.first;
    const datelike = token.cap || token.kind === "number" || DATELINE_MARKS.has(token.text);
    if (!datelike || quoteAt(doc, n)) return s.first;
    // "Seoul, Dec 29 South …": a place, a comma, a month and a day, then the sentence.
    const month = t[n - 1]?.text === "." ? t[n - 2] : t[n - 1];
    if (token.kind === "number" && MONTHS.has(month?.lower ?? "") && t[n + 1]?.cap)
      return t[s.first + 1]?.text === "," ? n + 1 : s.first;
  }
  return s.first;
}

/** Marks a dateline holds ("WASHINGTON, Nov. 3 (Reuters)"): a set look-up, as every sentence's second token asks. */
const DATELINE_MARKS = new Set([".", ",", "(", ")"]);

/** Whether every word of tokens `[a, b]` is written in capitals ("KOCHI", "NEW DELHI"). */
export function allCapitals(t: Token[], a: number, b: number): boolean {
  for (let k = a; k <= b; k++) {
    const token = t[k] as Token;
    if (token.kind === "word" && token.text !== token.text.toUpperCase()) return false;
  }
  return true;
}

/** "…, about the budget gap - which keeps growing, according to Okafor": after the dash. */
function lastBreakBefore(doc: CuedDoc, s: Sentence, last: number): number {
  for (let n = last; n > s.first; n--) {
    const token = doc.tokens[n] as Token;
    if (!quoteAt(doc, n) && (token.kind === "dash" || token.text === ";" || token.text === ":")) return n + 1;
  }
  return s.first;
}

/** `"…," said Ahn, "…"`: quotations after the attribution in the same sentence continue it. */
export function trailingQuotes(doc: CuedDoc, s: Sentence, from: number): TokenRange[] {
  const parts: TokenRange[] = [];
  for (let n = from; n <= Math.min(s.last, from + 8); n++) {
    const token = doc.tokens[n] as Token;
    if (quoteAt(doc, n) || TERMINAL.has(token.text) || (n > from && doc.cues[n])) break;
    if (token.text === "," && quoteAt(doc, n + 1)) {
      from = n + 1;
      break;
    }
  }
  for (let n = from; n <= s.last; n++) {
    const quote = quoteAt(doc, n);
    if (!quote) {
      const text = doc.tokens[n]?.lower ?? "";
      if (/^[,.:;]$/.test(text) || ((text === "but" || text === "and") && quoteAt(doc, n + 1))) continue;
      break;
    }
    parts.push([quote.first, quote.last]);
    n = quoteRegionEnd(quote);
  }
  return parts;
}

const TERMINAL = new Set([".", "?", "!", ";", ":"]);

export function skipFillersRight(t: Token[], k: number, hi: number): number {
  let n = k;
  while (n <= hi && (is(t[n], SUBJECT_VERB_FILLER) || is(t[n], TIME_WORD))) n++;
  return n;
}

/** Direct when every part is a whole quotation; mixed when quoted words sit in reported speech. */
export function contentKind(doc: Doc, ranges: readonly TokenRange[]): StatementKind {
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

/**
 * Where the narration takes over inside a clause after a verb: "…, and quoted …", "…, but went on
 * to …", "…, drawing cheers", "… — and the crowd …". The index of the first narrating token, or
 * the clause's start when there is none.
 *
 * @example
 * // "said the plant would close, drawing jeers from the gallery" → at "drawing"
 */
export function narrationStart(doc: CuedDoc, [first, last]: TokenRange): number {
  const t = doc.tokens;
  for (let n = first + 2; n < last; n++) {
    const quote = quoteAt(doc, n);
    if (quote) {
      n = quoteRegionEnd(quote);
      // '…, calling it "a disgrace," blaming …': a quotation's own comma ends the clause too.
      if (t[quote.last]?.text === "," && narrationOpens(t[n + 1])) return n + 1;
      continue;
    }
    const token = t[n] as Token;
    const next = t[n + 1];
    if (!next) break;
    // ", citing …" stays: a reporting gerund carries on the statement it belongs to.
    if (token.text === "," && narrationOpens(next) && !doc.cues[n + 1]) return n;
    if (token.kind === "dash" && !next.cap && next.kind === "word") return n;
    if ((token.lower === "and" || token.lower === "but") && narrates(next, doc.cues[n + 1])) return n;
  }
  return first;
}

/** ", drawing cheers", ", while …", ", when …", ", which …": a clause of the narration's own. */
const narrationOpens = (t: Token | undefined) =>
  t !== undefined && !t.cap && (/ing$/.test(t.lower) || NARRATION_OPENERS.has(t.lower));

/** A verb in the past or a reporting verb: the narration's next step. */
const narrates = (t: Token, cue: Cue | null | undefined) =>
  !t.cap &&
  ((cue !== null && cue !== undefined) ||
    NARRATION_VERBS.has(t.lower) ||
    (/ed$/.test(t.lower) && t.lower.length > 4));

/**
 * "Okafor continued:" closing its paragraph: the next paragraph is what was said.
 *
 * @example
 * // "The minister told the assembly:\n\n“We will not wait.”" → “We will not wait.”
 */
export function paragraphAfterColon(doc: CuedDoc, s: Sentence, cue: Cue): TokenRange | null {
  const t = doc.tokens;
  const paragraph = doc.seg.paragraphs[s.paragraph];
  if (!paragraph || s.last !== paragraph.last || t[s.last]?.text !== ":" || s.last - cue.last > 8)
    return null;
  const next = doc.seg.paragraphs[s.paragraph + 1];
  if (!next) return null;
  let end = next.last;
  while (end > next.first && /^[.,;:]$/.test(t[end]?.text ?? "")) end--;
  return end > next.first ? [next.first, end] : null;
}

/**
 * "said at an event in Wyoming", "said pleasantly into the phone", "reported daily to the studio":
 * a few words of where, when or how, with no verb and no quotation, are no words said.
 */
function onlyCircumstance(doc: CuedDoc, parts: readonly TokenRange[]): boolean {
  const t = doc.tokens;
  const [first, last] = parts[0] as TokenRange;
  const opener = t[first] as Token;
  if (parts.length > 1 || last - first > 8) return false;
  const how = opener.kind === "word" && opener.lower.endsWith("ly");
  if (!CIRCUMSTANCE_PREPOSITIONS.has(opener.lower) && !how) return false;
  for (let k = first; k <= last; k++) {
    const lower = (t[k] as Token).lower;
    if (quoteAt(doc, k) || FINITE_VERBS.has(lower) || IRREGULAR_PAST.has(lower) || CLAUSE_STARTS.has(lower))
      return false;
    if (k > first && lower.endsWith("ed")) return false;
  }
  return true;
}

/**
 * "tweeted as the mayor spoke", "reported after the police had left": a clause of when the words
 * came, running to the sentence's end with no quotation, "that" or comma, holds no words said.
 */
function onlyWhenClause(doc: CuedDoc, parts: readonly TokenRange[]): boolean {
  const t = doc.tokens;
  const [first, last] = parts[0] as TokenRange;
  if (parts.length > 1 || !TIME_SUBORDINATORS.has((t[first] as Token).lower)) return false;
  for (let k = first + 1; k <= last; k++) {
    const token = t[k] as Token;
    if (quoteAt(doc, k) || token.text === "," || token.text === ":" || token.lower === "that") return false;
  }
  return true;
}

/** ", after …", ", a day after …", ", two weeks before …": a time clause set off by the comma at `k`. */
function opensTimeClause(t: Token[], k: number): boolean {
  let next = k + 1;
  if (is(t[next], DETERMINER) || t[next]?.kind === "number") next++;
  if (CLAUSE_TIME_SPANS.has(t[next]?.lower ?? "")) next++;
  const word = t[next]?.lower ?? "";
  // ", as …" may still describe what was said ("defended it, as necessary, …").
  return word !== "as" && TIME_SUBORDINATORS.has(word);
}

/** Words a "called for …" or "called on …" needs to ask for something rather than narrate. */
const CALL_WORDS = 4;

/**
 * "called Haugland earlier this month", "called Ruiz onto the stage", "called her.", "called a
 * delegate, Ana Ruiz, and urged her to run": a call made to somebody, with no words after the
 * person called (as "called Ruiz a fraud" has).
 */
function callsSomebody(doc: CuedDoc, first: number): boolean {
  const t = doc.tokens;
  const called = personAddressed(t, first, first + 6);
  if (called === undefined) return false;
  if (namedThenAnd(t, called)) return true;
  const after = t[called + 1];
  if (!after || after.text === "." || after.text === ";") return true;
  if (after.kind !== "word" || after.lower === "as") return false;
  return is(after, TIME_WORD) || is(after, PREPOSITION) || after.lower.endsWith("ly");
}

/** "called a delegate, Ana Ruiz, and urged her to run": the person's name set off, then the next step. */
function namedThenAnd(t: Token[], called: number): boolean {
  if (t[called + 1]?.text !== ",") return false;
  const named = mentionStartingAt(t, called + 2, called + 8);
  return named?.kind === "name" && t[named.last + 1]?.text === "," && t[named.last + 2]?.lower === "and";
}

/**
 * Whether what follows a verb that may narrate ("added", "defended", "responded", "called for")
 * holds words somebody said: a quotation, a clause (a "that", a question word, a verb of its
 * own), a colon, or an "as" description. "Ferris added a second goal in the 70th minute" holds
 * none; "Ferris added that the team was tired" does.
 */
export function carriesWords(doc: CuedDoc, cue: Cue, parts: readonly TokenRange[]): boolean {
  const t = doc.tokens;
  const [first, last] = parts[0] as TokenRange;
  // "called for a timeout" narrates; "called for a recount of every ballot" asks for something
  // at the length a statement has.
  const call = cue.verb?.lemma === "call" && CALL_NARRATES.has(t[cue.last + 1]?.lower ?? "");
  const callsFor = call && (parts.length > 1 || wordsIn(doc, first, last) < CALL_WORDS);
  const needs = cue.verb?.needsWords || callsFor;
  if (first > cue.last && cue.verb?.lemma === "call" && callsSomebody(doc, first)) return false;
  if (first > cue.last && !call && (onlyCircumstance(doc, parts) || onlyWhenClause(doc, parts))) return false;
  if (!needs || first < cue.first) return true;
  if (CLAUSE_STARTS.has(t[first]?.lower ?? "") || t[cue.last + 1]?.text === ":") return true;
  for (const [a, b] of parts)
    for (let k = a; k <= b; k++) {
      const token = t[k] as Token;
      // "defended the response, a day after a report faulted it": the rest is the circumstance.
      if (token.text === "," && !quoteAt(doc, k) && opensTimeClause(t, k)) return false;
      if (quoteAt(doc, k) || FINITE_VERBS.has(token.lower) || token.lower === "as") return true;
      if (k > first && IRREGULAR_PAST.has(token.lower)) return true;
      // "added the plan failed" (a subject's verb), not "noted the time and restarted play".
      const previous = t[k - 1]?.lower ?? "";
      if (
        /ed$/.test(token.lower) &&
        !token.cap &&
        k > first &&
        !DETERMINERS.has(previous) &&
        !COORDINATORS.has(previous)
      )
        return true;
    }
  return false;
}
