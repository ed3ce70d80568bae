import { html } from "hono/html";
import type { TokenProblem } from "../../core/subscribers/tokens.ts";
import { type Page, page } from "./layout.ts";
import { sitePath } from "./site-path.ts";
import { subscribeForm } from "./subscribe.ts";

const CONFIRM_PROBLEMS: Record<TokenProblem | "stale", { title: string; text: string }> = {
  expired: {
    title: "This confirmation link has expired",
    text: "Confirmation links work for 7 days. Enter your address again and we will send a new one.",
  },
  malformed: {
    title: "This confirmation link is incomplete",
    text: "The link may have been cut short when it was copied. Open it from the email again, or start over.",
  },
  tampered: {
    title: "This confirmation link is not valid",
    text: "The link has been changed since we sent it. Open it from the email again, or start over.",
  },
  stale: {
    title: "This confirmation link is no longer in use",
    text: "A newer confirmation was sent, or the address left the list since. Enter your address to start again.",
  },
};

/** The subscription is confirmed (or was already: a link clicked twice says the same). */
export function confirmedPage(): Page {
  return page({
    title: "You're subscribed",
    main: html`<h1>You're subscribed</h1>
<p class="lede">Thank you for confirming. The next issue arrives on Monday morning.</p>
<p>Meanwhile, <a href="${sitePath("/archive")}">read past issues</a>. Every email has a link to unsubscribe with one click.</p>`,
  });
}

/**
 * `GET /confirm`: one button. Opening the link confirms nothing, so a mail scanner that follows
 * every link cannot consent for anybody; the token rides in the form's action.
 */
export function confirmButtonPage(token: string): Page {
  return page({
    title: "Confirm your subscription",
    main: html`<h1>Confirm your subscription</h1>
<p class="lede">Press the button to start receiving onrecord: one email a week, on Monday morning.</p>
<form method="post" action="${sitePath(`/confirm?token=${encodeURIComponent(token)}`)}">
  <button type="submit">Confirm my subscription</button>
</form>
<p>Did not ask for this? Close this page: nothing happens until the button is pressed.</p>`,
  });
}

/** A cross-site form post: refused, whatever it carried. */
export function forbiddenPage(): Page {
  return page({
    title: "Refused",
    main: html`<h1>This form was sent from another site</h1>
<p class="lede">onrecord only takes sign-ups and confirmations from its own pages. Nothing was done.
<a href="${sitePath("/")}">Subscribe here</a> instead.</p>`,
  });
}

/** A request that reached the app around its CDN and firewall (the API's own endpoint). */
export function forbiddenOriginPage(): Page {
  return page({
    title: "Refused",
    main: html`<h1>This address is not served directly</h1>
<p class="lede">Please use onrecord's own address. Nothing was done.</p>`,
  });
}

/** A confirmation link that cannot confirm: says why, and offers the form to start again. */
export function confirmProblemPage(problem: TokenProblem | "stale"): Page {
  const { title, text } = CONFIRM_PROBLEMS[problem];
  return page({ title, main: html`<h1>${title}</h1><p class="lede">${text}</p>${subscribeForm()}` });
}

/** `GET /unsubscribe`: one button. The token rides in the form's action, so no cookie is needed. */
export function unsubscribeButtonPage(token: string): Page {
  return page({
    title: "Unsubscribe",
    main: html`<h1>Unsubscribe from onrecord?</h1>
<p class="lede">You will receive no more issues at this address.</p>
<form method="post" action="${sitePath(`/unsubscribe?token=${encodeURIComponent(token)}`)}">
  <button type="submit">Unsubscribe</button>
</form>`,
  });
}

/** Done: said the same on a second click, and for an address that had already left. */
export function unsubscribedPage(): Page {
  return page({
    title: "You're unsubscribed",
    main: html`<h1>You're unsubscribed</h1>
<p class="lede">You will receive no more issues. If you change your mind, subscribe again below: we will ask
you to confirm first.</p>
${subscribeForm()}`,
  });
}

/** An unsubscribe link that is cut or changed: nothing was done. */
export function unsubscribeProblemPage(): Page {
  return page({
    title: "This unsubscribe link is not valid",
    main: html`<h1>This unsubscribe link is not valid</h1>
<p class="lede">The link may have been cut short when it was copied. Please use the unsubscribe link in the
email itself: it works however old the email is.</p>`,
  });
}

export function notFoundPage(): Page {
  return page({
    title: "Not found",
    main: html`<h1>Nothing here</h1><p class="lede">There is no page at this address. <a href="${sitePath("/archive")}">Past issues</a> are in the archive.</p>`,
  });
}

export function methodNotAllowedPage(allowed: readonly string[]): Page {
  return page({
    title: "Method not allowed",
    main: html`<h1>That cannot be done here</h1><p class="lede">This address answers ${allowed.join(", ")} only.</p>`,
  });
}

export function serverErrorPage(): Page {
  return page({
    title: "Something went wrong",
    main: html`<h1>Something went wrong on our side</h1><p class="lede">Nothing was lost. Please try again in a minute.</p>`,
  });
}

export function badRequestPage(text: string): Page {
  return page({
    title: "Bad request",
    main: html`<h1>That request could not be read</h1><p class="lede">${text}</p>`,
  });
}
