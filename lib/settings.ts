import type { Node } from "constructs";
import { z } from "zod";

/**
 * The deployment's settings, read from CDK context (`cdk.json`, or `-c name=value`), with the
 * defaults documented there. Validated before anything is built, so a typo fails the synth.
 */
const Settings = z.object({
  sender: z.string().regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, "sender must be an email address"),
  scheduleExpression: z
    .string()
    .regex(/^(cron|rate)\(.+\)$/, "scheduleExpression must be cron(...) or rate(...)"),
  scheduleTimeZone: z
    .string()
    .refine(isTimeZone, "scheduleTimeZone must be an IANA time zone, e.g. Europe/Berlin"),
  feedPollSchedule: z
    .string()
    .regex(/^(cron|rate)\(.+\)$/, "feedPollSchedule must be cron(...) or rate(...)"),
  sendRate: z.coerce.number().positive().optional(),
  sendConcurrency: z.coerce.number().int().min(1).max(20),
  publicUrl: z.url().optional(),
  alarmEmail: z.email().optional(),
  senderIdentity: z.enum(["create", "existing"]),
  postalAddress: z
    .string()
    .trim()
    .min(1, "postalAddress is required: bulk mail must carry the sender's postal address"),
  senderName: z.string().trim().min(1),
  /** PBKDF2 iterations of the sign-up form's proof-of-work check (ALTCHA); absent: no check. */
  signupChallengeCost: z.coerce.number().int().positive().optional(),
  /** CloudFront with AWS WAF's rate-based rules in front of the web API. */
  webEdge: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]),
});

export type PipelineSettings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS = {
  scheduleExpression: "cron(0 7 ? * MON *)",
  scheduleTimeZone: "UTC",
  feedPollSchedule: "rate(30 minutes)",
  sendConcurrency: 2,
  senderIdentity: "create",
  senderName: "onrecord",
  webEdge: false,
} as const;

/** The settings a deployment must give, what each is, and an example of giving it with `-c`. */
export const REQUIRED_SETTINGS = {
  sender: { what: "the From address of every issue", example: "sender=digest@example.org" },
  postalAddress: {
    what: "the sender's postal address, printed in every issue's footer",
    example: 'postalAddress="1 Example Street, Riverton, 12345"',
  },
} as const;

/** Settings a deployment lacks or gets wrong, each named (a synth stops on them, before building anything). */
export class SettingsError extends Error {
  constructor(
    readonly missing: string[],
    readonly invalid: string[],
  ) {
    super(
      `onrecord settings: ${[
        ...(missing.length > 0 ? [`missing ${missing.join(", ")}`] : []),
        ...invalid,
      ].join("; ")}`,
    );
    this.name = "SettingsError";
  }
}

/**
 * The deployment's settings from context, defaults filled in.
 * @throws {SettingsError} naming every missing or invalid setting.
 */
export function settingsFrom(node: Node): PipelineSettings {
  const read = (name: string) => {
    const value = node.tryGetContext(name);
    return value === "" || value === null ? undefined : value;
  };
  const raw = Object.fromEntries(Object.keys(Settings.shape).map((name) => [name, read(name)]));
  const given = { ...DEFAULT_SETTINGS, ...withoutUndefined(raw) } as Record<string, unknown>;
  const parsed = Settings.safeParse(given);
  if (!parsed.success) {
    const name = (i: z.core.$ZodIssue) => i.path.join(".");
    const absent = (i: z.core.$ZodIssue) => given[name(i)] === undefined;
    throw new SettingsError(
      parsed.error.issues.filter(absent).map(name),
      parsed.error.issues
        .filter((i) => !absent(i))
        .map((i) => (i.message.startsWith(name(i)) ? i.message : `${name(i)}: ${i.message}`)),
    );
  }
  return parsed.data;
}

function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
