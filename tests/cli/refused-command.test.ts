import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runOnrecord } from "../support/cli-run.ts";

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
    const ingest = await runOnrecord(["ingest", "big.txt", "good.txt"], cwd);
    const today = new Date().toISOString().slice(0, 10);
    const refused = await runOnrecord(["refused", "--since", today], cwd);
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
