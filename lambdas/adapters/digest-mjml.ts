import type { IssueModel, OfficialView, SourceView, StatementView } from "../core/render/issue-model.ts";
import { KIND_LABELS } from "../core/render/render-text.ts";
import {
  type DigestTemplates,
  fillTemplate,
  joinMarkup,
  type Markup,
  NO_MARKUP,
  textMarkup,
} from "./mjml-templates.ts";

/**
 * The MJML source of one issue: the layout with its partials filled from the issue model. Every
 * piece of text goes through `fillTemplate`, which escapes it; only partials become markup.
 */
export function buildDigestMjml(model: IssueModel, templates: DigestTemplates): string {
  const p = templates.partials;
  const officials =
    model.officials.length === 0
      ? fillTemplate(p.empty, {})
      : joinMarkup([
          ...model.officials.map((o) => officialMjml(o, model, templates)),
          model.moreOfficials > 0
            ? fillTemplate(p["more-officials"], { text: moreOfficials(model, templates) })
            : NO_MARKUP,
        ]);
  const others =
    model.others.length === 0
      ? NO_MARKUP
      : fillTemplate(p.others, {
          items: joinMarkup(
            model.others.map((o) =>
              fillTemplate(p.other, {
                name: o.name,
                kind: o.kind,
                statement: o.statement.quoted ? `“${o.statement.text}”` : o.statement.text,
                sources: sourcesMjml(o.statement, templates),
              }),
            ),
          ),
        });
  return String(
    fillTemplate(templates.layout, {
      subject: model.subject,
      preview: model.preview,
      header: fillTemplate(p.header, { dateRange: model.dateRange }),
      officials,
      others,
      footer: fillTemplate(p.footer, {
        archive: model.archiveUrl ? fillTemplate(p.archive, { href: model.archiveUrl }) : NO_MARKUP,
        reason: model.reason,
        senderName: model.senderName,
        postalAddress: model.postalAddress,
      }),
    }),
  );
}

function officialMjml(official: OfficialView, model: IssueModel, templates: DigestTemplates): Markup {
  const p = templates.partials;
  return fillTemplate(p.official, {
    name: official.name,
    role: official.role ? fillTemplate(p.role, { role: official.role }) : NO_MARKUP,
    summary: official.summary
      ? fillTemplate(p.summary, {
          text: official.summary,
          sources:
            official.summarySources.length > 0
              ? sourceListMjml(official.summarySources, 0, templates)
              : NO_MARKUP,
        })
      : NO_MARKUP,
    statements: joinMarkup(official.statements.map((s) => statementMjml(s, templates))),
    more:
      official.moreStatements > 0
        ? fillTemplate(p.more, { text: moreText(official, model, templates) })
        : NO_MARKUP,
  });
}

function moreText(official: OfficialView, model: IssueModel, templates: DigestTemplates): Markup {
  const n = official.moreStatements;
  const label = `${n} more statement${n === 1 ? "" : "s"} in the full issue`;
  if (!model.archiveUrl) return textMarkup(label);
  return fillTemplate(templates.partials.link, { href: model.archiveUrl, label: `${label} →` });
}

function moreOfficials(model: IssueModel, templates: DigestTemplates): Markup {
  const n = model.moreOfficials;
  const label = `${n} more official${n === 1 ? "" : "s"} in the full issue`;
  if (!model.archiveUrl) return textMarkup(label);
  return fillTemplate(templates.partials.link, { href: model.archiveUrl, label: `${label} →` });
}

function statementMjml(statement: StatementView, templates: DigestTemplates): Markup {
  const sources = sourcesMjml(statement, templates);
  if (statement.quoted)
    return fillTemplate(templates.partials["statement-quoted"], { text: statement.text, sources });
  return fillTemplate(templates.partials["statement-reported"], {
    label: KIND_LABELS[statement.kind],
    text: statement.text,
    sources,
  });
}

function sourcesMjml(statement: StatementView, templates: DigestTemplates): Markup {
  return sourceListMjml(statement.sources, statement.moreSources, templates);
}

function sourceListMjml(sources: readonly SourceView[], more: number, templates: DigestTemplates): Markup {
  const p = templates.partials;
  const items = sources.map((s) =>
    fillTemplate(p.source, { outlet: outletMjml(s, templates), details: details(s) }),
  );
  if (more > 0) {
    const n = more;
    items.push(fillTemplate(p.source, { outlet: `and ${n} more article${n === 1 ? "" : "s"}`, details: "" }));
  }
  return fillTemplate(p.sources, { items: joinMarkup(items) });
}

function outletMjml(source: SourceView, templates: DigestTemplates): Markup {
  if (!source.url) return textMarkup(source.outlet);
  return fillTemplate(templates.partials.link, { href: source.url, label: source.outlet });
}

function details(source: SourceView): string {
  return [source.title ? `, “${source.title}”` : "", source.date ? `, ${source.date}` : ""].join("");
}
