import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { extname, join } from "node:path";
import { type Command, InvalidArgumentError, Option } from "commander";
import { z } from "zod";
import { buildEml } from "../adapters/eml-builder.ts";
import { personaliseIssue, renderDigest } from "../adapters/mjml-renderer.ts";
import { parseArticle } from "../core/article.ts";
import { composeDigest } from "../core/digest/compose-digest.ts";
import { checkWindow } from "../core/digest/window.ts";
import { extractStatements } from "../core/extraction/extract-statements.ts";
import type { Digest, StoredArticle } from "../core/types.ts";

/** Stands in for the sender's postal address in local previews; never send bulk mail with it. */
export const LOCAL_POSTAL_ADDRESS =
  "LOCAL PREVIEW ONLY, set ONRECORD_POSTAL_ADDRESS: 1 Example Street, Nowhere";

const FORMATS = ["json", "html", "text", "eml"] as const;
type Format = (typeof FORMATS)[number];
const EXTENSIONS: Record<Format, string> = { json: "json", html: "html", text: "txt", eml: "eml" };

interface DigestOptions {
  articles: string;
  from: string;
  to: string;
  format: Format;
  out?: string;
  previous?: string;
  timeZone: string;
  maxOfficials: number;
  maxStatements: number;
  archiveUrl?: string;
  postalAddress: string;
  senderName: string;
  sender: string;
  recipient: string;
  unsubscribeUrl: string;
}

/** `onrecord digest`: the digest of a directory of articles, as JSON, HTML, text or a whole email. */
export function registerDigest(program: Command): void {
  program
    .command("digest")
    .description("compose the digest of the articles (.txt, .json) in a directory, dated within a window")
    .requiredOption("--articles <dir>", "directory of article files")
    .requiredOption("--from <date>", "first day of the window, YYYY-MM-DD")
    .requiredOption("--to <date>", "last day of the window, YYYY-MM-DD (included)")
    .addOption(new Option("--format <format>", "output format").choices(FORMATS).default("json"))
    .option("--out <dir>", "write digest-FROM-TO.EXT into this directory instead of standard output")
    .option("--previous <file>", "the previous issue's digest (JSON): statements it carried rank lower")
    .addOption(
      new Option("--time-zone <zone>", "time zone of the window's days")
        .env("ONRECORD_TIME_ZONE")
        .default("UTC"),
    )
    .addOption(count("--max-officials <n>", "officials shown in the email", "ONRECORD_MAX_OFFICIALS", 10))
    .addOption(count("--max-statements <n>", "statements shown per official", "ONRECORD_MAX_STATEMENTS", 3))
    .addOption(
      new Option("--archive-url <url>", "the full issue's address, linked from the email").env(
        "ONRECORD_ARCHIVE_URL",
      ),
    )
    .addOption(
      new Option("--postal-address <text>", "sender's postal address (required for bulk mail)")
        .env("ONRECORD_POSTAL_ADDRESS")
        .default(LOCAL_POSTAL_ADDRESS, "a placeholder marked for local preview"),
    )
    .addOption(
      new Option("--sender-name <name>", "sender's display name")
        .env("ONRECORD_SENDER_NAME")
        .default("onrecord"),
    )
    .addOption(
      new Option("--sender <address>", "From address (eml)")
        .env("ONRECORD_SENDER")
        .default("digest@onrecord.example"),
    )
    .option("--recipient <address>", "who the preview copy is for (eml)", "reader@example.org")
    .option(
      "--unsubscribe-url <url>",
      "the preview copy's unsubscribe link",
      "https://onrecord.example/unsubscribe?token=preview",
    )
    .action(async (options: DigestOptions) => {
      try {
        await runDigest(options);
      } catch (error) {
        // Bad input (a window, a setting, a directory) is the user's to fix: say what, not where.
        process.stderr.write(`onrecord digest: ${(error as Error).message}\n`);
        process.exitCode = 1;
      }
    });
}

async function runDigest(options: DigestOptions): Promise<void> {
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
  });
  reportCounts(digest);
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

function count(flags: string, description: string, env: string, fallback: number): Option {
  return new Option(flags, description)
    .env(env)
    .default(fallback)
    .argParser((value) => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1)
        throw new InvalidArgumentError("expected a whole number of at least 1");
      return n;
    });
}

/**
 * Every .txt and .json file in the directory, parsed and run through the extractor. A file that
 * cannot be read is reported on stderr and left out (and the exit code says so); the others go on.
 * Files without a date of their own are dated by their modification day in the window's zone.
 */
async function readArticles(dir: string, timeZone: string): Promise<StoredArticle[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
  const day = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  });
  const stored: StoredArticle[] = [];
  for (const name of entries.sort()) {
    if (![".txt", ".json"].includes(extname(name).toLowerCase())) continue;
    const path = join(dir, name);
    try {
      const bytes = await readFile(path);
      const fallbackDate = day.format((await stat(path)).mtime);
      const article = parseArticle({ name: path, bytes, fallbackDate });
      stored.push({ article, statements: extractStatements(article) });
    } catch (error) {
      process.stderr.write(`onrecord digest: skipped ${path}: ${(error as Error).message}\n`);
      process.exitCode = 1;
    }
  }
  return stored;
}

// What ranking reads of the previous issue: its statements' words.
const StatementsOf = z.array(z.looseObject({ statements: z.array(z.looseObject({ text: z.string() })) }));
const PreviousDigest = z.looseObject({ officials: StatementsOf, others: StatementsOf.optional() });

/** The previous issue's digest, as `onrecord digest --format json` wrote it. */
async function readPreviousDigest(file: string): Promise<Digest> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, "utf8"));
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
  const { articles = 0, statements: gathered = 0, merged = 0 } = digest.stats ?? {};
  process.stderr.write(
    `onrecord digest: ${articles} articles in ${digest.from}..${digest.to}, ${gathered} statements gathered, ` +
      `${merged} merged as duplicates; ${digest.officials.length} officials with ${statements} statements, ` +
      `${digest.others?.length ?? 0} other sources with ${others}\n`,
  );
}

async function formatDigest(digest: Digest, options: DigestOptions): Promise<string | Buffer> {
  if (options.format === "json") return `${JSON.stringify(digest, null, 2)}\n`;
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
