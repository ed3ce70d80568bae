/** Extraction on the PolNeAR dev split, scored by `../shared/eval/score-attributions.mjs`. */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const SHARED = join(import.meta.dirname, "..", "..", "..", "shared");
const DEV = join(SHARED, "corpora", "polnear", "dev");
const OUT = join(import.meta.dirname, "..", "..", "test-output");

export async function run(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const files = readdirSync(join(DEV, "text"))
    .filter((f) => f.endsWith(".txt"))
    .map((f) => join(DEV, "text", f));
  const bin = join(import.meta.dirname, "..", "..", "bin", "onrecord.mjs");
  const predictions = execFileSync(process.execPath, [bin, "extract", "--format", "jsonl", ...files], {
    maxBuffer: 1 << 30,
  });
  const pred = join(OUT, "dev.jsonl");
  writeFileSync(pred, predictions);
  const scorer = join(SHARED, "eval", "score-attributions.mjs");
  execFileSync(process.execPath, [scorer, "--split", DEV, "--pred", pred], { stdio: "inherit" });
}
