import { escapeTemplateText } from "./escape.ts";
import type { IssueModel, OfficialView, SourceView, StatementView } from "./issue-model.ts";

const RULE = "—".repeat(40);

/** How a statement that is not a direct quote is introduced, in both parts of the email. */
export const KIND_LABELS = { direct: "Quoted", mixed: "Partly quoted", indirect: "Reported" } as const;

/**
 * The plain-text part of an issue: the same content as the HTML, for clients and readers that
 * prefer text. Article text is template-escaped (see `escapeTemplateText`), so the result is an
 * SES template whose only live placeholders are `{{greeting}}` and `{{unsubscribeUrl}}`.
 */
export function renderIssueText(model: IssueModel): string {
  const t = escapeTemplateText;
  const lines: string[] = ["{{greeting}}", "", `ON THE RECORD · ${t(model.dateRange)}`];
  if (model.officials.length === 0) lines.push("", "No statements from officials were found this week.");
  else lines.push("What officials said this week, most prominent first.");
  model.officials.forEach((official, i) => {
    lines.push("", RULE, "", ...officialLines(official, i + 1, model.archiveUrl));
  });
  if (model.moreOfficials > 0) {
    lines.push("", `${model.moreOfficials} more official${plural(model.moreOfficials)} in the full issue.`);
  }
  if (model.others.length > 0) {
    lines.push("", RULE, "", "ALSO ON THE RECORD: agencies, media and unnamed sources");
    for (const other of model.others) {
      lines.push("", `${t(other.name)} (${t(other.kind)})`, ...statementLines(other.statement));
    }
  }
  lines.push("", RULE);
  if (model.archiveUrl) lines.push("", `Read the full issue: ${t(model.archiveUrl)}`);
  lines.push(
    "",
    t(model.reason),
    "Unsubscribe: {{unsubscribeUrl}}",
    "",
    `${t(model.senderName)} · ${t(model.postalAddress)}`,
    "",
  );
  return lines.join("\n");
}

function officialLines(official: OfficialView, rank: number, archiveUrl: string | null): string[] {
  const t = escapeTemplateText;
  const lines = [`${rank}. ${t(official.name)}`];
  if (official.role) lines.push(`   ${t(official.role)}`);
  if (official.summary) lines.push("", `   ${t(official.summary)}`);
  for (const source of official.summarySources) lines.push(`     — ${sourceLine(source)}`);
  for (const statement of official.statements) lines.push("", ...statementLines(statement));
  if (official.moreStatements > 0) {
    const where = archiveUrl ? `: ${t(archiveUrl)}` : "";
    lines.push(
      "",
      `   ${official.moreStatements} more statement${plural(official.moreStatements)} in the full issue${where}`,
    );
  }
  return lines;
}

function statementLines(statement: StatementView): string[] {
  const t = escapeTemplateText;
  const text = statement.quoted
    ? `“${t(statement.text)}”`
    : `${KIND_LABELS[statement.kind]}: ${t(statement.text)}`;
  const lines = [`   ${text}`, ...statement.sources.map((s) => `     — ${sourceLine(s)}`)];
  if (statement.moreSources > 0) {
    lines.push(`     — and ${statement.moreSources} more article${plural(statement.moreSources)}`);
  }
  return lines;
}

function sourceLine(source: SourceView): string {
  const t = escapeTemplateText;
  const parts = [t(source.outlet)];
  if (source.title) parts.push(`“${t(source.title)}”`);
  if (source.date) parts.push(t(source.date));
  const line = parts.join(", ");
  return source.url ? `${line}: ${t(source.url)}` : line;
}

function plural(n: number): string {
  return n === 1 ? "" : "s";
}
