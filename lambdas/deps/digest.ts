import { renderDigest } from "../adapters/mjml-renderer.ts";
import { type DigestTemplates, loadDigestTemplates } from "../adapters/mjml-templates.ts";
import { weekOf } from "../app/iso-week.ts";
import { composeDigest } from "../core/digest/compose-digest.ts";
import { parseRenderSettings } from "../core/render/render-settings.ts";
import type { Digest, RenderedIssue, StoredArticle } from "../core/types.ts";

/** The archive page of an issue in the web app (`/archive/2026-W47`). */
export function archiveUrlFor(publicUrl: string, week: string): string {
  return `${publicUrl.replace(/\/$/, "")}/archive/${week}`;
}

export interface DigestSettings {
  postalAddress: string;
  senderName: string;
  timeZone: string;
  /** How sure an attribution must be for the email; default 0.8. */
  minConfidence?: number | undefined;
  /** The web app's URL: each issue links to its page in the archive there. */
  publicUrl?: string | undefined;
  /** Where the MJML templates are: beside the bundle on Lambda; the project's `templates/` if unset. */
  templatesDir?: string | undefined;
}

/**
 * The digest's compose and render steps with the deployment's settings bound, as the compose
 * handler and the CLI call them. Settings are validated here, once, so a bad one fails at start.
 */
export function digestFunctions(settings: DigestSettings) {
  // Validated now, so a bad setting fails at start rather than at the first issue.
  parseRenderSettings({ postalAddress: settings.postalAddress, senderName: settings.senderName });
  const settingsFor = (digest: Digest) =>
    parseRenderSettings({
      postalAddress: settings.postalAddress,
      senderName: settings.senderName,
      archiveUrl: settings.publicUrl ? archiveUrlFor(settings.publicUrl, weekOf(digest.from)) : null,
    });
  let templates: Promise<DigestTemplates> | undefined;
  return {
    compose: (articles: StoredArticle[], from: string, to: string, previous: Digest | null): Digest =>
      composeDigest({
        articles,
        from,
        to,
        timeZone: settings.timeZone,
        previous,
        minConfidence: settings.minConfidence,
      }),
    render: async (digest: Digest): Promise<RenderedIssue> => {
      if (!settings.templatesDir) return renderDigest(digest, settingsFor(digest));
      templates ??= loadDigestTemplates(settings.templatesDir);
      return renderDigest(digest, settingsFor(digest), { templates: await templates });
    },
  };
}
