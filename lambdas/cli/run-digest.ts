import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { extname, join } from "node:path";
import { z } from "zod";
import { parseArticle } from "../core/article.ts";
import { composeDigest } from "../core/digest/compose-digest.ts";
import { noIssueReason } from "../core/digest/email-worthy.ts";
import { checkWindow } from "../core/digest/window.ts";
import { extractStatements } from "../core/extraction/extract-statements.ts";
import type { Digest, StoredArticle } from "../core/types.ts";
import { type DigestOptions, EXTENSIONS } from "./digest.ts";
import { fileProblem } from "./errors.ts";

/** Composes the digest of the options' window and writes it in the chosen format. */
export async function runDigest(options: DigestOptions): Promise<void> {
  // A bad window is reported before any article is read.
  checkWindow(options.from, options.to, options.timeZone);
  const articles = await readArticles(options.articles, options.timeZone);
  const previous = options.previous ? await readPreviousDigest(options.previous) : null;
  const digest = composeDigest({
    articles,
    from: options.from,
    to: options.to,
    timeZone: options.timeZone,
    previous,
    minConfidence: options.minConfidence,
  });
  reportCounts(digest);
  // A week with nothing for the email is no issue: JSON still shows what was found, the rest nothing.
  const noIssue = noIssueReason(digest, options.minStatements);
  if (noIssue) process.stderr.write(`onrecord digest: ${noIssue}\n`);
  if (noIssue && options.format !== "json") return;
  const output = await formatDigest(digest, options);
  if (!options.out) {
    process.stdout.write(output);
    return;
  }
  await mkdir(options.out, { recursive: true });
  const file = join(options.out, `digest-${digest.from}-${digest.to}.${EXTENSIONS[options.format]}`);
  await writeFile(file, output);
  process.stdout.write(`${file}\n`);
}

/**
 * Every .txt and .json file in the directory, parsed and run through the extractor. A file that
 * cannot be read is reported on stderr and left out (and the exit code says so); the others go on.
 * Files without a date of their own are dated by their modification day in the window's zone.
 */
async function readArticles(dir: string, timeZone: string): Promise<StoredArticle[]> {
  await folderOfArticles("--articles", dir);
  const entries = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
  const day = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  });
  const stored: StoredArticle[] = [];
  for (const name of entries.sort()) {
    // Hidden files are not articles (`onrecord fetch` keeps its state in `.onrecord-fetch.json`).
    if (name.startsWith(".") || ![".txt", ".json"].includes(extname(name).toLowerCase())) continue;
    const path = join(dir, name);
    try {
      const bytes = await readFile(path);
      const fallbackDate = day.format((await stat(path)).mtime);
      const article = parseArticle({ name: path, bytes, fallbackDate });
      stored.push({ article, statements: extractStatements(article) });
    } catch (error) {
      process.stderr.write(`onrecord digest: skipped ${fileProblem(path, error)}\n`);
      process.exitCode = 1;
    }
  }
  return stored;
}

/** Says in one line why `dir` is not a folder to read articles from, if it is not. */
export async function folderOfArticles(option: string, dir: string): Promise<void> {
  const info = await stat(dir).catch((error) => {
    throw new Error(`${option} ${fileProblem(dir, error)}`);
  });
  if (!info.isDirectory()) throw new Error(`${option} ${dir}: a file, not a folder of articles`);
}

// What ranking reads of the previous issue: its statements' words.
const StatementsOf = z.array(z.looseObject({ statements: z.array(z.looseObject({ text: z.string() })) }));
const PreviousDigest = z.looseObject({ officials: StatementsOf, others: StatementsOf.optional() });

/** The previous issue's digest, as `onrecord digest --format json` wrote it. */
async function readPreviousDigest(file: string): Promise<Digest> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new Error(`--previous ${fileProblem(file, error)}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`--previous ${file}: not JSON (${(error as Error).message})`);
  }
  const checked = PreviousDigest.safeParse(parsed);
  if (!checked.success)
    throw new Error(`--previous ${file}: not a digest (${checked.error.issues[0]?.message})`);
  return checked.data as unknown as Digest;
}

function reportCounts(digest: Digest): void {
  const statements = digest.officials.reduce((n, o) => n + o.statements.length, 0);
  const others = (digest.others ?? []).reduce((n, o) => n + o.statements.length, 0);
  const {
    articles = 0,
    statements: gathered = 0,
    merged = 0,
    doubtful = 0,
    offRecord = 0,
  } = digest.stats ?? {};
  process.stderr.write(
    `onrecord digest: ${articles} articles in ${digest.from}..${digest.to}, ${gathered} statements gathered, ` +
      `${merged} merged as duplicates, ${doubtful} left out as doubtful attributions, ${offRecord} as off the record; ${digest.officials.length} officials with ${statements} statements, ` +
      `${digest.others?.length ?? 0} other sources with ${others}\n`,
  );
}

async function formatDigest(digest: Digest, options: DigestOptions): Promise<string | Buffer> {
  if (options.format === "json") return `${JSON.stringify(digest, null, 2)}\n`;
  // MJML and the mail builder load only for the formats that need them (a second or so).
  const { personaliseIssue, renderDigest } = await import("../adapters/mjml-renderer.ts");
  const { buildEml } = await import("../adapters/eml-builder.ts");
  const issue = await renderDigest(digest, {
    postalAddress: options.postalAddress,
    senderName: options.senderName,
    archiveUrl: options.archiveUrl ?? null,
    maxOfficials: options.maxOfficials,
    maxStatements: options.maxStatements,
  });
  const copy = personaliseIssue(issue, { email: options.recipient, unsubscribeUrl: options.unsubscribeUrl });
  if (options.format === "html") return copy.html;
  if (options.format === "text") return copy.text;
  return buildEml(copy, {
    from: { name: options.senderName, address: options.sender },
    to: options.recipient,
    unsubscribeUrl: options.unsubscribeUrl,
  });
}
