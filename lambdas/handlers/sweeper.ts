import { countMetric } from "../adapters/emf-metrics.ts";
import { type SweepDeps, type SweepResult, sweepDeliveries } from "../app/sweep-deliveries.ts";
import { sweeperDeps } from "../deps/sweeper.ts";
import { type Telemetry, telemetryFor } from "../deps/telemetry.ts";
import { lazily } from "./events.ts";

/**
 * The scheduled sweeper (every 5 minutes): re-queues expired leases, `sending` rows past the
 * reconciler's bound and sendable rows whose batch never came, and publishes the rows still not
 * final an hour after they were queued (`onrecord/DeliveriesUnfinished`, which has an alarm), in
 * all and per issue with what it reconciled and retried.
 */
export function createHandler(deps: SweepDeps & { telemetry?: Telemetry }) {
  const { logger, metrics } = deps.telemetry ?? telemetryFor("sweeper");
  const unfinished = countMetric("sweeper", "DeliveriesUnfinished");
  return async (): Promise<SweepResult> => {
    const result = await sweepDeliveries(deps);
    unfinished.count(result.unfinished);
    unfinished.flush();
    for (const [issueId, counts] of Object.entries(result.byIssue))
      metrics.add(issueId, {
        unfinished: counts.unfinished,
        reconciled: counts.reconciled,
        retried: counts.expiredClaims,
      });
    metrics.publish();
    (result.unfinished > 0 ? logger.warn : logger.info).call(logger, "deliveries swept", { ...result });
    return result;
  };
}

export const handler = lazily(() => createHandler(sweeperDeps(process.env)));
