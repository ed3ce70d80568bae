/**
 * Extraction throughput over every PolNeAR train text, beside a bare word-tokenization pass over
 * the same text (the floor) and compromise's `nlp(text)` (what a JavaScript user would reach for);
 * and the peak memory of extracting the whole train set in a fresh process.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import nlp from "compromise";
import { extractStatements } from "../../lambdas/core/extraction/extract-statements.ts";
import { type ModelFile, StatementModel } from "../../lambdas/core/extraction/score/model.ts";
import MODEL from "../../lambdas/core/extraction/score/statement-model.json" with { type: "json" };
import { mark, measureThroughput, printTable } from "./measure.ts";

export const TRAIN_TEXTS = fileURLToPath(
  new URL("../../../shared/corpora/polnear/train/text/", import.meta.url),
);
const ROUNDS = 7;
/** compromise runs at a fraction of a MB/s: it is timed on a sample, enough for a stable rate. */
const COMPROMISE_SAMPLE_BYTES = 400_000;

export function loadTrainTexts(): string[] {
  return readdirSync(TRAIN_TEXTS)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => readFileSync(TRAIN_TEXTS + f, "utf8"));
}

const bytesOf = (texts: string[]) => texts.reduce((n, t) => n + Buffer.byteLength(t), 0);

export async function run(): Promise<void> {
  const texts = loadTrainTexts();
  const total = bytesOf(texts);
  const sample: string[] = [];
  for (const text of texts) if (bytesOf(sample) < COMPROMISE_SAMPLE_BYTES) sample.push(text);
  const sampleBytes = bytesOf(sample);
  let sink = 0;
  const results = measureThroughput(
    [
      {
        name: "word tokenization (floor)",
        run: () => {
          for (const text of texts) for (const _ of text.matchAll(/[\p{L}\p{N}]+/gu)) sink++;
          return total;
        },
      },
      {
        name: "onrecord extractStatements (model)",
        run: () => {
          for (const body of texts) sink += extractStatements({ body }).length;
          return total;
        },
      },
      {
        name: "onrecord extractStatements (rules baseline)",
        run: () => {
          for (const body of texts) sink += extractStatements({ body }, { scorer: "rules" }).length;
          return total;
        },
      },
      {
        name: `compromise nlp() (${(sampleBytes / 1e6).toFixed(2)} MB sample)`,
        run: () => {
          for (const text of sample) sink += nlp(text).length;
          return sampleBytes;
        },
      },
    ],
    ROUNDS,
  );
  const [floor, onrecord, rules, compromise] = results as [
    (typeof results)[0],
    (typeof results)[0],
    (typeof results)[0],
    (typeof results)[0],
  ];
  console.log(
    `PolNeAR train: ${texts.length} texts, ${(total / 1e6).toFixed(2)} MB; ${ROUNDS} interleaved rounds, one core`,
  );
  console.log(
    `load average ${os.loadavg()[0]?.toFixed(1)} on ${os.availableParallelism()} cores: CPU-time rates say what one core delivers, whatever the neighbours do`,
  );
  printTable([
    ["subject", "MB/s wall (median)", "best", "MB/s CPU time (median)", "onrecord vs it"],
    ...results.map((r) => [
      r.name,
      r.median.toFixed(2),
      r.best.toFixed(2),
      r.cpuMedian.toFixed(2),
      `${(onrecord.cpuMedian / r.cpuMedian).toFixed(2)}×`,
    ]),
  ]);
  const speedup = onrecord.cpuMedian / compromise.cpuMedian;
  console.log(
    `${mark(onrecord.cpuMedian >= 8)} extraction ${onrecord.cpuMedian.toFixed(2)} MB per CPU-second with the model (target ≥ 8); the rules baseline ${rules.cpuMedian.toFixed(2)}`,
  );
  const load = modelLoadTime();
  console.log(
    `model: ${(Buffer.byteLength(JSON.stringify(MODEL)) / 1024).toFixed(0)} KB, its weights decoded in ${load.toFixed(1)} ms (median of 9), once per process`,
  );
  console.log(
    `${mark(speedup >= 20)} ${speedup.toFixed(1)}× compromise (target ≥ 20×); ${(floor.cpuMedian / onrecord.cpuMedian).toFixed(1)}× slower than the tokenization floor`,
  );
  const rss = peakMemory();
  console.log(
    `${mark(rss.extract < 200)} peak RSS extracting the whole train set: ${rss.extract.toFixed(0)} MB (target < 200); reading it without extracting: ${rss.read.toFixed(0)} MB`,
  );
  if (sink < 0) console.log(sink);
}

function modelLoadTime(): number {
  const times: number[] = [];
  for (let i = 0; i < 9; i++) {
    const start = performance.now();
    new StatementModel(MODEL as ModelFile);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[4] as number;
}

/** Peak resident memory, in MB, of a fresh process that extracts (or only reads) every train text. */
function peakMemory(): { extract: number; read: number } {
  const script = fileURLToPath(new URL("./extraction-memory.ts", import.meta.url));
  const measure = (mode: string) =>
    Number(
      execFileSync(process.execPath, ["--import", "tsx", script, mode, TRAIN_TEXTS], {
        encoding: "utf8",
      }).trim(),
    );
  return { extract: measure("extract"), read: measure("read") };
}
