import { html } from "hono/html";
import { reportedSentence, roleOf } from "../../core/render/reported.ts";
import type {
  AlsoQuoted,
  DigestSource,
  DigestStatement,
  Official,
  OtherSource,
  OutOfEmail,
  StatementKind,
} from "../../core/types.ts";
import type { IssueSummary, StoredIssue } from "../../ports.ts";
import { type Html, type Page, page } from "./layout.ts";
import { sitePath } from "./site-path.ts";

const KIND_LABELS: Record<StatementKind, string> = {
  direct: "Quoted",
  mixed: "Partly quoted",
  indirect: "Reported",
};

/** Why the email left a statement out, as the archive says it beside the statement. */
const OUT_OF_EMAIL: Record<OutOfEmail, string> = {
  earlier: "not in the email: said before this week",
  lowConfidence: "not in the email: attribution uncertain",
  fragment: "not in the email: a clause cut from its sentence",
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
export function issuePage(issue: StoredIssue): Page {
  const { digest } = issue;
  const others = digest.others ?? [];
  const alsoQuoted = digest.alsoQuoted ?? [];
  return page({
    title: issue.rendered.subject,
    main: html`<article class="issue">
  <p class="kicker"><a href="${sitePath("/archive")}">Archive</a> · Week ${issue.id}</p>
  <h1>${issue.rendered.subject}</h1>
  <p class="window">Statements reported ${formatWindow(digest.from, digest.to)}</p>
  ${digest.officials.length === 0 ? html`<p>No official was quoted in this week's articles.</p>` : ""}
  ${digest.officials.map((official) => officialSection(official, official.statements))}
  ${
    alsoQuoted.length > 0
      ? html`<section class="also-quoted" aria-labelledby="also-heading"><h2 id="also-heading">Also quoted</h2>
  <p class="window">Experts, commentators, journalists and others quoted this week who speak for no office.</p>
  ${alsoQuoted.map(alsoQuotedSection)}</section>`
      : ""
  }
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
  return html`<p class="window"><a href="${sitePath(`/archive/${issue.id}`)}">${issue.rendered.subject}</a>
  · ${formatWindow(issue.digest.from, issue.digest.to)}</p>
  ${officials.length === 0 ? html`<p>No official was quoted that week.</p>` : ""}
  ${officials.map((official) =>
    officialSection(
      official,
      official.statements.filter((s) => s.email !== false).slice(0, SAMPLE_STATEMENTS),
      3,
    ),
  )}
  <p><a href="${sitePath(`/archive/${issue.id}`)}">Read the whole issue</a></p>`;
}

/** `GET /archive`: every issue, newest first. */
export function archivePage(issues: readonly IssueSummary[]): Page {
  return page({
    title: "Archive",
    main: html`<h1>Past issues</h1>
${
  issues.length === 0
    ? html`<p class="lede">No issue has been published yet. <a href="${sitePath("/")}">Subscribe</a> to get the first one.</p>`
    : html`<ol class="archive" reversed>
  ${issues.map(
    (issue) => html`<li><a href="${sitePath(`/archive/${issue.id}`)}">${issue.subject}</a>
    <span class="window">${formatWindow(issue.from, issue.to)}</span></li>`,
  )}
</ol>`
}`,
  });
}

function officialSection(official: Official, statements: readonly DigestStatement[], level: 2 | 3 = 2): Html {
  const role = roleOf(official.title, official.affiliation);
  const name = level === 2 ? html`<h2>${official.name}</h2>` : html`<h3>${official.name}</h3>`;
  return html`<section class="official">
  ${name}
  ${role ? html`<p class="role">${role}</p>` : ""}
  ${official.summary ? html`<p class="summary">${official.summary}</p>` : ""}
  <ul class="statements">${statements.map((s) => statementItem(s, official.name))}</ul>
</section>`;
}

function alsoQuotedSection(person: AlsoQuoted): Html {
  return html`<section class="official"><h3>${person.name}</h3>
  ${person.role ? html`<p class="role">${person.role}</p>` : ""}
  <ul class="statements">${person.statements.map((s) => statementItem(s, person.name))}</ul></section>`;
}

function otherSection(other: OtherSource): Html {
  return html`<section class="official"><h3>${other.name}</h3>
  <ul class="statements">${other.statements.map((s) => statementItem(s, other.name))}</ul></section>`;
}

function statementItem(statement: DigestStatement, speaker: string): Html {
  const text =
    statement.kind === "direct"
      ? `“${statement.text}”`
      : reportedSentence(speaker, statement.cue, statement.text, statement.kind);
  const out = statement.email === false && statement.why ? OUT_OF_EMAIL[statement.why] : null;
  return html`<li${out ? html` class="not-in-email"` : ""}>
  <span class="kind">${KIND_LABELS[statement.kind]}${out ? ` · ${out}` : ""}</span>
  <blockquote>${text}</blockquote>
  <p class="sources">Reported by ${statement.sources.map((source, i) => html`${i > 0 ? ", " : ""}${sourceLink(source)}`)}</p>
</li>`;
}

/** The outlet and the headline (or, without one, the article's first words), never a file name. */
function sourceLink(source: DigestSource): Html {
  const headline = source.title ?? source.lead ?? null;
  const label = source.outlet ?? headline ?? "an article";
  const titled = headline && headline !== label ? `, “${headline}”` : "";
  const dated = source.date ? ` (${source.date})` : "";
  // Only web links become anchors: a `javascript:` or `data:` URL from an article stays text.
  return isWebUrl(source.url)
    ? html`<a href="${source.url}" rel="nofollow noopener">${label}</a>${titled}${dated}`
    : html`${label}${titled}${dated}`;
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
