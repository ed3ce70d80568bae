import { countMetric } from "../adapters/emf-metrics.ts";
import { type SweepDeps, type SweepResult, sweepDeliveries } from "../app/sweep-deliveries.ts";
import { sweeperDeps } from "../deps/sweeper.ts";
import { lazily } from "./events.ts";

/**
 * The scheduled sweeper (every 5 minutes): re-queues expired leases, `sending` rows past the
 * reconciler's bound and sendable rows whose batch never came, and publishes the rows still not
 * final an hour after they were queued (`onrecord/DeliveriesUnfinished`, which has an alarm).
 */
export function createHandler(deps: SweepDeps & { log?: (entry: Record<string, unknown>) => void }) {
  const log = deps.log ?? ((entry) => console.log(JSON.stringify(entry)));
  const unfinished = countMetric("sweeper", "DeliveriesUnfinished");
  return async (): Promise<SweepResult> => {
    const result = await sweepDeliveries(deps);
    unfinished.count(result.unfinished);
    unfinished.flush();
    log({ level: result.unfinished > 0 ? "WARN" : "INFO", message: "deliveries swept", ...result });
    return result;
  };
}

export const handler = lazily(() => createHandler(sweeperDeps(process.env)));
