import { proseStartOffset } from "../article.ts";
import type { Article, DigestSource, DigestStatement, Statement, StatementKind } from "../types.ts";
import {
  isCutOf,
  NearDuplicateIndex,
  sameAroundSharedQuote,
  sharedQuoteKeys,
  type TextSignature,
  textSignature,
} from "./similarity.ts";
import type { SourcedStatement } from "./window.ts";

/** One statement after merging: the rendering shown, and every occurrence it stands for. */
export interface MergedStatement {
  statement: DigestStatement;
  occurrences: SourcedStatement[];
  /** The shown rendering's content words, for ranking and for comparing with a previous issue. */
  content: string[];
  /** How early it first appears in an article, 0 (lead) to 1 (last line). */
  position: number;
}

/** Quotes whose attribution sits between them stay one utterance across a gap at most this long. */
const MAX_ATTRIBUTION_GAP = 160;
/** Below this many distinct statements, probing every word is cheaper than ranking words by rarity. */
const SMALL_GROUP = 32;
const DOUBLE_QUOTES = /["“”„«»]/g;

/**
 * Makes one statement of what one article gives as several for one utterance of one speaker:
 * pieces an attribution split (`"I love these libraries," Reyes said. "But love does not pay
 * the heating bill."`), and a part given again on its own inside the whole ("that the county
 * would not pay for the bridge" inside "he had told Corbett … that the county would not pay for
 * the bridge").
 */
export function mergeWithinArticles(items: readonly SourcedStatement[]): SourcedStatement[] {
  const ordered = [...items].sort(
    (a, b) =>
      compare(a.article.id, b.article.id) ||
      a.statement.start - b.statement.start ||
      b.statement.end - a.statement.end,
  );
  const merged: SourcedStatement[] = [];
  for (const item of ordered) {
    const previous = merged.at(-1);
    if (previous && liesWithin(item, previous)) continue;
    if (previous && continuesUtterance(previous, item))
      merged[merged.length - 1] = joinPieces(previous, item);
    else merged.push(item);
  }
  return merged;
}

function liesWithin(inner: SourcedStatement, outer: SourcedStatement): boolean {
  return inner.article.id === outer.article.id && inner.statement.end <= outer.statement.end;
}

function continuesUtterance(first: SourcedStatement, next: SourcedStatement): boolean {
  if (first.article.id !== next.article.id) return false;
  if (first.statement.kind !== "direct" || next.statement.kind !== "direct") return false;
  // Words said at another time ("In July, she had said …") are another utterance.
  if (first.statement.said !== next.statement.said) return false;
  if (next.statement.start < first.statement.end) return false;
  const gap = first.article.body.slice(first.statement.end, next.statement.start);
  return (
    gap.length <= MAX_ATTRIBUTION_GAP && !/\n\s*\n/.test(gap) && (gap.match(DOUBLE_QUOTES)?.length ?? 0) <= 2
  );
}

function joinPieces(first: SourcedStatement, next: SourcedStatement): SourcedStatement {
  const head = first.statement.text.trimEnd().replace(/[,;:]$/, "");
  const tail = next.statement.text.trimStart();
  const glue = /[.!?…]$/.test(head) ? " " : /^\p{Lu}/u.test(tail) ? ". " : ", ";
  const statement: Statement = {
    ...first.statement,
    end: next.statement.end,
    parts: [...first.statement.parts, ...next.statement.parts],
    text: `${head}${glue}${tail}`,
    cue: first.statement.cue ?? next.statement.cue,
    // One utterance is as sure as its least sure piece.
    confidence: Math.min(first.statement.confidence, next.statement.confidence),
  };
  return { ...first, statement };
}

interface Variant {
  signature: TextSignature;
  items: SourcedStatement[];
}

/**
 * Merges the statements of one source that are the same statement: the same words carried by
 * several outlets, or near-identical renderings of them (content-word overlap, or a partial quote
 * inside a fuller rendering). Each result lists every article it appeared in.
 */
export function deduplicateStatements(
  items: readonly SourcedStatement[],
  signatureOf: (text: string) => TextSignature = textSignature,
): MergedStatement[] {
  const variants = new Map<string, Variant>();
  for (const item of items) {
    const signature = signatureOf(item.statement.text);
    const variant = variants.get(signature.key);
    if (variant) variant.items.push(item);
    else variants.set(signature.key, { signature, items: [item] });
  }
  const frequency = new Map<string, number>();
  for (const { signature } of variants.values()) {
    for (const token of signature.content) frequency.set(token, (frequency.get(token) ?? 0) + 1);
  }
  // Longest first, so that each probe is no longer than what it is compared with.
  const ordered = [...variants.values()].sort(
    (a, b) =>
      b.signature.content.length - a.signature.content.length || compare(a.signature.key, b.signature.key),
  );
  // A few statements are compared word by word; only many need the rarest-words shortcut.
  const small = ordered.length < SMALL_GROUP;
  const index = new NearDuplicateIndex<Variant[]>((token) => frequency.get(token) ?? 0);
  const byQuote = new Map<string, { cluster: Variant[]; content: Set<string> }>();
  const clusters: Variant[][] = [];
  for (const variant of ordered) {
    const quotes = quoteKeysOf(variant);
    const cluster =
      index.best(variant.signature.content, small) ??
      sharingQuote(variant, quotes, byQuote) ??
      // A cut of a fuller rendering, word for word: the same tweet quoted in part.
      index.containing(variant.signature.content, (c) =>
        isCutOf(variant.signature.key, c[0]?.signature.key ?? ""),
      );
    if (cluster) cluster.push(variant);
    else {
      const fresh = [variant];
      clusters.push(fresh);
      index.add(variant.signature.content, fresh);
      const content = new Set(variant.signature.content);
      for (const key of quotes) if (!byQuote.has(key)) byQuote.set(key, { cluster: fresh, content });
    }
  }
  return clusters.map(toMergedStatement);
}

function quoteKeysOf(variant: Variant): string[] {
  const first = variant.items[0]?.statement;
  return first ? sharedQuoteKeys(first.text, first.kind, variant.signature) : [];
}

/**
 * A statement rewritten by another outlet around the same quoted words ("had entered “a more
 * dangerous phase” after a fresh series of launches") is the same statement, though too
 * reworded for the overlap test; a bare quote of those words is too.
 */
function sharingQuote(
  variant: Variant,
  quotes: readonly string[],
  byQuote: ReadonlyMap<string, { cluster: Variant[]; content: Set<string> }>,
): Variant[] | null {
  for (const key of quotes) {
    const found = byQuote.get(key);
    if (!found) continue;
    if (key === variant.signature.key || sameAroundSharedQuote(variant.signature.content, found.content)) {
      return found.cluster;
    }
  }
  return null;
}

const KIND_PREFERENCE: Record<StatementKind, number> = { direct: 0, mixed: 1, indirect: 2 };

/** Shows the rendering that quotes most directly, then the most widely carried, then the fullest. */
function toMergedStatement(cluster: Variant[]): MergedStatement {
  const best = cluster.reduce((a, b) => (preferVariant(b, a) ? b : a));
  const shown = mostDirect(best.items).statement;
  const occurrences = cluster.flatMap((v) => v.items);
  let position = 1;
  for (const { statement, article } of occurrences) {
    position = Math.min(position, statement.start / Math.max(1, article.body.length));
  }
  return {
    statement: {
      text: shown.text,
      kind: shown.kind,
      sources: sourcesOf(occurrences),
      ...(shown.cue ? { cue: shown.cue } : {}),
    },
    occurrences,
    content: best.signature.content,
    position,
  };
}

function mostDirect(items: SourcedStatement[]): SourcedStatement {
  return items.reduce((a, b) =>
    KIND_PREFERENCE[b.statement.kind] < KIND_PREFERENCE[a.statement.kind] ? b : a,
  );
}

function preferVariant(a: Variant, b: Variant): boolean {
  const kindA = KIND_PREFERENCE[mostDirect(a.items).statement.kind];
  const kindB = KIND_PREFERENCE[mostDirect(b.items).statement.kind];
  if (kindA !== kindB) return kindA < kindB;
  if (a.items.length !== b.items.length) return a.items.length > b.items.length;
  return a.signature.key.length > b.signature.key.length;
}

/** Every article a statement appeared in, once each, oldest first. */
export function sourcesOf(occurrences: readonly SourcedStatement[]): DigestSource[] {
  const byArticle = new Map<string, DigestSource>();
  for (const { article, day } of occurrences) {
    if (byArticle.has(article.id)) continue;
    byArticle.set(article.id, {
      article: article.id,
      title: article.title,
      ...(article.title ? {} : { lead: leadOf(article) }),
      outlet: article.outlet,
      date: day,
      url: article.url,
    });
  }
  return [...byArticle.values()].sort(
    (a, b) =>
      compare(a.date ?? "", b.date ?? "") ||
      compare(a.outlet ?? "", b.outlet ?? "") ||
      compare(a.article, b.article),
  );
}

/** Words of an article's opening that stand for its headline when it has none. */
const LEAD_WORDS = 10;

// Each article's opening is read once, however many of its statements are listed.
const leads = new WeakMap<Article, string>();

/** "RIVERTON (AP) — Mayor Daniel Reyes began the week …": the article's first words. */
function leadOf(article: Article): string {
  const known = leads.get(article);
  if (known !== undefined) return known;
  // The "date YYYY-MM-DD" prefix of a plain-text article is metadata, not its opening words.
  const from = proseStartOffset(article.body);
  const words = article.body
    .slice(from, from + 300)
    .trim()
    .split(/\s+/, LEAD_WORDS + 1)
    .filter(Boolean);
  const first = words.slice(0, LEAD_WORDS).join(" ");
  const lead = words.length > LEAD_WORDS ? `${first.replace(/[,;:]$/, "")} …` : first;
  leads.set(article, lead);
  return lead;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
