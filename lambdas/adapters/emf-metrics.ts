import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";

/** The CloudWatch namespace of onrecord's own metrics. */
export const METRICS_NAMESPACE = "onrecord";

/** A count kept in memory during an invocation and written out at its end. */
export interface CountMetric {
  count: (n: number) => void;
  /** Writes what was counted (as one EMF log line that CloudWatch turns into the metric). */
  flush: () => void;
}

/**
 * A count metric in CloudWatch through Powertools' embedded metric format: the function logs one
 * JSON line per invocation and CloudWatch makes it a metric, with no API call on the way.
 * @example
 * const refused = countMetric("ingest", "ArticlesRefused"); refused.count(1); refused.flush();
 */
export function countMetric(service: string, name: string): CountMetric {
  const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: service });
  let counted = 0;
  return {
    count: (n) => {
      counted += n;
    },
    flush: () => {
      // Zero is written too: an alarm on the metric then sees data, not a gap.
      metrics.addMetric(name, MetricUnit.Count, counted);
      metrics.publishStoredMetrics();
      counted = 0;
    },
  };
}
