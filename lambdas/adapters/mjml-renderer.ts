import mjml2html from "mjml";
import { escapeTemplateText } from "../core/render/escape.ts";
import { buildIssueModel, type IssueModel } from "../core/render/issue-model.ts";
import { personaliseIssueText, type Recipient, replacementDataFor } from "../core/render/placeholders.ts";
import type { RenderSettingsInput } from "../core/render/render-settings.ts";
import { renderIssueText } from "../core/render/render-text.ts";
import type { Digest, RenderedIssue } from "../core/types.ts";
import { buildDigestMjml } from "./digest-mjml.ts";
import { type DigestTemplates, loadDigestTemplates } from "./mjml-templates.ts";

export { PersonalisationError, PLACEHOLDERS, replacementDataFor } from "../core/render/placeholders.ts";

/** Gmail clips an HTML body longer than this; the default caps keep an issue well under it. */
export const GMAIL_CLIP_BYTES = 102 * 1024;

/** MJML that does not compile cleanly: the message lists each validation error with its line. */
export class MjmlCompileError extends Error {
  constructor(readonly errors: readonly { line?: number; message: string; tagName?: string }[]) {
    super(`MJML did not validate: ${errors.map((e) => `line ${e.line ?? "?"}: ${e.message}`).join("; ")}`);
    this.name = "MjmlCompileError";
  }
}

/** Compiles MJML to HTML; the default is mjml with strict validation. */
export type CompileMjml = (mjml: string) => Promise<string>;

export interface RenderDigestOptions {
  /** Templates to use instead of the project's `templates/` (e.g. bundled with a Lambda). */
  templates?: DigestTemplates;
  compile?: CompileMjml;
}

/**
 * Compiles MJML with strict validation: a template that produces invalid MJML fails loudly here,
 * not as a broken email in somebody's inbox.
 * @throws {MjmlCompileError} listing the validation errors.
 */
export const compileMjml: CompileMjml = async (mjml) => {
  try {
    const result = await mjml2html(mjml, { validationLevel: "strict" });
    if (result.errors.length > 0) throw new MjmlCompileError(result.errors);
    return result.html;
  } catch (error) {
    const details = (error as { errors?: MjmlCompileError["errors"] }).errors;
    if (!(error instanceof MjmlCompileError) && Array.isArray(details)) throw new MjmlCompileError(details);
    throw error;
  }
};

let projectTemplates: Promise<DigestTemplates> | null = null;

/**
 * Renders an issue once for every recipient: the MJML is compiled a single time, and the
 * per-recipient parts stay SES placeholders (`{{greeting}}`, `{{unsubscribeUrl}}`) for
 * {@link personaliseIssue} or SES SendBulkEmail to fill. The same content goes into a
 * plain-text part. Article text is escaped in both, so none of it can become markup or a
 * placeholder.
 *
 * @throws {RenderSettingsError} when a setting is missing or invalid (the postal address, say).
 * @throws {MjmlCompileError} when the templates produce invalid MJML.
 * @example
 * const issue = await renderDigest(digest, { postalAddress: "1 Example Street, Riverton" });
 * const copy = personaliseIssue(issue, { email: "a@example.org", unsubscribeUrl: "https://…" });
 */
export async function renderDigest(
  digest: Digest,
  settings: RenderSettingsInput,
  options: RenderDigestOptions = {},
): Promise<RenderedIssue> {
  // Only read the project's templates when none are given: a Lambda bundle has them elsewhere.
  const templates = options.templates ?? (await readProjectTemplates());
  const { model, mjml } = fitUnderClipSize(digest, settings, templates);
  const html = await (options.compile ?? compileMjml)(mjml);
  return { subject: escapeTemplateText(model.subject), html, text: renderIssueText(model) };
}

/** The project's `templates/`, read once; a failed read is tried again next time. */
function readProjectTemplates(): Promise<DigestTemplates> {
  projectTemplates ??= loadDigestTemplates().catch((error: unknown) => {
    projectTemplates = null;
    throw error;
  });
  return projectTemplates;
}

// What compiling adds to the MJML source: the document's head, and each section's tables.
const DOCUMENT_OVERHEAD_BYTES = 9 * 1024;
const SECTION_OVERHEAD_BYTES = 2.4 * 1024;

/** Ever tighter caps, tried in turn until the issue fits: fewer sources, then shorter statements. */
const TIGHTER: readonly Partial<RenderSettingsInput>[] = [
  { maxSources: 1 },
  { maxSources: 1, maxStatementChars: 240 },
  { maxSources: 1, maxStatementChars: 120, maxStatements: 1 },
];

/**
 * Builds the issue's MJML within Gmail's clipping size, estimated before compiling (compiling adds
 * a near-constant amount per section), so the one compile is also the last. Settings that would
 * overflow (many sources with very long titles and links, say) are tightened step by step; the
 * full issue in the archive keeps everything.
 */
function fitUnderClipSize(digest: Digest, settings: RenderSettingsInput, templates: DigestTemplates) {
  let model = buildIssueModel(digest, settings);
  let mjml = buildDigestMjml(model, templates);
  for (const tighter of TIGHTER) {
    if (estimatedHtmlBytes(model, mjml) <= GMAIL_CLIP_BYTES) break;
    model = buildIssueModel(digest, { ...settings, ...capped(settings, tighter) });
    mjml = buildDigestMjml(model, templates);
  }
  return { model, mjml };
}

function estimatedHtmlBytes(model: IssueModel, mjml: string): number {
  const sections = model.officials.length + (model.others.length > 0 ? 1 : 0) + 2;
  return Buffer.byteLength(mjml) + DOCUMENT_OVERHEAD_BYTES + sections * SECTION_OVERHEAD_BYTES;
}

/** Tightens, never loosens: a cap already lower than the step's stays. */
function capped(
  settings: RenderSettingsInput,
  tighter: Partial<RenderSettingsInput>,
): Partial<RenderSettingsInput> {
  const lower = (key: "maxSources" | "maxStatementChars" | "maxStatements") => {
    const step = tighter[key];
    return step === undefined ? {} : { [key]: Math.min(step, settings[key] ?? Number.POSITIVE_INFINITY) };
  };
  return { ...lower("maxSources"), ...lower("maxStatementChars"), ...lower("maxStatements") };
}

/** One recipient of a personalised copy, with their own unsubscribe link. */
export interface PersonalisedRecipient extends Recipient {
  unsubscribeUrl: string;
}

/**
 * One recipient's copy of a rendered issue by plain substitution, exactly as SES fills the
 * template with {@link replacementDataFor}'s data: a string join, hundreds of times cheaper than
 * compiling MJML.
 * @throws {PersonalisationError} when the unsubscribe link is not an http(s) URL.
 */
export function personaliseIssue(rendered: RenderedIssue, recipient: PersonalisedRecipient): RenderedIssue {
  return personaliseIssueText(rendered, replacementDataFor(recipient, recipient.unsubscribeUrl));
}
