import { createHash } from "node:crypto";
import type { Context, Hono } from "hono";
import type { IssueSummary } from "../../ports.ts";
import { SITE_CSS } from "../assets.ts";
import { atomFeed, FEED_ISSUES } from "../feed.ts";
import { archivePage, issuePage } from "../pages/issue.ts";
import { notFoundPage } from "../pages/messages.ts";
import type { WebAppDeps } from "../web-app-deps.ts";

/** How long a cache may keep a page before asking again (issues come weekly). */
const MAX_AGE_SECONDS = 300;

/**
 * Marks a page cacheable by anyone for a few minutes, modified when its newest issue was
 * composed; the ETag middleware adds the validator that conditional requests match.
 */
export function cacheFor(
  c: Context,
  composedAt: readonly string[],
  { revalidate = false }: { revalidate?: boolean } = {},
): void {
  // `revalidate`: kept, but asked about on every visit (the front page a person comes back to).
  c.header("Cache-Control", revalidate ? "public, no-cache" : `public, max-age=${MAX_AGE_SECONDS}`);
  const newest = [...composedAt].sort().at(-1);
  if (newest && !Number.isNaN(Date.parse(newest))) c.header("Last-Modified", new Date(newest).toUTCString());
}

/** Bumped when a page's markup changes, so that caches holding the old one fetch it again. */
const MARKUP_VERSION = "1";

/**
 * Sets the page's ETag from what it lists (an issue, once composed, never changes) and says
 * whether the client's `If-None-Match` already names it.
 */
function unchanged(c: Context, page: string, summaries: readonly IssueSummary[]): boolean {
  const digest = createHash("sha256")
    .update(`${MARKUP_VERSION}\0${page}\0${summaries.map((s) => `${s.id}@${s.composedAt}`).join(",")}`)
    .digest("base64url")
    .slice(0, 27);
  const tag = `"${digest}"`;
  c.header("ETag", tag);
  const asked = c.req.header("if-none-match");
  const named: string[] = asked?.match(/"[^"]*"/g) ?? [];
  return asked !== undefined && (asked.trim() === "*" || named.includes(tag));
}

/** Issue ids are ISO weeks; anything else is not looked up at all. */
const ISSUE_ID = /^\d{4}-W\d{2}$/;
/** Four years of weekly issues on one page. */
const ARCHIVE_SIZE = 200;

/** `/archive`, `/archive/{week}`, `/feed.xml` and the stylesheet: what is read, not changed. */
export function addArchiveRoutes(app: Hono, deps: WebAppDeps): void {
  const { archive } = deps;

  app.get("/archive", async (c) => {
    const summaries = await archive.listRecent(ARCHIVE_SIZE);
    cacheFor(
      c,
      summaries.map((s) => s.composedAt),
    );
    if (unchanged(c, "archive", summaries)) return c.body(null, 304);
    return c.html(archivePage(summaries));
  });

  app.get("/archive/:issue", async (c) => {
    const id = c.req.param("issue");
    const issue = ISSUE_ID.test(id) ? await archive.get(id) : null;
    if (!issue) return c.html(notFoundPage(), 404);
    cacheFor(c, [issue.composedAt]);
    return c.html(issuePage(issue));
  });

  app.get("/feed.xml", async (c) => {
    const summaries = await archive.listRecent(FEED_ISSUES);
    cacheFor(
      c,
      summaries.map((s) => s.composedAt),
    );
    // A feed reader asking again is answered from the list alone, before any issue is read.
    if (unchanged(c, `feed ${deps.publicUrl}`, summaries)) return c.body(null, 304);
    const issues = (await Promise.all(summaries.map((s) => archive.get(s.id)))).filter((i) => i !== null);
    c.header("Content-Type", "application/atom+xml; charset=utf-8");
    return c.body(atomFeed(issues, deps.publicUrl));
  });

  app.get("/assets/site.css", (c) => {
    c.header("Cache-Control", "public, max-age=3600");
    c.header("Content-Type", "text/css; charset=utf-8");
    return c.body(SITE_CSS);
  });
}
