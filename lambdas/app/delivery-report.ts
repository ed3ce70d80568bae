import type { DeliveryCounts } from "../ports.ts";
import type { ComposeIssueResult } from "./compose-issue.ts";

/** The states a delivery can be in, in the order a report lists them. */
const STATES = ["queued", "claimed", "sending", "retry", "sent", "rejected", "skipped"] as const;

/** How many of an issue's deliveries are not final yet. */
export function unfinishedOf(counts: DeliveryCounts): number {
  return counts.queued + counts.claimed + counts.sending + counts.retry;
}

/**
 * An issue's delivery report as lines of text: the issue's totals by state (every run's), the
 * rows of the earlier version apart, and, when given, what this run did, labelled apart.
 * @example
 * deliveryReport("2026-W47", counts)
 * // "2026-W47 deliveries (the issue's totals): 160 sent, 0 rejected, …"
 */
export function deliveryReport(
  issueId: string,
  totals: DeliveryCounts,
  run?: ComposeIssueResult["run"],
): string {
  const lines: string[] = [];
  if (run)
    lines.push(
      `this run: ${run.queuedNew} queued for the first time, ${run.queuedAgain} queued again (not finished before), ${run.alreadyFinal} already done, ${run.sentBeforeUpgrade} dealt with by the earlier version`,
    );
  const byState = STATES.map((s) => `${totals[s]} ${s}`).join(", ");
  lines.push(`${issueId} deliveries (the issue's totals): ${byState}; ${unfinishedOf(totals)} unfinished`);
  const legacy = totals.legacy;
  if (legacy.sent + legacy.claimed + legacy.rejected > 0)
    lines.push(
      `  written by the earlier version (by address): ${legacy.sent} sent, ${legacy.rejected} rejected, ${legacy.claimed} claimed (may have been sent; never sent again)`,
    );
  return `${lines.join("\n")}\n`;
}
