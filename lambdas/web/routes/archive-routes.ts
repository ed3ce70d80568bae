import type { Hono } from "hono";
import { SITE_CSS } from "../assets.ts";
import { atomFeed, FEED_ISSUES } from "../feed.ts";
import { archivePage, issuePage } from "../pages/issue.ts";
import { notFoundPage } from "../pages/messages.ts";
import type { WebAppDeps } from "../web-app-deps.ts";

/** Issue ids are ISO weeks; anything else is not looked up at all. */
const ISSUE_ID = /^\d{4}-W\d{2}$/;
/** Four years of weekly issues on one page. */
const ARCHIVE_SIZE = 200;

/** `/archive`, `/archive/{week}`, `/feed.xml` and the stylesheet: what is read, not changed. */
export function addArchiveRoutes(app: Hono, deps: WebAppDeps): void {
  const { archive } = deps;

  app.get("/archive", async (c) => c.html(archivePage(await archive.listRecent(ARCHIVE_SIZE))));

  app.get("/archive/:issue", async (c) => {
    const id = c.req.param("issue");
    const issue = ISSUE_ID.test(id) ? await archive.get(id) : null;
    return issue ? c.html(issuePage(issue)) : c.html(notFoundPage(), 404);
  });

  app.get("/feed.xml", async (c) => {
    const summaries = await archive.listRecent(FEED_ISSUES);
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
