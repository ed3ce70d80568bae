import type { StoredIssue } from "../ports.ts";

/** How many issues the feed carries. */
export const FEED_ISSUES = 20;

/**
 * The Atom feed of issues (RFC 4287): one entry per issue, linking to its archive page, with the
 * officials and their statements as the entry's HTML content. Every value is XML-escaped; the
 * HTML content is escaped once more as the `type="html"` text it is.
 */
export function atomFeed(issues: readonly StoredIssue[], publicUrl: string): string {
  const base = publicUrl.replace(/\/$/, "");
  const updated =
    issues
      .map((i) => i.composedAt)
      .sort()
      .at(-1) ?? "1970-01-01T00:00:00.000Z";
  const entries = issues.map(
    (issue) => `  <entry>
    <id>${xml(`${base}/archive/${issue.id}`)}</id>
    <title>${xml(issue.rendered.subject)}</title>
    <updated>${xml(issue.composedAt)}</updated>
    <link rel="alternate" type="text/html" href="${xml(`${base}/archive/${issue.id}`)}"/>
    <summary>${xml(`Statements reported ${issue.digest.from} to ${issue.digest.to}`)}</summary>
    <content type="html">${xml(entryHtml(issue))}</content>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${xml(`${base}/feed.xml`)}</id>
  <title>onrecord</title>
  <subtitle>What officials said on the record, every week.</subtitle>
  <updated>${xml(updated)}</updated>
  <author><name>onrecord</name></author>
  <link rel="self" type="application/atom+xml" href="${xml(`${base}/feed.xml`)}"/>
  <link rel="alternate" type="text/html" href="${xml(`${base}/archive`)}"/>
${entries.join("\n")}
</feed>
`;
}

function entryHtml(issue: StoredIssue): string {
  return issue.digest.officials
    .map((official) => {
      const statements = official.statements.map((s) => `<li>${xml(s.text)}</li>`).join("");
      const role = official.title ? `, ${xml(official.title)}` : "";
      return `<h2>${xml(official.name)}${role}</h2><ul>${statements}</ul>`;
    })
    .join("");
}

/** Escapes text for XML content and attributes, and drops characters XML 1.0 cannot carry. */
function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
