import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import { Hono } from "hono/tiny";
import type { IssueArchive } from "../ports.ts";
import { SITE_CSS } from "./assets.ts";
import { atomFeed, FEED_ISSUES } from "./feed.ts";
import { archivePage, issuePage } from "./pages/issue.ts";
import {
  badRequestPage,
  confirmedPage,
  confirmProblemPage,
  methodNotAllowedPage,
  notFoundPage,
  serverErrorPage,
  unsubscribeButtonPage,
  unsubscribedPage,
  unsubscribeProblemPage,
} from "./pages/messages.ts";
import { checkInboxPage, subscribePage, tooManyRequestsPage } from "./pages/subscribe.ts";
import type { Subscriptions } from "./subscriptions.ts";

export interface WebAppDeps {
  subscriptions: Subscriptions;
  archive: IssueArchive;
  /** Base URL of the app, for the feed's absolute links. */
  publicUrl: string;
  /** The client's address as the platform saw it (API Gateway's sourceIp, the socket's peer). */
  clientIp: (c: Context) => string;
  /** Where failures are reported; never given an address or a token. */
  logError?: (error: unknown) => void;
}

/** A sign-up form is tiny; anything much bigger is not one. */
const MAX_FORM_BYTES = 8 * 1024;
const ISSUE_ID = /^\d{4}-W\d{2}$/;
const ARCHIVE_SIZE = 200;
/** Methods each path answers; any other gets 405 with `Allow`. */
const ALLOWED: Record<string, string[]> = {
  "/": ["GET", "HEAD"],
  "/subscribe": ["POST"],
  "/confirm": ["GET", "HEAD"],
  "/unsubscribe": ["GET", "HEAD", "POST"],
  "/archive": ["GET", "HEAD"],
  "/feed.xml": ["GET", "HEAD"],
  "/assets/site.css": ["GET", "HEAD"],
};

/**
 * The subscriber-facing web app: the subscribe page, confirmation and unsubscribe links (RFC 8058
 * one-click included), and the archive and feed of past issues. The same app runs on Lambda behind
 * API Gateway and on Node locally; it holds no state between requests.
 */
export function createWebApp(deps: WebAppDeps): Hono {
  const app = new Hono();
  const { subscriptions, archive } = deps;
  app.use(secureHeaders({ contentSecurityPolicy: CSP, referrerPolicy: "no-referrer" }));
  app.use("*", async (c, next) => {
    await next();
    if (!c.res.headers.has("Cache-Control")) c.header("Cache-Control", "no-store");
  });

  app.get("/", async (c) => c.html(subscribePage(await latestIssue(archive))));

  app.post("/subscribe", formLimit(), async (c) => {
    const email = (await c.req.parseBody()).email;
    const result = await subscriptions.subscribe(typeof email === "string" ? email : "", deps.clientIp(c));
    if (result.kind === "invalid") {
      const value = typeof email === "string" ? email.slice(0, 254) : "";
      return c.html(subscribePage(await latestIssue(archive), { value, error: result.message }), 400);
    }
    if (result.kind === "rate-limited") {
      c.header("Retry-After", String(result.retryAfterSeconds));
      return c.html(tooManyRequestsPage(result.retryAfterSeconds), 429);
    }
    return c.html(checkInboxPage());
  });

  app.get("/confirm", async (c) => {
    // Link checkers and previewers probe with HEAD: only a real visit confirms.
    if (c.req.method === "HEAD") return c.body(null, 200);
    const result = await subscriptions.confirm(tokenOf(c), deps.clientIp(c));
    if (result.kind === "confirmed" || result.kind === "already-confirmed") return c.html(confirmedPage());
    const problem = result.kind === "invalid" ? result.problem : "stale";
    return c.html(confirmProblemPage(problem), problem === "expired" || problem === "stale" ? 410 : 400);
  });

  app.get("/unsubscribe", async (c) => {
    const token = tokenOf(c);
    const result = await subscriptions.checkUnsubscribeLink(token);
    return result.kind === "valid" && token
      ? c.html(unsubscribeButtonPage(token))
      : c.html(unsubscribeProblemPage(), 400);
  });

  // RFC 8058: the mail client POSTs `List-Unsubscribe=One-Click` to the URL, without cookies; the
  // token in the URL is all the authority needed, and the answer is final.
  app.post("/unsubscribe", formLimit(), async (c) => {
    const result = await subscriptions.unsubscribe(tokenOf(c));
    return result.kind === "unsubscribed"
      ? c.html(unsubscribedPage())
      : c.html(unsubscribeProblemPage(), 400);
  });

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

  app.notFound((c) => {
    const allowed = ALLOWED[c.req.path];
    if (!allowed) return c.html(notFoundPage(), 404);
    c.header("Allow", allowed.join(", "));
    return c.html(methodNotAllowedPage(allowed), 405);
  });

  app.onError((error, c) => {
    (deps.logError ?? defaultLogError)(error);
    return c.html(serverErrorPage(), 500);
  });
  return app;
}

const CSP = {
  defaultSrc: ["'none'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
};

function formLimit() {
  return bodyLimit({
    maxSize: MAX_FORM_BYTES,
    onError: (c) => c.html(badRequestPage("The form sent was far larger than a sign-up form can be."), 413),
  });
}

/** The link's token; a link with several tokens is ambiguous and counts as having none. */
function tokenOf(c: Context): string | undefined {
  const tokens = c.req.queries("token") ?? [];
  return tokens.length === 1 ? tokens[0] : undefined;
}

async function latestIssue(archive: IssueArchive) {
  const [latest] = await archive.listRecent(1);
  return latest ? archive.get(latest.id) : null;
}

function defaultLogError(error: unknown): void {
  // Name and message only: requests carry addresses and tokens, which must not reach the logs.
  const { name, message } = error instanceof Error ? error : { name: "Error", message: String(error) };
  console.error(JSON.stringify({ level: "error", name, message: redactAddresses(message) }));
}

/**
 * Replaces anything shaped like an email address: some service errors quote the recipient
 * (SES: "Email address is not verified … failed the check: reader@example.org").
 */
export function redactAddresses(text: string): string {
  return text.replace(/[^\s@<>"(),;:]+@[^\s@<>"'(),;:]+/g, "<address>");
}
