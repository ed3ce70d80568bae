import { type ComposeIssueDeps, composeIssue } from "../app/compose-issue.ts";
import { previousWeek } from "../app/iso-week.ts";
import { composeDeps } from "../deps/compose.ts";
import { type Telemetry, telemetryFor } from "../deps/telemetry.ts";
import type { ComposeEvent } from "./events.ts";
import { lazily } from "./events.ts";

/**
 * The scheduled compose: the schedule passes the time it fired, and the issue covers the week
 * before it in the configured time zone (so a retry hours later still composes the same week).
 * `{ "week": "2026-W47" }` composes a given week. Its output is the delivery report (what this
 * run queued, and the issue's totals by state); the recipients it queued are counted per issue
 * (`onrecord/DeliveriesQueued`).
 */
export function createHandler(deps: ComposeIssueDeps & { timeZone: string; telemetry?: Telemetry }) {
  const { logger, metrics } = deps.telemetry ?? telemetryFor("compose");
  return async (event: ComposeEvent) => {
    const fired = event.scheduledTime ? new Date(event.scheduledTime) : (deps.now?.() ?? new Date());
    const week = event.week ?? previousWeek(fired, deps.timeZone);
    const { issue: _issue, ...summary } = await composeIssue(week, deps);
    if (!summary.noIssue) {
      metrics.add(week, { queued: summary.run.queuedNew + summary.run.queuedAgain });
      metrics.publish();
    }
    logger.info(summary.noIssue ? "no issue" : "issue queued", { ...summary });
    return summary;
  };
}

export const handler = lazily(() => createHandler(composeDeps(process.env)));
