/**
 * `npm run eval -- --digest [--errors]`: the digest of each week listed in
 * `../shared/eval/officials/`, written from PolNeAR with `polnear-articles.mjs` and composed by
 * `onrecord digest`, scored by `score-officials.mjs --top 5` and `score-email.mjs`; train weeks
 * pooled (counts added up) and the dev week apart, reported, never tuned on. `--errors` prints
 * the scorers' error lines for the train weeks only. Then the seed article's digest, scored by
 * `score-digest.mjs` against its gold digest.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..", "..");
const SHARED = join(ROOT, "..", "shared");
const EVAL = join(SHARED, "eval");
const OUT = join(ROOT, "test-output", "eval-digest");
const BIN = join(ROOT, "bin", "onrecord.mjs");

interface Week {
  name: string;
  split: "train" | "dev";
  from: string;
  to: string;
  gold: string;
}

/** Fractions `n/d` in a scorer's headline, by their label, so weeks can be pooled. */
type Counts = Record<string, [number, number]>;

export async function run(args: string[]): Promise<void> {
  const errors = args.includes("--errors");
  const weeks = listWeeks();
  const pooled: Record<"train" | "dev", { officials: Counts; email: Counts; weeks: number }> = {
    train: { officials: {}, email: {}, weeks: 0 },
    dev: { officials: {}, email: {}, weeks: 0 },
  };
  for (const week of weeks) {
    const digest = composeWeek(week);
    const officials = score("score-officials.mjs", ["--gold", week.gold, "--digest", digest, "--top", "5"], {
      errors: errors && week.split === "train",
    });
    const email = score("score-email.mjs", ["--split", splitDir(week.split), "--digest", digest], {
      errors: errors && week.split === "train",
    });
    console.log(`\n${week.name} (${week.split}, ${week.from}..${week.to})`);
    console.log(`  ${officials.at(-1)}`);
    console.log(`  ${email.at(-1)}`);
    add(pooled[week.split].officials, officialCounts(officials.at(-1) ?? ""));
    add(pooled[week.split].email, emailCounts(email));
    pooled[week.split].weeks++;
  }
  for (const split of ["train", "dev"] as const) {
    const { officials, email, weeks: n } = pooled[split];
    if (n === 0) continue;
    console.log(`\n${split.toUpperCase()} (${n} week${n === 1 ? "" : "s"}, pooled)`);
    console.log(`  ${describe(officials)}`);
    console.log(`  ${describe(email)}`);
  }
  console.log("\nseed article");
  for (const line of scoreSeed().slice(-3)) console.log(`  ${line}`);
}

function listWeeks(): Week[] {
  const dir = join(EVAL, "officials");
  return (
    readdirSync(dir)
      .filter((f) => /^(train|dev)-.*\.json$/.test(f))
      // Train weeks first: what is tuned on, then what is only reported.
      .sort((a, b) => Number(a.startsWith("dev")) - Number(b.startsWith("dev")) || (a < b ? -1 : 1))
      .map((f) => {
        const gold = JSON.parse(readFileSync(join(dir, f), "utf8")) as {
          split: string;
          from: string;
          to: string;
        };
        const split = gold.split === "dev" ? "dev" : "train";
        return { name: f.replace(/\.json$/, ""), split, from: gold.from, to: gold.to, gold: join(dir, f) };
      })
  );
}

function splitDir(split: string): string {
  return join(SHARED, "corpora", "polnear", split);
}

/** Writes the week's articles and composes their digest; returns the digest's path. */
function composeWeek(week: Week): string {
  const articles = join(OUT, week.name);
  rmSync(articles, { recursive: true, force: true });
  mkdirSync(articles, { recursive: true });
  const window = ["--from", week.from, "--to", week.to];
  execFileSync(
    process.execPath,
    [join(EVAL, "polnear-articles.mjs"), "--split", splitDir(week.split), ...window, "--out", articles],
    { stdio: "ignore" },
  );
  const digest = execFileSync(process.execPath, [BIN, "digest", "--articles", articles, ...window], {
    maxBuffer: 1 << 28,
    stdio: ["ignore", "pipe", "ignore"],
  });
  const file = join(OUT, `${week.name}.digest.json`);
  writeFileSync(file, digest);
  return file;
}

function scoreSeed(): string[] {
  const dir = join(OUT, "seed");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "seed-article.txt"), readFileSync(join(SHARED, "examples", "seed-article.txt")));
  const gold = join(SHARED, "examples", "seed-article.gold.json");
  const { from, to } = JSON.parse(readFileSync(gold, "utf8")) as { from: string; to: string };
  const digest = execFileSync(
    process.execPath,
    [BIN, "digest", "--articles", dir, "--from", from, "--to", to],
    {
      stdio: ["ignore", "pipe", "ignore"],
    },
  );
  const file = join(OUT, "seed.digest.json");
  writeFileSync(file, digest);
  return score("score-digest.mjs", ["--gold", gold, "--pred", file], { errors: false });
}

/** Runs a scorer; with `errors`, prints its error lines as they come. Returns its output lines. */
function score(scorer: string, args: string[], { errors }: { errors: boolean }): string[] {
  const extra = errors && scorer !== "score-digest.mjs" ? ["--errors"] : [];
  const out = execFileSync(process.execPath, [join(EVAL, scorer), ...args, ...extra], { encoding: "utf8" });
  const lines = out.trim().split("\n");
  if (errors) for (const line of lines.slice(0, -1)) console.log(`    ${line}`);
  return lines;
}

/** "officials precision 0.556 (35/63) | … | titles right 25/35 | …" → each label's n/d. */
function officialCounts(headline: string): Counts {
  const counts: Counts = {};
  for (const part of headline.split(" | ")) {
    const m = /^(.*?)\s+(?:[\d.]+\s+)?\(?(\d+)\/(\d+)\)?$/.exec(part.trim());
    if (m) counts[m[1] as string] = [Number(m[2]), Number(m[3])];
  }
  return counts;
}

/** score-email's two lines: precision of the statements shown, and of every statement. */
function emailCounts(lines: string[]): Counts {
  const counts: Counts = {};
  const read = (label: string, line: string | undefined) => {
    const m = /right (\d+), wrong (\d+), spurious (\d+)/.exec(line ?? "");
    if (m) counts[label] = [Number(m[1]), Number(m[1]) + Number(m[2]) + Number(m[3])];
  };
  read(
    "email statements precision",
    lines.find((l) => l.startsWith("email statements precision")),
  );
  read(
    "all statements precision",
    lines.find((l) => l.startsWith("all statements: precision")),
  );
  return counts;
}

function add(into: Counts, counts: Counts): void {
  for (const [label, [n, d]] of Object.entries(counts)) {
    const had = into[label] ?? [0, 0];
    into[label] = [had[0] + n, had[1] + d];
  }
}

function describe(counts: Counts): string {
  return Object.entries(counts)
    .map(([label, [n, d]]) => `${label} ${(d ? n / d : 0).toFixed(3)} (${n}/${d})`)
    .join(" | ");
}
