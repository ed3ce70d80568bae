import { readFile } from "node:fs/promises";
import mjml2html from "mjml";
import { CONFIRM_URL_PLACEHOLDER, type ConfirmationTemplate } from "../core/render/confirmation-email.ts";

/** The folder of the MJML templates, from this module's place in the source tree. */
export const TEMPLATES_DIR = new URL("../../templates/", import.meta.url);

export const CONFIRMATION_SUBJECT = "Confirm your onrecord subscription";

/** The MJML did not compile cleanly: a template bug, caught before anything is sent. */
export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TemplateError";
  }
}

/**
 * Renders `templates/confirmation.mjml` (and its text twin) to the template the web app fills per
 * sign-up. Run once: at start-up locally, at bundling time for the Lambda.
 */
export async function renderConfirmationTemplate(dir: URL = TEMPLATES_DIR): Promise<ConfirmationTemplate> {
  const [source, text] = await Promise.all([
    readFile(new URL("confirmation.mjml", dir), "utf8"),
    readFile(new URL("confirmation.txt", dir), "utf8"),
  ]);
  const { html, errors } = await mjml2html(source, { validationLevel: "strict" });
  if (errors.length > 0)
    throw new TemplateError(`confirmation.mjml: ${errors.map((e) => e.formattedMessage).join("; ")}`);
  if (!html.includes(CONFIRM_URL_PLACEHOLDER) || !text.includes(CONFIRM_URL_PLACEHOLDER)) {
    throw new TemplateError(`the confirmation templates must contain ${CONFIRM_URL_PLACEHOLDER}`);
  }
  return { subject: CONFIRMATION_SUBJECT, html, text };
}
