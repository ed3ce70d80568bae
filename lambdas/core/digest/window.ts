import type { Article, Statement, StoredArticle } from "../types.ts";

/** A window that cannot be composed: a malformed date, `from` after `to`, an unknown time zone. */
export class DigestWindowError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DigestWindowError";
  }
}

/** The days a digest covers, both ends included, and the time zone those days are in. */
export interface DigestWindow {
  from: string;
  to: string;
  timeZone: string;
}

/** One statement with the article it came from: the unit every later stage works on. */
export interface SourcedStatement {
  statement: Statement;
  article: Article;
  /** The article's calendar day in the window's time zone. */
  day: string;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Checks a window and returns it with its time zone in canonical form.
 * @throws {DigestWindowError} naming what is wrong.
 */
export function checkWindow(from: string, to: string, timeZone = "UTC"): DigestWindow {
  for (const [name, day] of [
    ["from", from],
    ["to", to],
  ] as const) {
    if (!isIsoDay(day))
      throw new DigestWindowError(`${name} must be a date YYYY-MM-DD, got ${JSON.stringify(day)}`);
  }
  if (from > to) throw new DigestWindowError(`from (${from}) is after to (${to})`);
  let zone: string;
  try {
    zone = new Intl.DateTimeFormat("en-CA", { timeZone }).resolvedOptions().timeZone;
  } catch {
    throw new DigestWindowError(`unknown time zone ${JSON.stringify(timeZone)}`);
  }
  return { from, to, timeZone: zone };
}

function isIsoDay(day: string): boolean {
  if (!ISO_DAY.test(day)) return false;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day);
}

/**
 * The statements of every article dated within the window, in article order. A date-only
 * `publishedAt` is already a calendar day; a timestamp is placed on its day in the window's time
 * zone, so an article published late on Sunday in Seoul belongs to a Seoul-time week.
 * Articles with no date cannot be placed and are left out.
 */
export function gatherWindow(articles: readonly StoredArticle[], window: DigestWindow): SourcedStatement[] {
  const dayOf = dayInZone(window.timeZone);
  const gathered: SourcedStatement[] = [];
  for (const { article, statements } of articles) {
    const day = article.publishedAt ? dayOf(article.publishedAt) : null;
    if (!day || day < window.from || day > window.to) continue;
    for (const statement of statements) gathered.push({ statement, article, day });
  }
  return gathered;
}

/** The articles dated within the window, with or without statements: what the week wrote. */
export function articlesInWindow(articles: readonly StoredArticle[], window: DigestWindow): Article[] {
  const dayOf = dayInZone(window.timeZone);
  const within: Article[] = [];
  for (const { article } of articles) {
    const day = article.publishedAt ? dayOf(article.publishedAt) : null;
    if (day !== null && day >= window.from && day <= window.to) within.push(article);
  }
  return within;
}

function dayInZone(timeZone: string): (published: string) => string | null {
  const format = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  });
  return (published) => {
    if (ISO_DAY.test(published)) return published;
    const instant = new Date(published);
    if (Number.isNaN(instant.getTime())) return null;
    return format.format(instant);
  };
}
