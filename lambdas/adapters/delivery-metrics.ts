import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import { METRICS_NAMESPACE } from "./emf-metrics.ts";

/** What the delivery functions count, per issue (metric `Deliveries` + the name, capitalised). */
export type DeliveryCount = "queued" | "sent" | "rejected" | "retried" | "reconciled" | "unfinished";

/**
 * Delivery counts per issue as CloudWatch metrics through Powertools' embedded metric format:
 * `onrecord/DeliveriesSent` and its siblings, with the dimensions `service` (the function) and
 * `issue`. Counts are kept during an invocation and written at its end, one EMF line per issue.
 * @example
 * const metrics = new DeliveryMetrics("send-worker");
 * metrics.add("2026-W47", { sent: 48, rejected: 1, retried: 1 });
 * metrics.publish();
 */
export class DeliveryMetrics {
  private readonly byIssue = new Map<string, Partial<Record<DeliveryCount, number>>>();

  constructor(private readonly service: string) {}

  add(issueId: string, counts: Partial<Record<DeliveryCount, number>>): void {
    const kept = this.byIssue.get(issueId) ?? {};
    for (const [name, n] of Object.entries(counts) as [DeliveryCount, number][])
      kept[name] = (kept[name] ?? 0) + n;
    this.byIssue.set(issueId, kept);
  }

  /** Writes what was counted since the last publish. */
  publish(): void {
    for (const [issueId, counts] of this.byIssue) {
      const metrics = new Metrics({
        namespace: METRICS_NAMESPACE,
        serviceName: this.service,
        defaultDimensions: { issue: issueId },
      });
      for (const [name, n] of Object.entries(counts))
        metrics.addMetric(`Deliveries${name[0]?.toUpperCase()}${name.slice(1)}`, MetricUnit.Count, n);
      metrics.publishStoredMetrics();
    }
    this.byIssue.clear();
  }
}
