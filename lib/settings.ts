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
});

export type PipelineSettings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS = {
  scheduleExpression: "cron(0 7 ? * MON *)",
  scheduleTimeZone: "UTC",
  feedPollSchedule: "rate(30 minutes)",
  sendConcurrency: 2,
  senderIdentity: "create",
  senderName: "onrecord",
} as const;

export function settingsFrom(node: Node): PipelineSettings {
  const read = (name: string) => {
    const value = node.tryGetContext(name);
    return value === "" || value === null ? undefined : value;
  };
  const raw = Object.fromEntries(Object.keys(Settings.shape).map((name) => [name, read(name)]));
  const parsed = Settings.safeParse({ ...DEFAULT_SETTINGS, ...withoutUndefined(raw) });
  if (!parsed.success) {
    throw new Error(
      `onrecord context: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
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
