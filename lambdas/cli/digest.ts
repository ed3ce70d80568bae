import { type Command, InvalidArgumentError, Option } from "commander";
import { DEFAULT_MIN_CONFIDENCE } from "../core/digest/email-worthy.ts";
import { plainError } from "./errors.ts";

/** Stands in for the sender's postal address in local previews; never send bulk mail with it. */
export const LOCAL_POSTAL_ADDRESS =
  "LOCAL PREVIEW ONLY, set ONRECORD_POSTAL_ADDRESS: 1 Example Street, Nowhere";

const FORMATS = ["json", "html", "text", "eml"] as const;
export type Format = (typeof FORMATS)[number];
export const EXTENSIONS: Record<Format, string> = { json: "json", html: "html", text: "txt", eml: "eml" };

export interface DigestOptions {
  articles: string;
  from: string;
  to: string;
  format: Format;
  out?: string;
  previous?: string;
  timeZone: string;
  maxOfficials: number;
  maxStatements: number;
  minStatements: number;
  minConfidence: number;
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
      count(
        "--min-statements <n>",
        "statements of officials the email needs; with fewer, no issue (JSON still printed)",
        "ONRECORD_MIN_STATEMENTS",
        1,
      ),
    )
    .addOption(
      new Option(
        "--min-confidence <p>",
        "how sure an attribution must be for the email, 0 to 1 (the JSON marks the rest email: false)",
      )
        .env("ONRECORD_MIN_CONFIDENCE")
        .default(DEFAULT_MIN_CONFIDENCE)
        .argParser((value) => {
          const p = Number(value);
          if (!(p >= 0 && p <= 1)) throw new InvalidArgumentError("expected a number from 0 to 1");
          return p;
        }),
    )
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
        await (await import("./run-digest.ts")).runDigest(options);
      } catch (error) {
        // Bad input (a window, a setting, a directory) is the user's to fix: say what, not where.
        process.stderr.write(`onrecord digest: ${plainError(error)}\n`);
        process.exitCode = 1;
      }
    });
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
