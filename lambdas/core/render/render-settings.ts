import { z } from "zod";

/** Settings that shape an issue, validated once; every one but the postal address has a default. */
export const RenderSettingsSchema = z.object({
  /** The sender's postal address, which bulk mail must carry (CAN-SPAM, and Gmail's rules). */
  postalAddress: z.string().trim().min(1, "a postal address is required for bulk mail"),
  senderName: z.string().trim().min(1).default("onrecord"),
  /** Where this issue is archived in full; the email links to it when set. */
  archiveUrl: z
    .url({ protocol: /^https?$/ })
    .nullish()
    .default(null),
  /** Why the reader receives the email, shown in the footer. */
  reason: z
    .string()
    .trim()
    .min(1)
    .default(
      "You receive this email because you subscribed to the onrecord weekly digest and confirmed your address.",
    ),
  maxOfficials: z.int().positive().default(10),
  maxStatements: z.int().positive().default(3),
  /** Longer statements are cut at a sentence boundary; the archive has them whole. */
  maxStatementChars: z.int().min(80).default(480),
  maxSources: z.int().positive().default(3),
  /** Statements from agencies, media and unnamed sources shown after the officials. */
  maxOthers: z.int().nonnegative().default(4),
});

export type RenderSettingsInput = z.input<typeof RenderSettingsSchema>;
export type RenderSettings = z.output<typeof RenderSettingsSchema>;

/** Settings that cannot render an issue: names the setting and what is wrong with it. */
export class RenderSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RenderSettingsError";
  }
}

/**
 * Validates render settings and fills in defaults.
 * @throws {RenderSettingsError} naming every bad setting.
 */
export function parseRenderSettings(input: RenderSettingsInput): RenderSettings {
  const parsed = RenderSettingsSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "settings"}: ${i.message}`);
    throw new RenderSettingsError(`cannot render the digest: ${problems.join("; ")}`);
  }
  return parsed.data;
}
