import type { MiddlewareHandler } from "hono";
import { contextStorage } from "hono/context-storage";
import { etag } from "hono/etag";
import { secureHeaders } from "hono/secure-headers";
import { Hono } from "hono/tiny";
import { getPath } from "hono/utils/url";
import { requireEdge } from "./edge-origin.ts";
import { forbiddenPage, methodNotAllowedPage, notFoundPage, serverErrorPage } from "./pages/messages.ts";
import { basePathOf } from "./pages/site-path.ts";
import { addArchiveRoutes } from "./routes/archive-routes.ts";
import { addChallengeRoutes } from "./routes/challenge-routes.ts";
import { addSubscriptionRoutes } from "./routes/subscription-routes.ts";
import type { WebAppDeps } from "./web-app-deps.ts";

export type { WebAppDeps };

/** Methods each path answers; any other gets 405 with `Allow`. */
const ALLOWED: Record<string, string[]> = {
  "/": ["GET", "HEAD"],
  "/subscribe": ["POST"],
  "/confirm": ["GET", "HEAD", "POST"],
  "/unsubscribe": ["GET", "HEAD", "POST"],
  "/archive": ["GET", "HEAD"],
  "/feed.xml": ["GET", "HEAD"],
  "/assets/site.css": ["GET", "HEAD"],
  "/challenge": ["GET", "HEAD"],
};

/** Pages that are the same for every reader: public caching, `ETag`, `Last-Modified`, 304. */
const PUBLIC_PAGES = ["/", "/archive", "/archive/*", "/feed.xml"];

// No scripts at all, styles from the site only, forms posting only to the site, never framed.
const CSP = {
  defaultSrc: ["'none'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
};

/** With the sign-up challenge on: the widget's script and its worker, from the site only. */
const CSP_WITH_CHALLENGE = { ...CSP, scriptSrc: ["'self'"], workerSrc: ["'self'"], connectSrc: ["'self'"] };

/**
 * The subscriber-facing web app: the subscribe page, confirmation and unsubscribe links (RFC 8058
 * one-click included), and the archive and feed of past issues. The same app runs on Lambda behind
 * API Gateway and on Node locally; it holds no state between requests.
 */
export function createWebApp(deps: WebAppDeps): Hono {
  // Served under its public URL's path (https://host/news), the app answers there and at the
  // root alike, whether or not whatever fronts it strips the path; its links carry the path.
  const app = new Hono({ getPath: (request) => withoutBase(getPath(request), basePathOf(deps.publicUrl)) });
  app.use(contextStorage(), async (c, next) => {
    c.set("basePath" as never, basePathOf(deps.publicUrl) as never);
    c.set("challenge" as never, (deps.challenge !== undefined) as never);
    await next();
  });
  // `same-origin`: no other site ever sees a URL (links carry tokens), and the site's own forms
  // carry their Origin, which the cross-site check reads (under `no-referrer` it would be `null`).
  app.use(
    secureHeaders({
      contentSecurityPolicy: deps.challenge ? CSP_WITH_CHALLENGE : CSP,
      referrerPolicy: "same-origin",
    }),
  );
  app.use("*", async (c, next) => {
    await next();
    // On the response's own headers: `c.header` on a finished response copies it, body stream and
    // all (on Node, it also turns the adapter's plain-string response into a streamed one).
    if (!c.res.headers.has("Cache-Control")) c.res.headers.set("Cache-Control", "no-store");
  });
  if (deps.edgeSecret) app.use("*", requireEdge(deps.edgeSecret));
  app.use("*", refuseCrossSite(deps));
  // What is read, not changed, is the same for every reader: cacheable, and revalidated cheaply.
  for (const path of PUBLIC_PAGES) app.use(path, etag(), notModifiedSince());
  addSubscriptionRoutes(app, deps);
  addArchiveRoutes(app, deps);
  if (deps.challenge) addChallengeRoutes(app, deps.challenge);

  app.notFound((c) => {
    const allowed = c.req.path === "/challenge" && !deps.challenge ? undefined : ALLOWED[c.req.path];
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

/**
 * Refuses (403) a form posted from another site, so no web page can make its visitors' browsers
 * sign somebody up or confirm for them: `Sec-Fetch-Site: cross-site`, or an `Origin` that is not
 * the app's own. A request with neither (a script, a mail client) is served. `POST /unsubscribe`
 * is exempt: RFC 8058's one-click POST comes from mail providers, and its token is its authority.
 */
function refuseCrossSite(deps: WebAppDeps): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD" || c.req.path === "/unsubscribe") return next();
    const site = c.req.header("sec-fetch-site");
    const origin = c.req.header("origin");
    const own = new Set([originOf(deps.publicUrl), originOf(c.req.url)]);
    // A browser says `same-origin` only of a form on this very origin, whatever Origin it sends.
    const foreign = origin !== undefined && !own.has(origin) && site !== "same-origin";
    if (site === "cross-site" || foreign) return c.html(forbiddenPage(), 403);
    return next();
  };
}

/**
 * Answers 304 to `If-Modified-Since` when the page's `Last-Modified` is no later (RFC 9110: only
 * without `If-None-Match`, which the ETag middleware answers).
 */
function notModifiedSince(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const since = c.req.header("if-modified-since");
    const modified = c.res.headers.get("last-modified");
    if (!since || !modified || c.req.header("if-none-match") || c.res.status !== 200) return;
    if (Date.parse(modified) <= Date.parse(since)) {
      const headers = new Headers();
      for (const name of ["cache-control", "etag", "last-modified", "vary"]) {
        const value = c.res.headers.get(name);
        if (value) headers.set(name, value);
      }
      c.res = new Response(null, { status: 304, headers });
    }
  };
}

function withoutBase(path: string, base: string): string {
  if (base === "" || !(path === base || path.startsWith(`${base}/`))) return path;
  return path.slice(base.length) || "/";
}

function originOf(url: string): string | null {
  return URL.canParse(url) ? new URL(url).origin : null;
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
