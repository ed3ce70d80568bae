import { html } from "hono/html";
import type {
  DigestSource,
  DigestStatement,
  Official,
  OtherSource,
  StatementKind,
} from "../../core/types.ts";
import type { IssueSummary, StoredIssue } from "../../ports.ts";
import { type Html, page } from "./layout.ts";

const KIND_LABELS: Record<StatementKind, string> = {
  direct: "Quoted",
  mixed: "Partly quoted",
  indirect: "Reported",
};

/** Statements per official in the sample on the subscribe page. */
const SAMPLE_OFFICIALS = 3;
const SAMPLE_STATEMENTS = 2;

/** "5–11 January 2026" for an issue's window (dates as stored, read in UTC). */
export function formatWindow(from: string, to: string): string {
  const day = (iso: string, parts: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat("en-GB", { ...parts, timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));
  if (from.slice(0, 7) === to.slice(0, 7))
    return `${day(from, { day: "numeric" })}–${day(to, { dateStyle: "long" })}`;
  return `${day(from, { dateStyle: "long" })} – ${day(to, { dateStyle: "long" })}`;
}

/** `GET /archive/{issue}`: the whole issue, every official and every statement with its sources. */
export function issuePage(issue: StoredIssue): Html {
  const { digest } = issue;
  const others = digest.others ?? [];
  return page({
    title: issue.rendered.subject,
    main: html`<article class="issue">
  <p class="kicker"><a href="/archive">Archive</a> · Week ${issue.id}</p>
  <h1>${issue.rendered.subject}</h1>
  <p class="window">Statements reported ${formatWindow(digest.from, digest.to)}</p>
  ${digest.officials.length === 0 ? html`<p>No official was quoted in this week's articles.</p>` : ""}
  ${digest.officials.map((official) => officialSection(official, official.statements))}
  ${
    others.length > 0
      ? html`<section class="others" aria-labelledby="others-heading"><h2 id="others-heading">Also on the record</h2>
  ${others.map(otherSection)}</section>`
      : ""
  }
</article>`,
  });
}

/** The top of an issue, for the subscribe page: the first officials and their first statements. */
export function issueSample(issue: StoredIssue): Html {
  const officials = issue.digest.officials.slice(0, SAMPLE_OFFICIALS);
  return html`<p class="window"><a href="/archive/${issue.id}">${issue.rendered.subject}</a>
  · ${formatWindow(issue.digest.from, issue.digest.to)}</p>
  ${officials.length === 0 ? html`<p>No official was quoted that week.</p>` : ""}
  ${officials.map((official) => officialSection(official, official.statements.slice(0, SAMPLE_STATEMENTS), 3))}
  <p><a href="/archive/${issue.id}">Read the whole issue</a></p>`;
}

/** `GET /archive`: every issue, newest first. */
export function archivePage(issues: readonly IssueSummary[]): Html {
  return page({
    title: "Archive",
    main: html`<h1>Past issues</h1>
${
  issues.length === 0
    ? html`<p class="lede">No issue has been published yet. <a href="/">Subscribe</a> to get the first one.</p>`
    : html`<ol class="archive" reversed>
  ${issues.map(
    (issue) => html`<li><a href="/archive/${issue.id}">${issue.subject}</a>
    <span class="window">${formatWindow(issue.from, issue.to)}</span></li>`,
  )}
</ol>`
}`,
  });
}

function officialSection(official: Official, statements: readonly DigestStatement[], level: 2 | 3 = 2): Html {
  const role = [official.title, official.affiliation].filter(Boolean).join(", ");
  const name = level === 2 ? html`<h2>${official.name}</h2>` : html`<h3>${official.name}</h3>`;
  return html`<section class="official">
  ${name}
  ${role ? html`<p class="role">${role}</p>` : ""}
  ${official.summary ? html`<p class="summary">${official.summary}</p>` : ""}
  <ul class="statements">${statements.map(statementItem)}</ul>
</section>`;
}

function otherSection(other: OtherSource): Html {
  return html`<section class="official"><h3>${other.name}</h3>
  <ul class="statements">${other.statements.map(statementItem)}</ul></section>`;
}

function statementItem(statement: DigestStatement): Html {
  const text = statement.kind === "direct" ? `“${statement.text}”` : statement.text;
  return html`<li>
  <span class="kind">${KIND_LABELS[statement.kind]}</span>
  <blockquote>${text}</blockquote>
  <p class="sources">Reported by ${statement.sources.map((source, i) => html`${i > 0 ? ", " : ""}${sourceLink(source)}`)}</p>
</li>`;
}

function sourceLink(source: DigestSource): Html {
  const label = source.outlet ?? source.title ?? source.article;
  const dated = source.date ? ` (${source.date})` : "";
  // Only web links become anchors: a `javascript:` or `data:` URL from an article stays text.
  return isWebUrl(source.url)
    ? html`<a href="${source.url}" rel="nofollow noopener">${label}</a>${dated}`
    : html`${label}${dated}`;
}

export function isWebUrl(url: string | null): url is string {
  if (!url) return false;
  try {
    const { protocol } = new URL(url);
    return protocol === "https:" || protocol === "http:";
  } catch {
    return false;
  }
}
