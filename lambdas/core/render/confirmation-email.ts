/**
 * The confirmation email, rendered from MJML once (at build time for the Lambda, at start-up
 * locally) with a `{{confirmUrl}}` placeholder, and filled per sign-up by plain substitution, so
 * the web function never loads MJML.
 */

/** The rendered template: subject, HTML and text, each possibly holding `{{confirmUrl}}`. */
export interface ConfirmationTemplate {
  subject: string;
  html: string;
  text: string;
}

export const CONFIRM_URL_PLACEHOLDER = "{{confirmUrl}}";

/** The template with the link filled in: HTML-escaped in the HTML part, as is in the text. */
export function fillConfirmation(template: ConfirmationTemplate, confirmUrl: string): ConfirmationTemplate {
  const htmlUrl = escapeHtml(confirmUrl);
  return {
    subject: template.subject,
    html: template.html.replaceAll(CONFIRM_URL_PLACEHOLDER, htmlUrl),
    text: template.text.replaceAll(CONFIRM_URL_PLACEHOLDER, confirmUrl),
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
