import { DynamoDeliveryStore } from "../adapters/dynamo-delivery-store.ts";
import { deliveryReport } from "../app/delivery-report.ts";
import { readConfig } from "../config.ts";
import { openTarget } from "./pipeline-target.ts";

/** Prints an issue's deliveries by state. */
export async function runStatus(week: string, format: "text" | "json"): Promise<void> {
  const target = await openTarget();
  try {
    const store =
      target.kind === "aws"
        ? new DynamoDeliveryStore(
            readConfig(["ONRECORD_DELIVERIES_TABLE"], target.env).ONRECORD_DELIVERIES_TABLE,
          )
        : new DynamoDeliveryStore(target.stack.env.ONRECORD_DELIVERIES_TABLE ?? "", target.stack.dynamo);
    const totals = await store.count(week);
    process.stdout.write(
      format === "json" ? `${JSON.stringify({ issueId: week, totals })}\n` : deliveryReport(week, totals),
    );
  } finally {
    if (target.kind === "local") await target.stack.close();
  }
}
