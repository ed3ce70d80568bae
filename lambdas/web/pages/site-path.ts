import { tryGetContext } from "hono/context-storage";

/**
 * The app's own links, under the path of its public URL: served at `https://host/news`, the
 * archive is `/news/archive`, not `/archive`. The path is the request's (set by `createWebApp`),
 * so one process may serve apps at several paths; outside a request it is the root.
 * @example
 * sitePath("/archive") // "/news/archive" when the public URL is https://example.org/news
 */
export function sitePath(path: string): string {
  const base = (tryGetContext()?.var as { basePath?: string } | undefined)?.basePath ?? "";
  return `${base}${path}`;
}

/** Whether the sign-up form carries the proof-of-work challenge (set per request, like the path). */
export function challengeOn(): boolean {
  return (tryGetContext()?.var as { challenge?: boolean } | undefined)?.challenge === true;
}

/** The path a public URL puts the app under, without a trailing slash ("" for the root). */
export function basePathOf(publicUrl: string): string {
  if (!URL.canParse(publicUrl)) return "";
  return new URL(publicUrl).pathname.replace(/\/+$/, "");
}
