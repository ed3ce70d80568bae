import { renderDigest } from "../adapters/mjml-renderer.ts";
import { type DigestTemplates, loadDigestTemplates } from "../adapters/mjml-templates.ts";
import { composeDigest } from "../core/digest/compose-digest.ts";
import { parseRenderSettings } from "../core/render/render-settings.ts";
import type { Digest, RenderedIssue, StoredArticle } from "../core/types.ts";

export interface DigestSettings {
  postalAddress: string;
  senderName: string;
  timeZone: string;
  /** Where the MJML templates are: beside the bundle on Lambda; the project's `templates/` if unset. */
  templatesDir?: string | undefined;
}

/**
 * The digest's compose and render steps with the deployment's settings bound, as the compose
 * handler and the CLI call them. Settings are validated here, once, so a bad one fails at start.
 */
export function digestFunctions(settings: DigestSettings) {
  const renderSettings = parseRenderSettings({
    postalAddress: settings.postalAddress,
    senderName: settings.senderName,
  });
  let templates: Promise<DigestTemplates> | undefined;
  return {
    compose: (articles: StoredArticle[], from: string, to: string, previous: Digest | null): Digest =>
      composeDigest({ articles, from, to, timeZone: settings.timeZone, previous }),
    render: async (digest: Digest): Promise<RenderedIssue> => {
      if (!settings.templatesDir) return renderDigest(digest, renderSettings);
      templates ??= loadDigestTemplates(settings.templatesDir);
      return renderDigest(digest, renderSettings, { templates: await templates });
    },
  };
}
