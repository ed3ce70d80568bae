import { html } from "hono/html";
import type { StoredIssue } from "../../ports.ts";
import { issueSample } from "./issue.ts";
import { type Html, type Page, page } from "./layout.ts";
import { challengeOn, sitePath } from "./site-path.ts";

export interface SubscribeFormState {
  /** What was typed, shown again after an error. */
  value?: string;
  error?: string;
}

/**
 * The sign-up form: a labelled email field and a button, posted as a plain form. An error is
 * tied to the field (`aria-describedby`, `aria-invalid`) and announced (`role="alert"`).
 */
export function subscribeForm({ value = "", error }: SubscribeFormState = {}): Html {
  const describedBy = error ? "email-hint email-error" : "email-hint";
  return html`<form class="subscribe" method="post" action="${sitePath("/subscribe")}">
  <label for="email">Your email address</label>
  <p id="email-hint" class="hint">We send one email a week. You can leave with one click.</p>
  ${error ? html`<p id="email-error" class="error" role="alert">${error}</p>` : ""}
  <div class="field">
    <input id="email" name="email" type="email" inputmode="email" autocomplete="email" required maxlength="254"
      spellcheck="false" autocapitalize="off" value="${value}" aria-describedby="${describedBy}"${error ? html` aria-invalid="true"` : ""}>
    <button type="submit">Subscribe</button>
  </div>
  ${challengeOn() ? challengeWidget() : ""}
</form>`;
}

/**
 * The proof-of-work check (ALTCHA), when it is on: it works while the address is typed and puts
 * its solution in the form's `altcha` field. Its script and styles come from the site itself.
 */
function challengeWidget(): Html {
  return html`<link rel="stylesheet" href="${sitePath("/assets/altcha.css")}">
  <script type="module" src="${sitePath("/assets/altcha.js")}"></script>
  <script type="module" src="${sitePath("/assets/altcha-setup.js")}"></script>
  <altcha-widget challenge="${sitePath("/challenge")}" auto="onload" name="altcha"></altcha-widget>
  <noscript><p class="hint">The sign-up form checks that it is used by a person with a moment of work in the
  browser, which needs JavaScript.</p></noscript>`;
}

/** `GET /`: what onrecord is, how often it comes, the form, and a sample of the latest issue. */
export function subscribePage(latest: StoredIssue | null, form: SubscribeFormState = {}): Page {
  return page({
    title: form.error ? "Error: check your address" : "What officials said, on the record",
    main: html`<section class="intro">
  <h1>What officials said, on the record</h1>
  <p class="lede">Every Monday, onrecord gathers the past week's statements by ministers, ambassadors,
  spokespeople and other officials, as the news reported them: direct quotes, partial quotes and
  reported speech, with the same statement from several outlets merged, ranked by what matters, and
  each linked to its sources.</p>
  <ul class="facts">
    <li><strong>How often:</strong> one email a week, on Monday morning.</li>
    <li><strong>What we keep:</strong> your address, and when and from where you subscribed and confirmed. Nothing else.</li>
    <li><strong>Leaving:</strong> one click, from any issue.</li>
  </ul>
  ${subscribeForm(form)}
</section>
<section class="sample" aria-labelledby="sample-heading">
  <h2 id="sample-heading">From the latest issue</h2>
  ${latest ? issueSample(latest) : html`<p>The first issue has not been published yet.</p>`}
</section>`,
  });
}

/** After `POST /subscribe`, whatever the address's standing: never reveals whether it was known. */
export function checkInboxPage(): Page {
  return page({
    title: "Check your inbox",
    main: html`<h1>Check your inbox</h1>
<p class="lede">If the address can receive onrecord, a confirmation email is on its way. Open the link in it
to start your subscription; the link works for 7 days.</p>
<p>Nothing there after a few minutes? Look in the spam folder, or <a href="${sitePath("/")}">try again</a> in ten minutes.</p>`,
  });
}

/** Too many sign-ups from one client in a short time. */
export function tooManyRequestsPage(retryAfterSeconds: number): Page {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return page({
    title: "Too many sign-ups",
    main: html`<h1>Too many sign-ups from here</h1>
<p class="lede">We received many sign-ups from your network in a short time.
Please try again in ${minutes} minute${minutes === 1 ? "" : "s"}.</p>`,
  });
}
