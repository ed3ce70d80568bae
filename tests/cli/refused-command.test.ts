import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const onrecord = new URL("../../bin/onrecord.mjs", import.meta.url).pathname;

/** A one-shot command in `cwd`, as a user types it. */
async function cli(cwd: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [onrecord, ...args], { cwd });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("npx onrecord refused, as a user runs it", () => {
  it("lists what ingest did not store, with when and why, and a count; the good file beside it is stored", async () => {
    // Prepare: a folder with no npm start running, an article over the size cap and a good one.
    const cwd = await mkdtemp(join(tmpdir(), "onrecord-refused-"));
    await writeFile(join(cwd, "big.txt"), Buffer.alloc(400 * 1024, "a"));
    await writeFile(
      join(cwd, "good.txt"),
      'date 2026-11-25 "The bridge is paid for," Transport Minister Ana Costa said.',
    );
    // Act
    const ingest = await cli(cwd, "ingest", "big.txt", "good.txt");
    const today = new Date().toISOString().slice(0, 10);
    const refused = await cli(cwd, "refused", "--since", today);
    // Assess
    expect(ingest.code).toBe(1);
    expect(ingest.stdout).toMatch(/^stored +good\.txt \(2026-11-25, 1 statements\)\n$/);
    expect(refused).toMatchObject({ code: 0, stderr: "" });
    expect(refused.stdout.split("\n")).toEqual([
      expect.stringMatching(
        /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ {2}big\.txt {2}400 KB, larger than the 300 KB an article may be$/,
      ),
      `1 refused since ${today}`,
      "",
    ]);
  });
});
