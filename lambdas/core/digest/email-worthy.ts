import type { Digest, OutOfEmail, StatementKind } from "../types.ts";

/** Statements an issue needs for the email by default: a week with none is not composed or sent. */
export const DEFAULT_MIN_STATEMENTS = 1;

/**
 * How sure an attribution must be for the email by default: of statements at 0.8, about 8 in 10
 * are right (the extractor's confidence is calibrated so).
 */
export const DEFAULT_MIN_CONFIDENCE = 0.8;

/**
 * Whether an attribution is doubtful on two counts, so that the digest prints it nowhere, not
 * even in the archive: the extractor is not sure enough of it for the email, and its words are
 * no whole statement (a clause cut from its sentence, a bracket opened or closed outside it, a
 * figure where a clause should begin: "of selling paper castles", "8 in Riverton"). Each defect
 * alone is common in words rightly attributed; together they are mostly a misread sentence. The
 * statement stays stored with its article; the digest counts it (`stats.doubtful`).
 * @example
 * isDoubtful({ text: "of misleading the council", cue: "accused", confidence: 0.2 }, 0.8) // true
 * isDoubtful({ text: "of a growing instability", cue: "warned", confidence: 0.4 }, 0.8) // false
 */
export function isDoubtful(
  statement: { text: string; cue?: string | null; kind?: StatementKind; confidence: number },
  minConfidence = DEFAULT_MIN_CONFIDENCE,
): boolean {
  return statement.confidence < minConfidence && isBroken(statement);
}

/**
 * Words that are no whole statement: cut from their sentence, a bracket unpaired, a figure first,
 * or reported words run on into the narration around them, which has a reporting clause of its
 * own ("Sources told the Courier, however, that she …", "… schools," Corbett said: …").
 */
function isBroken(statement: { text: string; cue?: string | null; kind?: StatementKind }): boolean {
  const clause = statement.text.trim();
  return (
    isCutClause(clause, statement.cue) ||
    /^\d/.test(clause) ||
    (clause.match(/\(/g)?.length ?? 0) !== (clause.match(/\)/g)?.length ?? 0) ||
    (statement.kind !== "direct" && NARRATED.test(clause))
  );
}

// A named subject and a reporting verb, outside the quoted words of reported speech.
const NARRATED = /(?:^|[\s,;])\p{Lu}[\p{L}.'’-]+\s+(?:said|says|told|tells|added|wrote)\b/u;

/** What the email needs to know of one statement's occurrences to decide whether it shows it. */
export interface Occurrence {
  text: string;
  cue?: string | null;
  confidence: number;
  said?: string;
}

/**
 * Whether a reported clause is cut from its sentence: it begins with a preposition or a
 * conjunction, unless its reporting verb carries it ("warned of a growing instability", "vowed
 * to fight on").
 * @example
 * isCutClause("of rigging the tender", "accused") // true
 * isCutClause("of a growing instability", "warned") // false
 * isCutClause("to fight on", "vowing") // false
 */
export function isCutClause(text: string, cue?: string | null): boolean {
  if (!CUT_CLAUSE.test(text)) return false;
  const verb = (cue ?? "").toLowerCase().split(/\s+/).at(-1) ?? "";
  if (/^to\s/.test(text)) return !TAKES_INFINITIVE.test(verb);
  return !(TAKES_PREPOSITION.test(verb) && /^(?:of|about|against|for|on|with)\s/.test(text));
}

// Reporting verbs, in any form, that take a preposition without an object: "warned of", "called for".
const TAKES_PREPOSITION =
  /^(?:warn|spoke|speak|talk|complain|boast|caution|argu|wrote|write|writing|testif|joke|joking|worr|call)/;
// Reporting verbs, in any form, whose content is an infinitive: "vowed to fight on", "pledged to back".
const TAKES_INFINITIVE =
  /^(?:vow|pledg|promis|threat|refus|plan|agre|offer|claim|hop|want|intend|swor|swear|seek|sought|decid|aim)/;

/** How a reported clause cut from its sentence begins: a preposition or a conjunction. */
export const CUT_CLAUSE =
  /^(?:to|of|on|for|about|with|from|in|at|by|both|and|but|or|as|while|after|before|because|than|into|over|during)\s/;

/**
 * Words in a headline's title case, every long word capitalised ("Plans She And Corbett Have
 * Made For Rebuilding The Bridge"): a headline's words, not a sentence the email can print.
 */
export function isHeadlineCase(text: string): boolean {
  const long = text.split(/\s+/).filter((w) => /^["“‘']?\p{L}{4}/u.test(w));
  return long.length >= 4 && long.every((w) => /^["“‘']?\p{Lu}/u.test(w));
}

/**
 * Why the email leaves a statement out, or null when it shows it: words said at an earlier time
 * than the window (every article carrying them says so: "said in July", "said at the time"), an
 * attribution no article makes with enough confidence, or a clause cut from its sentence or a
 * headline's title case. The archive shows it, marked.
 * @example
 * outOfEmail([{ text: "we will win", confidence: 1, said: "2016-07" }], "2016-10-03") // "earlier"
 * outOfEmail([{ text: "we will win", confidence: 0.4 }], "2016-10-03") // "lowConfidence"
 */
export function outOfEmail(
  occurrences: readonly Occurrence[],
  from: string,
  minConfidence = DEFAULT_MIN_CONFIDENCE,
): OutOfEmail | null {
  if (occurrences.length === 0) return null;
  if (occurrences.every((o) => saidBefore(o.said, from))) return "earlier";
  const confidence = Math.max(...occurrences.map((o) => o.confidence));
  if (confidence < minConfidence) return "lowConfidence";
  return occurrences.every((o) => isCutClause(o.text, o.cue) || isHeadlineCase(o.text)) ? "fragment" : null;
}

/** `said` is "earlier", or a year, month or day: before the window when it ends before `from` begins. */
function saidBefore(said: string | undefined, from: string): boolean {
  if (!said) return false;
  if (!/^\d{4}(-\d{2}){0,2}$/.test(said)) return true;
  return said < from.slice(0, said.length);
}

/**
 * How many statements of officials the email can show: those not marked `email: false` (said
 * earlier, or attributed with too little confidence).
 * @example
 * statementsForEmail({ from, to, officials: [] }) // 0
 */
export function statementsForEmail(digest: Digest): number {
  let n = 0;
  for (const official of digest.officials) for (const s of official.statements) if (s.email !== false) n++;
  return n;
}

/**
 * Why a week's digest is not worth an issue, or null when it is: fewer statements of officials
 * for the email than `minStatements`. The compose step, `send` and `digest` all say it so.
 * @example
 * noIssueReason(emptyDigest) // "no issue for 2026-11-16..2026-11-22: no statement of an official for the email (at least 1 needed)"
 */
export function noIssueReason(digest: Digest, minStatements = DEFAULT_MIN_STATEMENTS): string | null {
  const n = statementsForEmail(digest);
  if (n >= minStatements) return null;
  const have = n === 0 ? "no statement" : `only ${n} statement${n === 1 ? "" : "s"}`;
  return `no issue for ${digest.from}..${digest.to}: ${have} of an official for the email (at least ${minStatements} needed)`;
}
