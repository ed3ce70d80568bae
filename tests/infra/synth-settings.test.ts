import { execFile } from "node:child_process";
import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const root = new URL("../..", import.meta.url).pathname;

/** `npx cdk synth` in the project, as a deployer runs it, into a folder of its own. */
async function synth(...context: string[]) {
  const out = await mkdtemp(join(tmpdir(), "onrecord-synth-"));
  try {
    await promisify(execFile)("npx", ["cdk", "synth", "--quiet", "--output", out, ...context], { cwd: root });
    return { code: 0, stderr: "", out };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, stderr: failed.stderr, out };
  }
}

describe("npx cdk synth without the settings a deployment must give", { timeout: 120_000 }, () => {
  it("names each missing setting, what it is and how to give it, with no stack trace, and builds nothing", async () => {
    const result = await synth();
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(
      "onrecord: settings missing: sender (the From address of every issue); postalAddress (the sender's postal address, printed in every issue's footer).\n" +
        `Give them in cdk.json's "context", or on the command line: npx cdk synth -c sender=digest@example.org -c postalAddress="1 Example Street, Riverton, 12345" (the same -c for cdk deploy).\n`,
    );
    expect(result.stderr).not.toMatch(/\n\s+at |Error:|node:internal/);
    expect(await readdir(result.out)).toEqual([]);
  });

  it("names a setting given wrong, and only what is still missing", async () => {
    const result = await synth("-c", "sender=not-an-address");
    expect(result.stderr).toContain("onrecord: setting sender must be an email address\n");
    expect(result.stderr).toContain("onrecord: settings missing: postalAddress (");
    expect(result.stderr).not.toMatch(/\n\s+at |Error:/);
  });
});
