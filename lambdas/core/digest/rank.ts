import type { Digest } from "../types.ts";
import type { MergedStatement } from "./deduplicate.ts";
import { CUT_CLAUSE } from "./email-worthy.ts";
import { NearDuplicateIndex, textSignature } from "./similarity.ts";

/** A merged statement with how much it matters this week. */
export interface RankedStatement extends MergedStatement {
  importance: number;
  /** False when the previous issue already carried it. */
  isNew: boolean;
}

/** Content words past which a statement is no more substantive for being longer. */
const SUBSTANTIAL_WORDS = 12;
/** What carrying a statement in the previous issue costs it: old news sinks below new. */
const REPEAT_PENALTY = 2;

/** Tells whether a statement was in the previous issue. */
export type SeenBefore = (content: readonly string[]) => boolean;

/**
 * Indexes the statements of the previous issue, so that this week's can be judged new or not.
 * Returns a test that is always false when there is no previous issue.
 */
export function seenInPrevious(previous: Digest | null | undefined): SeenBefore {
  if (!previous) return () => false;
  const index = new NearDuplicateIndex<true>(() => 0);
  const groups = [...previous.officials, ...(previous.others ?? [])];
  for (const group of groups) {
    for (const s of group.statements) index.add(textSignature(s.text).content, true);
  }
  return (content) => index.best(content, true) !== null;
}

/**
 * Orders one source's statements, most important first. Important means substantive (enough
 * content words, not a two-word fragment), carried by several articles, early in its articles
 * (the lead carries the news), a direct quote, and new compared with the previous issue.
 */
export function rankStatements(
  merged: readonly MergedStatement[],
  seenBefore: SeenBefore,
): RankedStatement[] {
  return merged
    .map((m) => {
      const isNew = !seenBefore(m.content);
      return { ...m, isNew, importance: importanceOf(m, isNew) };
    })
    .sort((a, b) => b.importance - a.importance || (a.statement.text < b.statement.text ? -1 : 1));
}

function importanceOf(m: MergedStatement, isNew: boolean): number {
  const words = m.content.length;
  // Up to half a point: a fuller statement says more, but another outlet carrying it says more still.
  const substance = (0.5 * Math.min(words, SUBSTANTIAL_WORDS)) / SUBSTANTIAL_WORDS;
  // A clause cut from its sentence ("of rigging the tender", "to put Riverton first")
  // says less than a claim with its subject: the substance goes first.
  const fragmentPenalty = (words < 3 ? 0.5 : 0) + (CUT_CLAUSE.test(m.statement.text) ? 1 : 0);
  const coverage = Math.log2(1 + m.statement.sources.length);
  const lead = 0.5 * (1 - m.position);
  const quoted = m.statement.kind === "direct" ? 0.2 : 0;
  return substance - fragmentPenalty + coverage + lead + quoted - (isNew ? 0 : REPEAT_PENALTY);
}

/**
 * How prominent a source was in the window: the weight of the office it holds (a head of state
 * or a presidential nominee before a senator, a senator before a spokesman), how many articles
 * and outlets carried its words, and how many distinct things it said. Counts are taken on a
 * log scale, so one long feature quoting somebody twenty times does not outrank the President
 * quoted in three outlets.
 */
export function prominenceOf(statements: readonly RankedStatement[], office: number): number {
  const articles = new Set<string>();
  const outlets = new Set<string>();
  const saidIn = new Map<string, number>();
  for (const s of statements) {
    for (const source of s.statement.sources) {
      articles.add(source.article);
      outlets.add(source.outlet ?? source.article);
    }
    const first = s.statement.sources[0]?.article ?? "";
    saidIn.set(first, (saidIn.get(first) ?? 0) + 1);
  }
  // Distinct things said, counting no more of one article than an issue shows of an official:
  // a feature quoting somebody at length is one source of their words, not twenty.
  let said = 0;
  for (const n of saidIn.values()) said += Math.min(n, SAID_PER_ARTICLE);
  const weight = statements.slice(0, 3).reduce((sum, s) => sum + Math.max(0, s.importance), 0);
  return (
    office +
    2 * Math.log2(1 + articles.size) +
    Math.log2(1 + outlets.size) +
    Math.log2(1 + said) +
    0.25 * weight
  );
}

/** Statements of one article counted towards prominence: as many as an issue shows of an official. */
const SAID_PER_ARTICLE = 3;
