/**
 * Stage 5: attribution. For each reporting cue in a sentence, find who spoke (the subject before
 * the verb, an inverted subject after it, an appositive, or the speaker of the clause a gerund
 * hangs off) and what they said (a quotation, the clause after the verb, or the words before).
 */
import { type Cue, cueAt } from "./cues.ts";
import { type Doc, quoteAt, quoteRegionEnd } from "./document.ts";
import { CONTENT_BOUNDARY_GERUNDS, OBJECT_PRONOUNS } from "./lexicon/syntax.ts";
import { PERIOD_UNITS } from "./lexicon/time.ts";
import {
  DETERMINERS,
  POSSESSIVE_DETERMINERS,
  PREPOSITIONS,
  SUBJECT_VERB_FILLERS,
  TIME_WORDS,
} from "./lexicon/words.ts";
import { describeMention, type Mention, mentionEndingAt, mentionStartingAt, speakerFor } from "./mentions.ts";
import type { Sentence } from "./segment.ts";
import { firstUnquoted, sentenceSubject } from "./sentence-subject.ts";
import { canSpeak } from "./speaker-check.ts";
import type { Token } from "./tokenize.ts";

/** A token range `[first, last]`, inclusive. */
export type TokenRange = [first: number, last: number];

export interface Attribution {
  cue: Cue | null;
  mention: Mention | null;
  /** The mention was found through a relative pronoun or inherited by a gerund. */
  inherited: boolean;
  parts: TokenRange[];
  sentence: number;
  paragraph: number;
  /** When the words were said, if at another time than the article's news (see said.ts). */
  said?: string;
}

/** Finds the attributions of one sentence. */
export function attributeSentence(doc: Doc, s: Sentence, index: number): Attribution[] {
  const found: Attribution[] = [];
  const labelled = attributeSpeakerLabel(doc, s);
  if (labelled) return [{ ...labelled, sentence: index, paragraph: s.paragraph }];
  for (let i = s.first; i <= s.last; i++) {
    const quote = quoteAt(doc, i);
    if (quote) {
      i = Math.max(i, quoteRegionEnd(quote));
      continue;
    }
    const cue = cueAt(doc.tokens, i);
    if (!cue) continue;
    const attribution = attributeCue(doc, s, cue, found);
    if (attribution) found.push({ ...attribution, sentence: index, paragraph: s.paragraph });
  }
  return found;
}

type Partial = Omit<Attribution, "sentence" | "paragraph">;

/**
 * `PENCE: Well, look, …` in a transcript, or a headline `Pence: Flowers won't be at debate`:
 * a speaker's name and a colon open the paragraph.
 */
function attributeSpeakerLabel(doc: Doc, s: Sentence): Partial | null {
  const t = doc.tokens;
  const paragraph = doc.seg.paragraphs[s.paragraph];
  if (
    !paragraph ||
    (paragraph.first !== s.first &&
      !(t[paragraph.first]?.kind === "quote" && s.first === paragraph.first + 1))
  )
    return null;
  const k = t[s.first]?.kind === "quote" ? s.first + 1 : s.first;
  if (!hasColonWithin(t, k, Math.min(s.last, k + 6))) return null;
  const mention = mentionStartingAt(t, k, Math.min(s.last, k + 5));
  if (!mention || mention.kind === "pronoun" || t[mention.last + 1]?.text !== ":") return null;
  for (let k = mention.first; k <= mention.last; k++) if (LABEL_WORDS.has((t[k] as Token).lower)) return null;
  const transcript = isAllCaps(t, mention);
  if (!transcript && s.paragraph !== 0) return null;
  const start = mention.last + 2;
  const end = transcript ? paragraph.last : s.last;
  let last = end;
  while (last > start && (/^[.,;:]$/.test(t[last]?.text ?? "") || t[last]?.kind === "quote")) last--;
  if (wordsIn(doc, start, last) < 3) return null;
  return {
    cue: { first: mention.last + 1, last: mention.last + 1, verb: null, kind: "label" },
    mention,
    inherited: false,
    parts: [[start, last]],
  };
}

function hasColonWithin(t: Token[], from: number, to: number): boolean {
  for (let k = from; k <= to; k++) if (t[k]?.text === ":") return true;
  return false;
}

/** Labels that open a paragraph without naming a speaker. */
const LABEL_WORDS = new Set(
  "latest update updated breaking exclusive watch read photos photo video note correction analysis opinion editor editors related source sources see also listen".split(
    " ",
  ),
);

function isAllCaps(t: Token[], m: Mention): boolean {
  for (let k = m.first; k <= m.last; k++) {
    const token = t[k] as Token;
    if (token.kind === "word" && token.text !== token.text.toUpperCase()) return false;
  }
  return true;
}
interface Subject {
  mention: Mention;
  inherited: boolean;
}

function attributeCue(doc: Doc, s: Sentence, cue: Cue, earlier: Attribution[]): Partial | null {
  if (cue.kind === "according") return attributeAccordingTo(doc, s, cue);
  const t = doc.tokens;
  const gerund = cue.verb?.form === "gerund";
  const j = skipFillersLeft(t, cue.first - 1, s.first);
  const before = j >= s.first ? t[j] : undefined;
  const afterQuote = before?.kind === "quote" && /^[,;]$/.test(t[j - 1]?.text ?? "");
  if (gerund && (!before || before.text === "," || before.lower === "and" || afterQuote)) {
    // "…, citing …", "…, reiterating …" carry on the clause; "…, saying …" starts a statement.
    if (!CONTENT_BOUNDARY_GERUNDS.has((t[cue.first] as Token).lower)) return null;
    return attributeGerund(doc, s, cue, earlier);
  }
  if (before && (before.lower === "and" || before.lower === "but"))
    return attributeGerund(doc, s, cue, earlier);
  if (before && before.text !== "," && before.kind !== "quote" && before.kind !== "dash") {
    const subject = subjectEndingAt(doc, j, s.first);
    return subject ? withContent(doc, s, cue, subject, !gerund) : null;
  }
  if (before?.text === "," && invertedSubjectEndsClause(doc, s, cue)) return attributeInverted(doc, s, cue);
  if (before?.text === "," || before?.kind === "dash") {
    const appositive = appositiveSubject(doc, j, s.first);
    if (appositive) return withContent(doc, s, cue, { mention: appositive, inherited: false }, true);
  }
  return cue.verb && INVERTIBLE.has(cue.verb.lemma) ? attributeInverted(doc, s, cue) : null;
}

/** `…, said one GOP source in the room.`: a speaker phrase after the verb, closing the clause. */
function invertedSubjectEndsClause(doc: Doc, s: Sentence, cue: Cue): boolean {
  if (!cue.verb || !INVERTIBLE.has(cue.verb.lemma)) return false;
  const mention = mentionStartingAt(doc.tokens, cue.last + 1, s.last);
  if (!mention || mention.kind === "pronoun") return false;
  const next = doc.tokens[mention.last + 1];
  return (
    !next || /^[.,;:!?(]$/.test(next.text) || ["in", "at", "on", "of", "who", "during"].includes(next.lower)
  );
}

/** Verbs whose subject may follow them: `"…," said Ahn`, `"…?" asked the minister`. */
const INVERTIBLE = new Set(
  `say add write ask continue explain note warn insist argue recall reply respond concede admit quip joke
  declare predict observe remark comment state acknowledge caution boast complain`.split(/\s+/),
);

/** `Ahn said`, `the minister, who …, said`, `a source who told …`: the subject right before the verb. */
function subjectEndingAt(doc: Doc, j: number, lo: number): Subject | null {
  const t = doc.tokens;
  if (t[j]?.lower === "who") {
    const end = t[j - 1]?.text === "," ? j - 2 : j - 1;
    const antecedent = mentionEndingAt(t, end, lo) ?? nounPhraseEndingAt(doc, end, lo);
    return antecedent && antecedent.kind !== "pronoun" ? { mention: antecedent, inherited: true } : null;
  }
  const mention = mentionEndingAt(t, j, lo) ?? nounPhraseEndingAt(doc, j, lo);
  return mention && canSpeak(doc, mention) ? { mention, inherited: false } : null;
}

/**
 * "The New York businessman says", "its defenders say": a noun the lexicons do not know, right
 * before the verb, read as a speaker when a determiner opens its phrase.
 */
function nounPhraseEndingAt(doc: Doc, j: number, lo: number): Mention | null {
  const t = doc.tokens;
  const head = t[j];
  if (head?.kind !== "word" || head.cap || !/^[a-z][a-z-]{2,}$/.test(head.lower)) return null;
  if (/(ly|ing|ed)$/.test(head.lower) || NOT_NOUNS.has(head.lower)) return null;
  for (let k = j - 1; k >= Math.max(lo, j - 4); k--) {
    const token = t[k] as Token;
    if (DETERMINERS.has(token.lower) || POSSESSIVE_DETERMINERS.has(token.lower)) {
      const mention: Mention = {
        ...describeMention(t, k, j),
        kind: head.lower.endsWith("s") ? "group" : "role",
      };
      // "attorneys for the family said": the attorneys speak.
      return speakerFor(t, mention, lo) ?? mention;
    }
    if (token.kind !== "word" || PREPOSITIONS.has(token.lower) || NOT_NOUNS.has(token.lower)) return null;
  }
  return null;
}

/** Words that end a phrase without being its noun: "what he also said", "the more it said". */
const NOT_NOUNS = new Set(
  "is was are were be been has have had will would can could should may might must not also still just only more less most very so too then there here that which what who whom whose this these those".split(
    " ",
  ),
);

/**
 * `Lee Jun-ho, a spokesperson for the Unification Ministry, said`: the name before an appositive
 * that the comma before the verb closes.
 */
function appositiveSubject(doc: Doc, comma: number, lo: number): Mention | null {
  const t = doc.tokens;
  // "John Dickey, the chief executive of Ora Media -- the company that … -- told me": dashes pair up.
  const dashes = t[comma]?.kind === "dash";
  for (let k = comma - 1; k > lo && comma - k < 40; k--) {
    const token = t[k] as Token;
    if (quoteAt(doc, k) || token.text === ";" || token.text === ":") return null;
    if (token.kind === "dash" && !dashes) return null;
    if (dashes ? token.kind !== "dash" : token.text !== ",") continue;
    if (["and", "but", "or", "so", "then", "yet"].includes((t[k + 1] as Token).lower)) return null;
    // "A lawyer for the outlets, David Schulz, said": the name between the commas.
    const inner = mentionStartingAt(t, k + 1, comma - 1);
    if (inner?.kind === "name" && inner.last === comma - 1) {
      const described = mentionEndingAt(t, k - 1, lo);
      if (described && described.kind !== "name")
        return { ...inner, gender: inner.gender ?? described.gender, appositive: [described.first, k - 1] };
    }
    const mention = mentionEndingAt(t, k - 1, lo);
    if (mention && mention.kind !== "pronoun") return { ...mention, appositive: [k + 1, comma - 1] };
  }
  return null;
}

/** `"…," said Ahn.` / `The talks failed, said the minister.`: the subject after the verb. */
function attributeInverted(doc: Doc, s: Sentence, cue: Cue): Partial | null {
  // The content must end right before the verb: '"…," said Ahn', 'The talks failed, said Ahn'.
  const before = doc.tokens[cue.first - 1];
  if (!before || !(before.text === "," || before.kind === "quote")) return null;
  const mention = mentionStartingAt(doc.tokens, cue.last + 1, s.last);
  if (!mention || mention.kind === "pronoun" || !canSpeak(doc, mention)) return null;
  const parts = contentBefore(doc, s, cue.first - 1);
  if (!parts) return null;
  return { cue, mention, inherited: false, parts: [...parts, ...trailingQuotes(doc, s, mention.last + 1)] };
}

/** `According to the agency, …` / `…, according to Yonhap.` */
function attributeAccordingTo(doc: Doc, s: Sentence, cue: Cue): Partial | null {
  const t = doc.tokens;
  const mention = mentionStartingAt(t, cue.last + 1, s.last) ?? phraseUntilComma(doc, s, cue.last + 1);
  if (!mention) return null;
  const leading = firstUnquoted(doc, s) === cue.first;
  if (leading) {
    const start = t[mention.last + 1]?.text === "," ? mention.last + 2 : mention.last + 1;
    const end = clauseEnd(doc, s, start);
    return end >= start ? { cue, mention, inherited: false, parts: [[start, end]] } : null;
  }
  const parts = contentBefore(doc, s, cue.first - 1, true);
  return parts ? { cue, mention, inherited: false, parts } : null;
}

/** "according to a complaint filed by the S.E.C., …": the source phrase up to the comma. */
function phraseUntilComma(doc: Doc, s: Sentence, from: number): Mention | null {
  for (let n = from; n <= Math.min(s.last, from + 25); n++) {
    const token = doc.tokens[n] as Token;
    if (quoteAt(doc, n)) return null;
    if (token.text === "," || n === s.last) {
      const last = token.kind === "punct" ? n - 1 : n;
      return last >= from ? { ...describeMention(doc.tokens, from, last), kind: "organisation" } : null;
    }
  }
  return null;
}

/** `…, saying …` / `… and added that …`: the speaker is that of the clause the gerund hangs off. */
function attributeGerund(doc: Doc, s: Sentence, cue: Cue, earlier: Attribution[]): Partial | null {
  const previous = earlier.at(-1);
  const mention = previous?.mention ?? sentenceSubject(doc, s);
  if (!mention) return null;
  const start = contentStart(doc, s, cue);
  const end = clauseEnd(doc, s, start);
  if (end < start) return null;
  return { cue, mention, inherited: true, parts: [[start, end]] };
}

function withContent(
  doc: Doc,
  s: Sentence,
  cue: Cue,
  subject: Subject,
  allowBefore: boolean,
): Partial | null {
  const { mention, inherited } = subject;
  const after = contentAfter(doc, s, cue, isSubordinate(doc, s, mention.first));
  const before = allowBefore ? contentBeforeSubject(doc, s, mention.first) : null;
  // '"…," Ahn said in a speech at a forum.' — what follows the verb is circumstance, not content.
  const circumstance =
    before !== null && after !== null && CIRCUMSTANCE.has(doc.tokens[after[0]]?.lower ?? "");
  const quotedBefore =
    before !== null && isWholeQuote(doc, before) && doc.tokens[after?.[0] ?? -1]?.lower !== "that";
  if (after && !circumstance && !quotedBefore) return { cue, mention, inherited, parts: [after] };
  if (!before) return null;
  // "The talks failed, Ahn said." / "These employees, Stumpf explained, were underpaid."
  const tail = trailingQuotes(doc, s, cue.last + 1);
  const rest = tail.length > 0 || startsWithQuote(doc, before) ? tail : parentheticalTail(doc, s, cue);
  return { cue, mention, inherited, parts: [...before, ...rest] };
}

/** The content after the cue, or null when what follows is no statement (", clapping", "on Monday."). */
function contentAfter(doc: Doc, s: Sentence, cue: Cue, subordinate: boolean): TokenRange | null {
  const start = contentStart(doc, s, cue);
  if (doc.tokens[start]?.text === ",") return null;
  const end = clauseEnd(doc, s, start, subordinate);
  if (end < start) return null;
  return wordsIn(doc, start, end) >= 2 || quoteAt(doc, start) ? [start, end] : null;
}

/** Content before the subject needs a comma, colon or quotation between them. */
function contentBeforeSubject(doc: Doc, s: Sentence, subjectStart: number): TokenRange[] | null {
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

/** "Though she called it …, Clinton …": a subordinate clause's content ends at its comma. */
function isSubordinate(doc: Doc, s: Sentence, subjectStart: number): boolean {
  const opener = doc.tokens[subjectStart - 1];
  return subjectStart - 1 >= s.first && opener !== undefined && SUBORDINATORS.has(opener.lower);
}

const SUBORDINATORS = new Set(
  "though although while whereas when if because as after before since until unless once".split(" "),
);

/** "These employees, Stumpf explained earlier, were underpaid": the words after the parenthesis. */
function parentheticalTail(doc: Doc, s: Sentence, cue: Cue): TokenRange[] {
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

const CLAUSE_LINKS = new Set([
  "and",
  "but",
  "or",
  "so",
  "with",
  "which",
  "who",
  "where",
  "then",
  "as",
  "while",
]);

function isWholeQuote(doc: Doc, parts: TokenRange[]): boolean {
  const first = parts[0];
  if (parts.length !== 1 || !first) return false;
  const quote = quoteAt(doc, first[0]);
  return quote !== null && quote.first === first[0] && quote.last === first[1];
}

function startsWithQuote(doc: Doc, parts: TokenRange[]): boolean {
  const first = parts[0];
  return first !== undefined && quoteAt(doc, first[0]) !== null;
}

const isPlainWord = (t: Token | undefined) =>
  t !== undefined && t.kind === "word" && !t.cap && t.lower !== "and";

function wordsIn(doc: Doc, first: number, last: number): number {
  let n = 0;
  for (let i = first; i <= last; i++) {
    const kind = doc.tokens[i]?.kind;
    if (kind === "word" || kind === "number") n++;
  }
  return n;
}

const CIRCUMSTANCE = new Set([
  "in",
  "at",
  "during",
  "on",
  "before",
  "after",
  "while",
  "following",
  "from",
  "via",
  "through",
  "when",
  "as",
  "outside",
  "inside",
  "to",
]);

/** Where the content starts after a cue: past the addressee, time and place, "that" kept. */
function contentStart(doc: Doc, s: Sentence, cue: Cue): number {
  const t = doc.tokens;
  let k = cue.last + 1;
  if (cue.verb && ADDRESSEE_FIRST.has(cue.verb.lemma)) k = skipAddressee(doc, k, s.last);
  for (let guard = 0; guard < 12 && k <= s.last; guard++) {
    const token = t[k] as Token;
    if (SUBJECT_VERB_FILLERS.has(token.lower) || TIME_WORDS.has(token.lower)) k++;
    else if (
      (token.lower === "on" || token.lower === "last" || token.lower === "this") &&
      TIME_WORDS.has(t[k + 1]?.lower ?? "")
    )
      k += 2;
    // "said on July 3, 2015, that …", "said two years ago that …"
    else if (token.kind === "number" && TIME_WORDS.has(t[k - 1]?.lower ?? "")) k++;
    else if (token.text === "," && YEAR.test(t[k + 1]?.text ?? "") && t[k + 2]?.text === ",") k += 3;
    else if (PERIOD_UNITS.has(t[k + 1]?.lower ?? "") && t[k + 2]?.lower === "ago") k += 3;
    else if (token.text === ":" || (token.text === "," && t[k + 1]?.kind === "quote")) k++;
    else if (startsCircumstance(doc, k, s.last)) k = skipToThat(doc, k, s.last);
    else break;
  }
  return k;
}

const YEAR = /^(1[89]|20)\d\d$/;

/** Verbs whose addressee comes before the content: "told reporters (that) …". */
const ADDRESSEE_FIRST = new Set(["tell", "assure", "remind", "inform"]);

/** "in a statement that…", "at a briefing that…": a phrase before "that" is circumstance. */
function startsCircumstance(doc: Doc, k: number, last: number): boolean {
  const lower = doc.tokens[k]?.lower ?? "";
  if (
    ![
      "in",
      "at",
      "during",
      "on",
      "via",
      "through",
      "over",
      "from",
      "with",
      "to",
      "before",
      "of",
      "about",
    ].includes(lower)
  )
    return false;
  return skipToThat(doc, k, last) !== k;
}

function skipToThat(doc: Doc, k: number, last: number): number {
  for (let n = k + 1; n <= Math.min(last, k + 14); n++) {
    const token = doc.tokens[n] as Token;
    if (quoteAt(doc, n)) return /^[,:]$/.test(doc.tokens[n - 1]?.text ?? "") ? n : k;
    if (token.text === "." || token.text === ";" || token.text === "," || cueAt(doc.tokens, n)) return k;
    if (token.text === ":") return n + 1;
    if (token.lower === "that" && !PREPOSITIONS.has(doc.tokens[n - 1]?.lower ?? "")) return n;
  }
  return k;
}

/** "told reporters", "told The Washington Post", "urged the North": the addressee is not content. */
function skipAddressee(doc: Doc, k: number, last: number): number {
  const t = doc.tokens;
  if (OBJECT_PRONOUNS.has(t[k]?.lower ?? "")) return k + 1;
  const addressee = mentionStartingAt(t, k, last);
  return addressee ? addressee.last + 1 : k;
}

/** The last token of the clause starting at `k`: before the full stop, ", according to", ", he said". */
function clauseEnd(doc: Doc, s: Sentence, k: number, subordinate = false): number {
  const t = doc.tokens;
  let end = k - 1;
  for (let n = k; n <= s.last; n++) {
    const quote = quoteAt(doc, n);
    if (quote) {
      n = quoteRegionEnd(quote);
      end = n;
      continue;
    }
    const token = t[n] as Token;
    // In a subordinate clause ("when he said …, …") the first comma ends the content, unless a
    // quotation follows it: 'when he said that under Obama, "the generals …"'.
    if (token.text === "," && ((subordinate && !quoteAt(doc, n + 1)) || closesClause(doc, s, n))) break;
    if (token.text === ";") break;
    if ((token.lower === "and" || token.lower === "but") && cueAt(t, n + 1)?.verb?.form === "past") break;
    if (token.kind === "dash" || token.text === "(") {
      if (closesClause(doc, s, n)) break;
    }
    end = n;
  }
  while (end >= k && /^[.,;:!?—–-]$/.test(t[end]?.text ?? "") && !quoteAt(doc, end)) end--;
  return end;
}

const COORDINATORS = new Set(["but", "and", "while", "whereas", "although", "though", "yet"]);

/** A comma that a new attribution follows: ", he said", ", according to", ", adding that". */
function closesClause(doc: Doc, s: Sentence, comma: number): boolean {
  const t = doc.tokens;
  const next = t[comma + 1];
  if (!next) return true;
  if (CONTENT_BOUNDARY_GERUNDS.has(next.lower)) return true;
  if (next.lower === "according" && t[comma + 2]?.lower === "to") return true;
  if (cueAt(t, comma + 1) && !next.lower.endsWith("ing")) return true;
  // ", but Mrs. Clinton would …" / ", and he …": a new clause with its own subject.
  if (COORDINATORS.has(next.lower) && t[comma + 2]?.lower !== "that") {
    const subject = mentionStartingAt(t, comma + 2, s.last);
    if (subject && (subject.kind === "name" || subject.kind === "pronoun" || next.lower !== "and"))
      return true;
  }
  const mention = mentionStartingAt(t, comma + 1, s.last);
  if (mention && mention.last - mention.first < 8) {
    const after = skipFillersRight(t, mention.last + 1, s.last);
    if (after <= s.last && cueAt(t, after) && !(t[after + 1] && t[after + 1]?.lower === "that")) {
      const tail = t[after + 1];
      return (
        !tail ||
        /^[.,;:!?]$/.test(tail.text) ||
        tail.kind === "quote" ||
        TIME_WORDS.has(tail.lower) ||
        tail.lower === "in" ||
        tail.lower === "on"
      );
    }
  }
  return false;
}

/** The content before the attribution: from the sentence's start to just before `end`. */
function contentBefore(doc: Doc, s: Sentence, end: number, afterBreak = false): TokenRange[] | null {
  const t = doc.tokens;
  let last = end;
  while (last >= s.first && /^[,:;—–-]$/.test(t[last]?.text ?? "") && !quoteAt(doc, last)) last--;
  let first = afterBreak ? lastBreakBefore(doc, s, last) : afterDateline(doc, s);
  const opener = t[first];
  if (opener && /^[-—–(]$/.test(opener.text)) first++;
  if (last < first) return null;
  const quote = quoteAt(doc, first);
  if (quote && quoteRegionEnd(quote) >= last - 1) return [[quote.first, quote.last]];
  return [[first, last]];
}

/** "SEOUL — …", "WASHINGTON, Nov. 3 (Reuters) -- …": a dateline is not part of what was said. */
function afterDateline(doc: Doc, s: Sentence): number {
  const t = doc.tokens;
  for (let n = s.first; n <= Math.min(s.last, s.first + 10); n++) {
    const token = t[n] as Token;
    if (token.kind === "dash") return n > s.first ? n + 1 : s.first;
    const datelike = token.cap || token.kind === "number" || /^[.,()]$/.test(token.text);
    if (!datelike || quoteAt(doc, n)) return s.first;
  }
  return s.first;
}

/** "…, about why the other side is wrong - which it often is, according to Scott": after the dash. */
function lastBreakBefore(doc: Doc, s: Sentence, last: number): number {
  for (let n = last; n > s.first; n--) {
    const token = doc.tokens[n] as Token;
    if (!quoteAt(doc, n) && (token.kind === "dash" || token.text === ";" || token.text === ":")) return n + 1;
  }
  return s.first;
}

/** `"…," said Ahn, "…"`: quotations after the attribution in the same sentence continue it. */
function trailingQuotes(doc: Doc, s: Sentence, from: number): TokenRange[] {
  const parts: TokenRange[] = [];
  for (let n = from; n <= Math.min(s.last, from + 8); n++) {
    const token = doc.tokens[n] as Token;
    if (quoteAt(doc, n) || TERMINAL.has(token.text) || (n > from && cueAt(doc.tokens, n))) break;
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

function skipFillersLeft(t: Token[], j: number, lo: number): number {
  let k = j;
  while (k >= lo) {
    const token = t[k] as Token;
    if (SUBJECT_VERB_FILLERS.has(token.lower) || TIME_WORDS.has(token.lower)) k--;
    else if (
      (token.lower === "on" || token.lower === "last" || token.lower === "this") &&
      TIME_WORDS.has(t[k + 1]?.lower ?? "")
    )
      k--;
    else if (token.kind === "number" && TIME_WORDS.has(t[k - 1]?.lower ?? "")) k--;
    // "who in 2010 said": a year between the subject and its verb.
    else if (token.kind === "number" && /^(1[89]|20)\d\d$/.test(token.text) && t[k - 1]?.lower === "in")
      k -= 2;
    else if (token.text === "." && !token.spaceBefore && TIME_WORDS.has(t[k - 1]?.lower ?? "")) k--;
    else break;
  }
  return k;
}

function skipFillersRight(t: Token[], k: number, hi: number): number {
  let n = k;
  while (n <= hi && (SUBJECT_VERB_FILLERS.has(t[n]?.lower ?? "") || TIME_WORDS.has(t[n]?.lower ?? ""))) n++;
  return n;
}
