import type {
  Digest,
  DigestSource,
  DigestStatement,
  Official,
  OtherSource,
  StatementKind,
} from "../types.ts";
import { cleanText } from "./escape.ts";
import { parseRenderSettings, type RenderSettingsInput } from "./render-settings.ts";
import { reportedSentence, roleOf } from "./reported.ts";
import { trimText } from "./trim.ts";

/**
 * What an issue shows, decided once for both the HTML and the text part: caps applied, long
 * statements trimmed, dates formatted, links checked. Strings are plain text, not yet escaped:
 * each renderer escapes for its own output.
 */
export interface IssueModel {
  subject: string;
  /** The preview line mail clients show after the subject. */
  preview: string;
  dateRange: string;
  officials: OfficialView[];
  /** Officials beyond the cap, in the full issue only. */
  moreOfficials: number;
  others: OtherView[];
  archiveUrl: string | null;
  senderName: string;
  postalAddress: string;
  reason: string;
}

export interface OfficialView {
  name: string;
  /** Title and affiliation, e.g. "Defence Minister, South Korea", or null. */
  role: string | null;
  /** One or two sentences on what they said; empty when it would only open a quote shown below. */
  summary: string;
  /**
   * The sources of the statement the summary says in full: that statement is not repeated
   * word for word below it, its sources go under the summary instead. Empty otherwise.
   */
  summarySources: SourceView[];
  statements: StatementView[];
  moreStatements: number;
}

export interface StatementView {
  text: string;
  kind: StatementKind;
  /** Direct quotes are shown in quotation marks; reported speech is not. */
  quoted: boolean;
  /** Cut short here; the archive has it whole. */
  trimmed: boolean;
  sources: SourceView[];
  moreSources: number;
}

export interface SourceView {
  /** The outlet, or the article's headline or first words when the outlet is unknown. */
  outlet: string;
  title: string | null;
  date: string | null;
  /** An http(s) link, or null: other schemes (`javascript:`) are never linked. */
  url: string | null;
}

export interface OtherView {
  name: string;
  /** What kind of source, for the reader: "agency or organisation", "unnamed source". */
  kind: string;
  statement: StatementView;
}

// Caps on what an article supplies, which keep an issue under Gmail's clipping size.
const MAX_TITLE_CHARS = 100;
const MAX_NAME_CHARS = 80;
const MAX_URL_CHARS = 300;
const MAX_SUMMARY_CHARS = 300;
const OTHER_KINDS = {
  organisation: "organisation",
  anonymous: "unnamed source",
  person: "also quoted",
  unknown: "source unclear",
};

/**
 * Builds the model of an issue from a digest and the render settings (validated here).
 * @throws {RenderSettingsError} for missing or invalid settings (no postal address, say).
 */
export function buildIssueModel(digest: Digest, input: RenderSettingsInput): IssueModel {
  const settings = parseRenderSettings(input);
  // The email shows the officials with something for it, and of each only what it may show.
  const inEmail = digest.officials.filter((o) => o.statements.some((s) => s.email !== false));
  const shown = inEmail.slice(0, settings.maxOfficials);
  const officials = shown.map((o) =>
    toOfficialView(o, settings.maxStatements, (s) =>
      toStatementView(s, settings.maxStatementChars, settings.maxSources, o.name),
    ),
  );
  const statementView = (s: DigestStatement, speaker: string) =>
    toStatementView(s, settings.maxStatementChars, settings.maxSources, speaker);
  const others = topOthers(digest.others ?? [], settings.maxOthers).map((o) => ({
    name: short(cleanText(o.source.name), MAX_NAME_CHARS),
    kind: OTHER_KINDS[o.source.sourceType],
    statement: statementView(o.statement, o.source.name),
  }));
  const dateRange = formatRange(digest.from, digest.to);
  return {
    subject: subjectOf(dateRange, officials),
    preview: previewOf(officials),
    dateRange,
    officials,
    moreOfficials: inEmail.length - shown.length,
    others,
    archiveUrl: settings.archiveUrl ?? null,
    senderName: cleanText(settings.senderName),
    postalAddress: cleanText(settings.postalAddress),
    reason: cleanText(settings.reason),
  };
}

function toOfficialView(o: Official, max: number, view: (s: DigestStatement) => StatementView): OfficialView {
  const role = roleOf(o.title, o.affiliation);
  const statements = o.statements.filter((s) => s.email !== false);
  const summary = trimText(typeset(cleanText(o.summary)), MAX_SUMMARY_CHARS).text;
  const shown = statements.slice(0, max).map(view);
  // A summary that says a statement whole stands for it: the statement is not printed again.
  const said = shown.findIndex((s) => !s.trimmed && saysAllOf(summary, s.text, o.name));
  const lead = said >= 0 ? shown.splice(said, 1)[0] : undefined;
  // A summary that only opens a quote printed below says nothing the quote does not: the quote speaks.
  const opens = !lead && shown.some((s) => s.quoted && saysAllOf(s.text, summaryWords(summary), o.name));
  return {
    name: short(cleanText(o.name), MAX_NAME_CHARS),
    role: role ? short(role, MAX_TITLE_CHARS) : null,
    summary: opens ? "" : summary,
    summarySources: lead?.sources ?? [],
    statements: shown,
    moreStatements: Math.max(0, o.statements.length - Math.min(max, statements.length)),
  };
}

/** What a summary "Title Name said: “…”" quotes: the words inside its quotation marks, or all of it. */
function summaryWords(summary: string): string {
  return /:\s*“(.*)”$/su.exec(summary)?.[1] ?? "";
}

/** Whether every word of a statement (its speaker's name aside) is in the summary. */
function saysAllOf(summary: string, statement: string, name: string): boolean {
  const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const own = new Set(words(name));
  const inSummary = new Set(words(summary));
  const said = words(statement).filter((w) => !own.has(w));
  return said.length >= 4 && said.every((w) => inSummary.has(w));
}

function toStatementView(
  s: DigestStatement,
  maxChars: number,
  maxSources: number,
  speaker: string,
): StatementView {
  // Reported speech reads as a sentence with its speaker and verb; a quote stays its own words.
  const sentence = reportedSentence(cleanText(speaker), s.cue, typeset(cleanText(s.text)), s.kind);
  const { text, trimmed } = trimText(sentence, maxChars);
  return {
    text,
    kind: s.kind,
    quoted: s.kind === "direct",
    trimmed,
    sources: s.sources.slice(0, maxSources).map(toSourceView),
    moreSources: Math.max(0, s.sources.length - maxSources),
  };
}

/**
 * Two apostrophes some outlets set for quotation marks ('' … '') as the marks they stand for:
 * “ where a quotation opens, ” where it closes.
 * @example
 * typeset("to ''find and dislocate tunnels.''") // "to “find and dislocate tunnels.”"
 */
export function typeset(text: string): string {
  return text.replace(/(^|[\s([—–-])''/gu, "$1“").replace(/''/g, "”");
}

function toSourceView(source: DigestSource): SourceView {
  // An article without a headline shows its first words; a file name is never shown.
  const headline = source.title ?? source.lead ?? null;
  const title = headline ? short(cleanText(headline), MAX_TITLE_CHARS) : null;
  const outlet = cleanText(source.outlet ?? "") || title || "Article";
  return {
    outlet: short(outlet, MAX_NAME_CHARS),
    title: title === outlet ? null : title,
    date: formatDay(source.date),
    url: safeUrl(source.url),
  };
}

/**
 * The most important statement the email may show of each other source it can name, the most
 * prominent sources first. Words no article credits to anyone ("Unattributed") stay in the full
 * issue: a reader cannot weigh them.
 */
function topOthers(others: readonly OtherSource[], max: number) {
  return others
    .flatMap((source) => {
      if (source.unattributed) return [];
      const statement = source.statements.find((s) => s.email !== false);
      return statement ? [{ source, statement }] : [];
    })
    .slice(0, max);
}

function subjectOf(dateRange: string, officials: readonly OfficialView[]): string {
  const names = officials.slice(0, 2).map((o) => o.name);
  const rest = officials.length - names.length;
  const who = names.length === 0 ? "" : `: ${names.join(", ")}${rest > 0 ? ` and ${rest} more` : ""}`;
  return short(`On the record, ${dateRange}${who}`, 150);
}

function previewOf(officials: readonly OfficialView[]): string {
  const lead = officials[0];
  if (!lead) return "No statements from officials were found this week.";
  return short(lead.summary || `${lead.name}: ${lead.statements[0]?.text ?? ""}`, 140);
}

/** "22 – 28 December 2025", "29 December 2025 – 4 January 2026", "29 December 2025". */
export function formatRange(from: string, to: string): string {
  const format = new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
  // ICU puts thin spaces around the dash; plain ones read the same and survive every mail client.
  return format.formatRange(new Date(`${from}T00:00:00Z`), new Date(`${to}T00:00:00Z`)).replace(/\s/g, " ");
}

function formatDay(day: string | null): string | null {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return null;
  return new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  }).format(date);
}

/** An http(s) URL in normal form, or null for anything else (or anything absurdly long). */
export function safeUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url.trim());
    const web = parsed.protocol === "https:" || parsed.protocol === "http:";
    return web && parsed.href.length <= MAX_URL_CHARS ? parsed.href : null;
  } catch {
    return null;
  }
}

function short(text: string, max: number): string {
  return trimText(text, max).text;
}
