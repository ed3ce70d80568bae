/**
 * Settings, read from the environment once and validated, so a misconfigured function fails at
 * start with a message naming the variable rather than halfway through a send. The CDK stack
 * sets these on each Lambda; the CLI reads the same names (see README, "Configuration").
 */
import { z } from "zod";

const positive = z.coerce.number().positive();

/** Every setting any part of onrecord reads, by environment variable. */
export const SETTINGS = {
  ONRECORD_ARTICLES_TABLE: z.string().min(1).describe("DynamoDB table of articles and their statements"),
  ONRECORD_SUBSCRIBERS_TABLE: z.string().min(1).describe("DynamoDB table of subscribers"),
  ONRECORD_DELIVERIES_TABLE: z.string().min(1).describe("DynamoDB table of per-recipient deliveries"),
  ONRECORD_ISSUES_TABLE: z.string().min(1).describe("DynamoDB table of composed issues"),
  ONRECORD_SEND_QUEUE_URL: z.url().describe("SQS queue of send batches"),
  ONRECORD_SENDER: z.string().min(3).describe("the From address, an SES-verified identity"),
  ONRECORD_CONFIGURATION_SET: z.string().min(1).optional().describe("SES configuration set for events"),
  ONRECORD_PUBLIC_URL: z.url().describe("base URL of the web app, for unsubscribe links"),
  ONRECORD_UNSUBSCRIBE_SECRET: z.string().min(16).optional().describe("HMAC key for unsubscribe tokens"),
  ONRECORD_UNSUBSCRIBE_SECRET_ARN: z.string().min(1).optional().describe("Secrets Manager ARN of that key"),
  ONRECORD_SEND_RATE: positive
    .optional()
    .describe("recipients per second across all workers (default: SES max)"),
  ONRECORD_SEND_CONCURRENCY: z.coerce
    .number()
    .int()
    .positive()
    .default(1)
    .describe("workers sharing the rate"),
  ONRECORD_TIME_ZONE: z.string().default("UTC").describe("time zone that decides which week is last week"),
} as const;

type Settings = typeof SETTINGS;
type SettingName = keyof Settings;

/** A misconfiguration: names each bad or missing variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/**
 * Reads and validates the named settings.
 * @throws {ConfigError} listing every variable that is missing or invalid.
 * @example
 * const { ONRECORD_ISSUES_TABLE } = readConfig(["ONRECORD_ISSUES_TABLE"]);
 */
export function readConfig<const K extends SettingName>(
  names: readonly K[],
  env: Record<string, string | undefined> = process.env,
): { [P in K]: z.output<Settings[P]> } {
  const shape = Object.fromEntries(names.map((n) => [n, SETTINGS[n]])) as { [P in K]: Settings[P] };
  const values = Object.fromEntries(names.map((n) => [n, env[n] === "" ? undefined : env[n]]));
  const parsed = z.object(shape).safeParse(values);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`onrecord is misconfigured: ${problems.join("; ")}`);
  }
  return parsed.data as { [P in K]: z.output<Settings[P]> };
}
