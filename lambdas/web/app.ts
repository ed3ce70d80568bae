import { secureHeaders } from "hono/secure-headers";
import { Hono } from "hono/tiny";
import { methodNotAllowedPage, notFoundPage, serverErrorPage } from "./pages/messages.ts";
import { addArchiveRoutes } from "./routes/archive-routes.ts";
import { addSubscriptionRoutes } from "./routes/subscription-routes.ts";
import type { WebAppDeps } from "./web-app-deps.ts";

export type { WebAppDeps };

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

// No scripts at all, styles from the site only, forms posting only to the site, never framed.
const CSP = {
  defaultSrc: ["'none'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
};

/**
 * The subscriber-facing web app: the subscribe page, confirmation and unsubscribe links (RFC 8058
 * one-click included), and the archive and feed of past issues. The same app runs on Lambda behind
 * API Gateway and on Node locally; it holds no state between requests.
 */
export function createWebApp(deps: WebAppDeps): Hono {
  const app = new Hono();
  app.use(secureHeaders({ contentSecurityPolicy: CSP, referrerPolicy: "no-referrer" }));
  app.use("*", async (c, next) => {
    await next();
    if (!c.res.headers.has("Cache-Control")) c.header("Cache-Control", "no-store");
  });
  addSubscriptionRoutes(app, deps);
  addArchiveRoutes(app, deps);

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
