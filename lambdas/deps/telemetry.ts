import type { Logger } from "@aws-lambda-powertools/logger";
import { DeliveryMetrics } from "../adapters/delivery-metrics.ts";
import { redactingLogger } from "../adapters/redacting-logger.ts";

/** What a delivery function logs with and counts in: Powertools' Logger and Metrics. */
export interface Telemetry {
  /** Structured JSON lines, addresses redacted. */
  logger: Logger;
  /** Counts per issue, as CloudWatch metrics (EMF). */
  metrics: DeliveryMetrics;
}

/** The logger and metrics of one function, named by its service (`send-worker`, `sweeper`, …). */
export function telemetryFor(service: string): Telemetry {
  return { logger: redactingLogger(service), metrics: new DeliveryMetrics(service) };
}
