/**
 * The domain of onrecord: articles go in, statements come out, and a weekly issue of the digest
 * gathers officials and what they said. Plain data only; nothing here knows about AWS.
 */

/** A news article as onrecord stores it. `body` is the text statement offsets point into. */
export interface Article {
  /** Stable identifier: the file's base name for files, or the key it was stored under. */
  id: string;
  title: string | null;
  url: string | null;
  outlet: string | null;
  /** Publication date, ISO `YYYY-MM-DD`, or null when nothing says. */
  publishedAt: string | null;
  body: string;
}

/** `direct`: wholly quoted; `mixed`: partly quoted; `indirect`: reported speech. */
export type StatementKind = "direct" | "mixed" | "indirect";

/**
 * What kind of source made a statement. Only `person` sources become officials in a digest;
 * the others are kept so that nothing is silently lost.
 */
export type SourceType = "person" | "organisation" | "anonymous" | "unknown";

/** A character span `[start, end)` in UTF-16 code units, end exclusive. */
export type Span = readonly [start: number, end: number];

/** One thing somebody said, as it appears in one article. */
export interface Statement {
  /** Content span in the article body: the quoted words or the reported clause. */
  start: number;
  end: number;
  /**
   * The pieces of an utterance split by its attribution (`"…," he said, "…"`), in order.
   * A single piece `[[start, end]]` for a contiguous statement.
   */
  parts: Span[];
  /** The statement's words, the parts joined. */
  text: string;
  kind: StatementKind;
  /** Canonical full name of the speaker after resolution, or null when unknown. */
  speaker: string | null;
  /** The speaker's role, e.g. "Defence Minister", or null. */
  title: string | null;
  /** The body the speaker speaks for, e.g. "South Korea", or null. */
  affiliation: string | null;
  sourceType: SourceType;
  /** The words that refer to the speaker for this statement (name, title or pronoun). */
  mention: Span | null;
  /** The reporting words: "said", "according to", ":"; null when none is known. */
  cue: string | null;
  /**
   * How sure extraction is that this content was said by this speaker (for an unresolved or
   * anonymous source, by the source as given), calibrated in [0, 1] on the cautious side: of
   * statements at 0.8, about 8 in 10 or more are right.
   */
  confidence: number;
  /** Every role phrase the article gives the speaker, most specific first; `title` is the chosen one. */
  titles: string[];
  /**
   * When the words were said, if at another time than the article's news (`said in July`):
   * `"earlier"`, or the date as far as the text gives it (`"2016-07"`, `"2010"`). Absent otherwise.
   */
  said?: string;
}

/** A statement reported by one or more articles, as it appears in a digest. */
export interface DigestSource {
  article: string;
  title: string | null;
  /** The article's first words, for an article without a headline (never shown: its file name). */
  lead?: string;
  outlet: string | null;
  date: string | null;
  url: string | null;
}

/**
 * Why a statement of an official's is left out of the email (the archive shows it, marked): the
 * attribution is not sure enough, the words were said before the week, or what was reported is
 * a clause cut from its sentence ("of masterminding the coup") that reads as no statement.
 */
export type OutOfEmail = "lowConfidence" | "earlier" | "fragment";

export interface DigestStatement {
  text: string;
  kind: StatementKind;
  sources: DigestSource[];
  /** The reporting words of the rendering shown ("said", "warned", "according to"), when known. */
  cue?: string;
  /**
   * `false` when the email leaves it out (present only then): the attribution is not confident
   * enough, or the words were said at an earlier time than the week's news.
   */
  email?: false;
  /** Why it is left out of the email, with `email: false`. */
  why?: OutOfEmail;
}

/** A person with a public role, and what they said in the window. */
export interface Official {
  name: string;
  title: string | null;
  affiliation: string | null;
  summary: string;
  statements: DigestStatement[];
}

/**
 * A person quoted who speaks for no office or institution this week: an expert, a commentator,
 * a journalist, a voter, a former official speaking now for themselves. In the JSON and the
 * archive page, not in the email.
 */
export interface AlsoQuoted {
  name: string;
  /** The role the articles give them ("political science professor"), or null. */
  role: string | null;
  statements: DigestStatement[];
}

/**
 * A source that is not an official: an agency, a medium, a poll, an unnamed source, or a person
 * without a public role. Kept apart from `officials` so that nothing said is silently lost.
 */
export interface OtherSource {
  /** How the article names the source: "Korean Central News Agency", "a senior military official". */
  name: string;
  sourceType: SourceType;
  statements: DigestStatement[];
  /** No article credits these words to anyone ("Unattributed"): kept in the digest, not in the email. */
  unattributed?: true;
}

/** Counts from composing a digest, for reports and logs. */
export interface DigestStats {
  /** Articles dated within the window. */
  articles: number;
  /** Statements gathered from those articles, before merging. */
  statements: number;
  /**
   * Statements their articles report through unnamed sources ("according to two senators who
   * requested anonymity"): not said on the record, printed nowhere.
   */
  offRecord?: number;
  /**
   * Statements left out as doubtful on two counts (not confident enough for the email, and no
   * whole statement: a clause cut from its sentence): printed nowhere, still stored with their articles.
   */
  doubtful?: number;
  /** Statements folded into another: the same words from another outlet, or a split utterance. */
  merged: number;
}

/** The composed digest of a window of articles: what `onrecord digest --format json` prints. */
export interface Digest {
  from: string;
  to: string;
  officials: Official[];
  /** People quoted who are not officials, most prominent first. */
  alsoQuoted?: AlsoQuoted[];
  /** Statements from sources that are not officials, most important first. */
  others?: OtherSource[];
  stats?: DigestStats;
}

/** A subscriber's standing; only `confirmed` subscribers are sent issues. */
export type SubscriberStatus = "pending" | "confirmed" | "unsubscribed" | "bounced" | "complained";

export interface Subscriber {
  email: string;
  /** The keyed pseudonym links and deliveries name the subscriber by (null: never subscribed). */
  id?: string | null;
  status: SubscriberStatus;
  createdAt: string;
  updatedAt: string;
}

/** An article as stored: the article and the statements extracted from it once, at ingest. */
export interface StoredArticle {
  article: Article;
  statements: Statement[];
}

/**
 * An issue rendered once for everybody. Per-recipient parts are `{{placeholders}}` (the syntax
 * SES templates use) filled in afterwards by cheap substitution, never by compiling again.
 */
export interface RenderedIssue {
  subject: string;
  html: string;
  text: string;
}
