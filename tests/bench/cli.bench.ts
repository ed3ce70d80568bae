/**
 * `npm run bench -- cli`: how fast the command answers. The package's `bin` (bin/onrecord.mjs, as
 * `npx onrecord` runs it) with `--help`, and with `extract` of one small article, each beside
 * `node -e 0` (Node starting and doing nothing) in the same run, interleaved, so a busy machine
 * slows all three alike. Target: each within 5 times `node -e 0`.
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
// @ts-expect-error: the launcher's build helper is plain JavaScript, without types.
import { freshBuild, PROJECT_ROOT } from "../../bin/build-cli.mjs";
import { mark, median, printTable } from "./measure.ts";

const ROUNDS = 21;
const TARGET = 5;

export async function run(): Promise<void> {
  const bin = fileURLToPath(new URL("../../bin/onrecord.mjs", import.meta.url));
  const dir = await mkdtemp(join(tmpdir(), "onrecord-bench-cli-"));
  const article = join(dir, "council.txt");
  await writeFile(
    article,
    'date 2026-11-18 RIVERTON — "We will not close the clinic," Mayor Daniel Reyes said on Wednesday. ' +
      "Council President Maria Lind said the vote would come in December.\n",
  );
  const subjects = [
    { name: "node -e 0", args: ["-e", "0"] },
    { name: "onrecord --help", args: [bin, "--help"] },
    { name: `onrecord extract (${relative(dir, article)}, 1 file)`, args: [bin, "extract", article] },
  ];
  // Once each first: the launcher rebuilds a stale build here, outside the measured rounds.
  for (const s of subjects) check(s.name, spawnSync(process.execPath, s.args, { encoding: "utf8" }));
  const built = await freshBuild();
  const times = subjects.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS; round++)
    subjects.forEach((s, k) => {
      const started = performance.now();
      check(s.name, spawnSync(process.execPath, s.args, { encoding: "utf8" }));
      times[k]?.push(performance.now() - started);
    });
  const medians = times.map((t) => median([...t].sort((a, b) => a - b)));
  const floor = medians[0] ?? Number.NaN;
  console.log(
    `${ROUNDS} interleaved rounds, median wall time; the launcher ran ${built ? relative(PROJECT_ROOT, built) : "the TypeScript sources through tsx (no fresh build)"}`,
  );
  printTable([
    ["command", "ms", "× node -e 0"],
    ...subjects.map((s, k) => [s.name, (medians[k] ?? 0).toFixed(0), ((medians[k] ?? 0) / floor).toFixed(1)]),
  ]);
  for (const [k, s] of subjects.entries()) {
    if (k === 0) continue;
    const ratio = (medians[k] ?? 0) / floor;
    console.log(`${mark(ratio <= TARGET)} ${s.name}: ${ratio.toFixed(1)}× node -e 0 (target ≤ ${TARGET}×)`);
  }
}

function check(name: string, result: ReturnType<typeof spawnSync>): void {
  if (result.status !== 0)
    throw new Error(`${name} exited ${result.status}: ${String(result.stderr).trim()}`);
}
