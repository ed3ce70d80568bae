import { html } from "hono/html";
import { sitePath } from "./site-path.ts";

/** A fragment of escaped HTML, as `html` returns it. */
export type Html = ReturnType<typeof html>;

/** A whole page, ready to send. */
export type Page = string;

export interface PageOptions {
  title: string;
  main: Html;
  /** Extra lines for `<head>`, such as the feed link. */
  head?: Html;
}

/**
 * The frame of every page: readable on a phone (viewport, fluid width, large tap targets), usable
 * by keyboard (skip link, visible focus), and whole without JavaScript. Everything interpolated is
 * escaped by `html`; nothing here builds markup from strings.
 */
export function page({ title, main, head }: PageOptions): Page {
  const markup = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · onrecord</title>
<meta name="description" content="A weekly email of what officials said on the record, each statement linked to its sources.">
<link rel="stylesheet" href="${sitePath("/assets/site.css")}">
<link rel="alternate" type="application/atom+xml" title="onrecord issues" href="${sitePath("/feed.xml")}">
${head ?? ""}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site">
  <a class="brand" href="${sitePath("/")}">onrecord</a>
  <nav aria-label="Site"><ul>
    <li><a href="${sitePath("/")}">Subscribe</a></li>
    <li><a href="${sitePath("/archive")}">Archive</a></li>
    <li><a href="${sitePath("/feed.xml")}">Feed</a></li>
  </ul></nav>
</header>
<main id="main" tabindex="-1">
${main}
</main>
<footer class="site">
  <p>onrecord: what officials said on the record, every week. Every email carries a one-click unsubscribe link.</p>
</footer>
</body>
</html>`;
  // A plain string: @hono/node-server writes one straight to the socket, while the String object
  // `html` returns goes through a web Response and its stream.
  if (markup instanceof Promise) throw new TypeError("a page was built from a promise");
  return markup.toString();
}
