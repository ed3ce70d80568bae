import type { Context, Hono } from "hono";
import type { TokenProblem } from "../../core/subscribers/tokens.ts";
import type { IssueArchive } from "../../ports.ts";
import {
  badRequestPage,
  confirmButtonPage,
  confirmedPage,
  confirmProblemPage,
  unsubscribeButtonPage,
  unsubscribedPage,
  unsubscribeProblemPage,
} from "../pages/messages.ts";
import { checkInboxPage, subscribePage, tooManyRequestsPage } from "../pages/subscribe.ts";
import type { WebAppDeps } from "../web-app-deps.ts";
import { cacheFor } from "./archive-routes.ts";
import { limitBody, readForm } from "./form-body.ts";

/** The form was sent before the proof-of-work check finished, or with a stale or forged one. */
const CHALLENGE_UNSOLVED =
  "The check that this form is used by a person did not finish. Wait for its tick, then press Subscribe again.";

/** A sign-up form is tiny; anything much bigger is not one. */
const MAX_FORM_BYTES = 8 * 1024;

/** `/`, `/subscribe`, `/confirm` and `/unsubscribe`: a subscription from sign-up to leaving. */
export function addSubscriptionRoutes(app: Hono, deps: WebAppDeps): void {
  const { subscriptions, archive } = deps;

  app.get("/", async (c) => {
    const latest = await latestIssue(archive);
    cacheFor(c, latest ? [latest.composedAt] : [], { revalidate: true });
    return c.html(subscribePage(latest));
  });

  app.post("/subscribe", formLimit(), async (c) => {
    const form = await readForm(c);
    const email = form.email;
    if (deps.challenge && !(await deps.challenge.verify(form.altcha))) {
      const value = typeof email === "string" ? email.slice(0, 254) : "";
      return c.html(subscribePage(await latestIssue(archive), { value, error: CHALLENGE_UNSOLVED }), 400);
    }
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

  // Mail scanners and link previewers follow links with GET (and HEAD): the link shows a button,
  // and only the person pressing it confirms.
  app.get("/confirm", async (c) => {
    if (c.req.method === "HEAD") return c.body(null, 200);
    const token = tokenOf(c);
    const result = await subscriptions.checkConfirmLink(token);
    if (result.kind === "valid" && token) return c.html(confirmButtonPage(token));
    if (result.kind === "already-confirmed") return c.html(confirmedPage());
    return confirmProblem(c, result.kind === "invalid" ? result.problem : "stale");
  });

  app.post("/confirm", formLimit(), async (c) => {
    const result = await subscriptions.confirm(tokenOf(c), deps.clientIp(c));
    if (result.kind === "confirmed" || result.kind === "already-confirmed") return c.html(confirmedPage());
    return confirmProblem(c, result.kind === "invalid" ? result.problem : "stale");
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
}

function confirmProblem(c: Context, problem: TokenProblem | "stale") {
  return c.html(confirmProblemPage(problem), problem === "expired" || problem === "stale" ? 410 : 400);
}

function formLimit() {
  return limitBody(MAX_FORM_BYTES, (c) =>
    c.html(badRequestPage("The form sent was far larger than a sign-up form can be."), 413),
  );
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
