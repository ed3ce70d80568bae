import { type ComposeIssueDeps, composeIssue } from "../app/compose-issue.ts";
import { previousWeek } from "../app/iso-week.ts";
import { composeDeps } from "../deps/compose.ts";
import type { ComposeEvent } from "./events.ts";
import { lazily } from "./events.ts";

/**
 * The scheduled compose: the schedule passes the time it fired, and the issue covers the week
 * before it in the configured time zone (so a retry hours later still composes the same week).
 * `{ "week": "2026-W47" }` composes a given week.
 */
export function createHandler(deps: ComposeIssueDeps & { timeZone: string }) {
  return async (event: ComposeEvent) => {
    const fired = event.scheduledTime ? new Date(event.scheduledTime) : (deps.now?.() ?? new Date());
    const week = event.week ?? previousWeek(fired, deps.timeZone);
    const { issue: _issue, ...summary } = await composeIssue(week, deps);
    console.log(JSON.stringify({ message: summary.noIssue ? "no issue" : "issue queued", ...summary }));
    return summary;
  };
}

export const handler = lazily(() => createHandler(composeDeps(process.env)));
