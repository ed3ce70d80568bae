import type { AlsoQuoted, Digest, Official, OtherSource, StoredArticle } from "../types.ts";
import { deduplicateStatements, mergeWithinArticles } from "./deduplicate.ts";
import { DEFAULT_MIN_CONFIDENCE, isDoubtful, outOfEmail } from "./email-worthy.ts";
import { chooseAffiliation, chooseName, chooseRole, chooseTitle } from "./identity.ts";
import { isOffRecord, memoisedHints } from "./on-record.ts";
import {
  prominenceOf,
  type RankedStatement,
  rankStatements,
  type SeenBefore,
  seenInPrevious,
} from "./rank.ts";
import { type OtherGroup, type PersonGroup, resolveOfficials } from "./resolve-officials.ts";
import { officeWeight } from "./roles.ts";
import { memoisedSignature, type TextSignature } from "./similarity.ts";
import { summariseOfficial } from "./summarise.ts";
import { articlesInWindow, checkWindow, gatherWindow, type SourcedStatement } from "./window.ts";

export { DigestWindowError } from "./window.ts";

export interface ComposeDigestInput {
  articles: readonly StoredArticle[];
  /** First and last day of the window, ISO `YYYY-MM-DD`, both included. */
  from: string;
  to: string;
  /** IANA time zone the window's days are in; default UTC. */
  timeZone?: string;
  /** The issue before this one, so that statements it carried rank below new ones. */
  previous?: Digest | null;
  /** How sure an attribution must be for the email (default 0.8); the archive shows the rest, marked. */
  minConfidence?: number;
}

/**
 * Composes a window's digest: gathers the statements of the articles dated within it, resolves
 * who said them across articles, merges the same statement reported by several outlets, ranks
 * officials by prominence and their statements by importance, and sums each official up in a
 * sentence. Agencies, media, polls and unnamed sources go to `others`, never to `officials`.
 *
 * @throws {DigestWindowError} for a malformed window or an unknown time zone.
 * @example
 * composeDigest({ articles, from: "2025-12-22", to: "2025-12-28" }).officials[0]?.name // "Ahn Gyu-back"
 */
export function composeDigest(input: ComposeDigestInput): Digest {
  const window = checkWindow(input.from, input.to, input.timeZone);
  const minConfidence = input.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const gathered = gatherWindow(input.articles, window);
  // Attributions doubtful on two counts are printed nowhere: nobody is listed on their strength.
  const hintsOf = memoisedHints();
  const onRecord = gathered.filter((g) => !isOffRecord(g, hintsOf));
  const printable = onRecord.filter((g) => !isDoubtful(g.statement, minConfidence));
  const week = articlesInWindow(input.articles, window);
  // What the week's articles call people is read in all of them, not only those quoting them.
  const resolution = resolveOfficials(printable, week);
  const context: Context = {
    seenBefore: seenInPrevious(input.previous),
    signatureOf: memoisedSignature(),
    from: window.from,
    minConfidence,
  };
  const officials = byProminence(resolution.officials.map((g) => composeOfficial(g, context)));
  const alsoQuoted = byProminence(resolution.alsoQuoted.map((g) => composeAlsoQuoted(g, context)));
  const others = byProminence(resolution.others.map((g) => composeOther(g, context)));
  const kept = [...officials, ...alsoQuoted, ...others].reduce((n, o) => n + o.value.statements.length, 0);
  return {
    from: window.from,
    to: window.to,
    officials: officials.map((o) => o.value),
    alsoQuoted: alsoQuoted.map((o) => o.value),
    others: others.map((o) => o.value),
    stats: {
      articles: week.length,
      statements: gathered.length,
      offRecord: gathered.length - onRecord.length,
      doubtful: onRecord.length - printable.length,
      merged: printable.length - kept,
    },
  };
}

interface Prominent<T> {
  value: T;
  prominence: number;
}

/** What every source's statements are judged with in one composition. */
interface Context {
  seenBefore: SeenBefore;
  signatureOf: (text: string) => TextSignature;
  /** The window's first day: words said before it are not this week's news. */
  from: string;
  minConfidence: number;
}

function composeOfficial(group: PersonGroup, context: Context): Prominent<Official> {
  const ranked = forTheEmail(mergeAndRank(group.items, context), context);
  const name = chooseName(group.names);
  const { title, affiliation } = group.roles
    ? chooseRole(group.roles, chooseAffiliation(group.items.map((i) => i.statement.affiliation)))
    : {
        title: chooseTitle(group.titles),
        affiliation: chooseAffiliation(group.items.map((i) => i.statement.affiliation)),
      };
  const summary = summariseOfficial(
    name,
    title,
    ranked.map((r) => ({
      ...r.statement,
      cue: r.statement.cue ?? r.occurrences[0]?.statement.cue ?? null,
      email: r.statement.email !== false,
    })),
    new Set(group.items.map((i) => i.article.id)).size,
  );
  return {
    value: {
      name,
      title,
      affiliation,
      summary,
      statements: ranked.map((r) => r.statement),
    },
    prominence: prominenceOf(ranked, officeWeight(title)),
  };
}

function composeAlsoQuoted(group: PersonGroup, context: Context): Prominent<AlsoQuoted> {
  const ranked = mergeAndRank(group.items, context);
  const roles = (group.roles ?? []).map((r) => r.phrase);
  return {
    value: {
      name: chooseName(group.names),
      role: chooseTitle(roles),
      statements: ranked.map((r) => r.statement),
    },
    prominence: prominenceOf(ranked, 0),
  };
}

function composeOther(group: OtherGroup, context: Context): Prominent<OtherSource> {
  // The email shows others' words too: they pass the same confidence and date rules.
  const ranked = forTheEmail(mergeAndRank(group.items, context), context);
  return {
    value: {
      name: group.name,
      sourceType: group.sourceType,
      statements: ranked.map((r) => r.statement),
      ...(group.unattributed && { unattributed: true as const }),
    },
    prominence: prominenceOf(ranked, 0),
  };
}

/**
 * The email's order: the statements it shows first, most important first, then those it leaves
 * out, each marked `email: false` with why (said earlier, or attributed without enough confidence).
 */
function forTheEmail(ranked: RankedStatement[], context: Context): RankedStatement[] {
  const shown: RankedStatement[] = [];
  const left: RankedStatement[] = [];
  for (const r of ranked) {
    const why = outOfEmail(
      r.occurrences.map((o) => o.statement),
      context.from,
      context.minConfidence,
    );
    if (why) left.push({ ...r, statement: { ...r.statement, email: false, why } });
    else shown.push(r);
  }
  return [...shown, ...left];
}

function mergeAndRank(items: readonly SourcedStatement[], context: Context): RankedStatement[] {
  const merged = deduplicateStatements(mergeWithinArticles(items), context.signatureOf);
  return rankStatements(merged, context.seenBefore);
}

function byProminence<T extends { name: string }>(list: Prominent<T>[]): Prominent<T>[] {
  return [...list].sort(
    (a, b) =>
      b.prominence - a.prominence || (a.value.name < b.value.name ? -1 : a.value.name > b.value.name ? 1 : 0),
  );
}
