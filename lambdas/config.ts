/**
 * Settings, read from the environment once and validated, so a misconfigured function fails at
 * start with a message naming the variable rather than halfway through a send. The CDK stack
 * sets these on each Lambda; the CLI reads the same names (see README, "Configuration").
 * Validation uses zod's small functional build (`zod/mini`): the send worker's bundle stays small.
 */
import * as z from "zod/mini";

const text = z.string().check(z.minLength(1));
const positive = z.coerce.number().check(z.positive());

/** Every setting any part of onrecord reads, by environment variable. */
export const SETTINGS = {
  /** DynamoDB table of articles and their statements. */
  ONRECORD_ARTICLES_TABLE: text,
  /** DynamoDB table of refused articles and their reasons. */
  ONRECORD_REFUSALS_TABLE: text,
  /** DynamoDB table of the feeds the poller reads. */
  ONRECORD_FEEDS_TABLE: text,
  /** DynamoDB table of feed items dealt with. */
  ONRECORD_FEED_ITEMS_TABLE: text,
  /** SQS FIFO queue of feed items for the fetcher. */
  ONRECORD_FETCH_QUEUE_URL: z.url(),
  /**
   * `true` lets the poller and fetcher connect to private and loopback addresses, as
   * `--allow-private-hosts` does: for tests against a local site only; the stack never sets it.
   */
  ONRECORD_ALLOW_PRIVATE_HOSTS: z._default(z.enum(["true", "false"]), "false"),
  /** DynamoDB table of subscribers. */
  ONRECORD_SUBSCRIBERS_TABLE: text,
  /** DynamoDB table of per-recipient deliveries. */
  ONRECORD_DELIVERIES_TABLE: text,
  /** DynamoDB table of composed issues. */
  ONRECORD_ISSUES_TABLE: text,
  /** DynamoDB table of the web app's rate-limit counters. */
  ONRECORD_RATE_LIMITS_TABLE: text,
  /** SQS queue of accepted sign-ups, for the confirmation worker. */
  ONRECORD_SIGNUP_QUEUE_URL: z.url(),
  /** SQS queue of send batches. */
  ONRECORD_SEND_QUEUE_URL: z.url(),
  /** The From address, an SES-verified identity. */
  ONRECORD_SENDER: z.string().check(z.minLength(3), z.regex(/^[^\r\n]+$/)),
  /** SES configuration set that routes bounces and complaints. */
  ONRECORD_CONFIGURATION_SET: z.optional(text),
  /** Base URL of the web app, for unsubscribe links. */
  ONRECORD_PUBLIC_URL: z.url(),
  /** HMAC key for unsubscribe links, given directly (local runs). */
  ONRECORD_UNSUBSCRIBE_SECRET: z.optional(z.string().check(z.minLength(16))),
  /** Secrets Manager ARN of that key (AWS). */
  ONRECORD_UNSUBSCRIBE_SECRET_ARN: z.optional(text),
  /** Keys that hash the addresses of people who left, one a line, the current first (local runs). */
  ONRECORD_ADDRESS_HASH_KEYS: z.optional(z.string().check(z.minLength(16))),
  /** Secrets Manager ARN of those keys (AWS). */
  ONRECORD_ADDRESS_HASH_KEYS_ARN: z.optional(text),
  /** PBKDF2 iterations of the sign-up form's proof-of-work check; unset: no check. */
  ONRECORD_SIGNUP_CHALLENGE_COST: z.optional(z.coerce.number().check(z.int(), z.positive())),
  /** Secrets Manager ARN of the header value CloudFront proves itself with, when it fronts the web app. */
  ONRECORD_EDGE_SECRET_ARN: z.optional(text),
  /** Recipients per second across all workers; default: SES's maximum send rate (GetAccount). */
  ONRECORD_SEND_RATE: z.optional(positive),
  /** Workers sending at once, which share the rate. */
  ONRECORD_SEND_CONCURRENCY: z._default(z.coerce.number().check(z.int(), z.positive()), 1),
  /** The sender's postal address, printed in every issue. */
  ONRECORD_POSTAL_ADDRESS: text,
  /** The name issues are signed with. */
  ONRECORD_SENDER_NAME: z._default(text, "onrecord"),
  /** Statements of officials a week's email must show to be sent at all. */
  ONRECORD_MIN_STATEMENTS: z._default(z.coerce.number().check(z.int(), z.positive()), 1),
  /** How sure an attribution must be for the email (0 to 1); the archive shows the rest, marked. */
  ONRECORD_MIN_CONFIDENCE: z._default(z.coerce.number().check(z.gte(0), z.lte(1)), 0.8),
  /** Time zone that decides which week is last week. */
  ONRECORD_TIME_ZONE: z._default(text, "UTC"),
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
  const parsed = z.safeParse(z.object(shape), values);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`onrecord is misconfigured: ${problems.join("; ")}`);
  }
  return parsed.data as { [P in K]: z.output<Settings[P]> };
}
