import { DynamoRefusalLog } from "../adapters/dynamo-refusal-log.ts";
import { REFUSAL_RECORD_DAYS } from "../adapters/dynamo-tables.ts";
import { readConfig } from "../config.ts";
import type { Refusal } from "../ports.ts";
import { openTarget } from "./pipeline-target.ts";

const DAY_MS = 86_400_000;

/** Prints the refusals since the day given, one line each: time, source, reason. */
export async function runRefused(options: { since?: string }, now = new Date()): Promise<void> {
  const target = await openTarget();
  try {
    const log =
      target.kind === "aws"
        ? new DynamoRefusalLog(readConfig(["ONRECORD_REFUSALS_TABLE"], target.env).ONRECORD_REFUSALS_TABLE)
        : new DynamoRefusalLog(target.stack.env.ONRECORD_REFUSALS_TABLE ?? "", target.stack.dynamo);
    // Refusals expire, so nothing older is there to read.
    const oldest = new Date(now.getTime() - REFUSAL_RECORD_DAYS * DAY_MS).toISOString().slice(0, 10);
    const since = options.since ?? new Date(now.getTime() - 30 * DAY_MS).toISOString().slice(0, 10);
    const refusals = await log.listSince([since, oldest].sort().at(-1) ?? since, now);
    process.stdout.write(formatRefusals(refusals, since));
  } finally {
    if (target.kind === "local") await target.stack.close();
  }
}

/** One line per refusal (`2026-11-21T09:00:00Z  s3://bucket/key  reason`), then a count. */
export function formatRefusals(refusals: readonly Refusal[], since: string): string {
  const lines = refusals.map((r) => `${r.at.replace(/\.\d{3}Z$/, "Z")}  ${r.source}  ${r.reason}`);
  return `${[...lines, `${refusals.length} refused since ${since}`].join("\n")}\n`;
}
