import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Command, type CommanderError } from "commander";
import { describe, expect, it, vi } from "vitest";
import { registerDigest } from "../../lambdas/cli/digest.ts";

const CLI = fileURLToPath(new URL("../../bin/onrecord.mjs", import.meta.url));
const EXAMPLES = fileURLToPath(new URL("../../examples/", import.meta.url));
const WEEK = ["--from", "2026-11-16", "--to", "2026-11-22"];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The real `onrecord` launcher in a child process, as a user runs it. */
async function onrecordProcess(...args: string[]): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)("node", [CLI, ...args], { maxBuffer: 1 << 26 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** The same command in this process (a child process costs seconds on a shared machine). */
async function onrecord(...args: string[]): Promise<Run> {
  const program = new Command("onrecord").exitOverride();
  registerDigest(program);
  const stdout: string[] = [];
  const stderr: string[] = [];
  const capture = (into: string[]) => (chunk: string | Uint8Array) => {
    into.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString());
    return true;
  };
  const out = vi.spyOn(process.stdout, "write").mockImplementation(capture(stdout));
  const err = vi.spyOn(process.stderr, "write").mockImplementation(capture(stderr));
  const exitCode = process.exitCode;
  process.exitCode = undefined;
  let code = 0;
  try {
    await program.parseAsync(["node", "onrecord", ...args]);
    code = Number(process.exitCode ?? 0);
  } catch (error) {
    code = (error as CommanderError).exitCode ?? 1;
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = exitCode;
  }
  return { code, stdout: stdout.join(""), stderr: stderr.join("") };
}

describe("onrecord digest", () => {
  it("prints the digest of the examples as JSON in the documented shape", async () => {
    const { code, stdout, stderr } = await onrecordProcess(
      "digest",
      "--articles",
      EXAMPLES,
      ...WEEK,
      "--format",
      "json",
    );
    expect(code).toBe(0);
    const digest = JSON.parse(stdout);
    expect(digest).toMatchObject({ from: "2026-11-16", to: "2026-11-22" });
    expect(digest.officials.length).toBeGreaterThan(0);
    for (const official of digest.officials) {
      expect(official).toEqual(
        expect.objectContaining({ name: expect.any(String), summary: expect.any(String) }),
      );
      expect(official).toHaveProperty("title");
      for (const s of official.statements) {
        expect(["direct", "mixed", "indirect"]).toContain(s.kind);
        for (const src of s.sources)
          expect(Object.keys(src)).toEqual(expect.arrayContaining(["article", "title", "date", "url"]));
      }
    }
    const articles = digest.officials.flatMap((o: { statements: { sources: { article: string }[] }[] }) =>
      o.statements.flatMap((s) => s.sources.map((x) => x.article)),
    );
    expect(articles).toContain("defence-forum.txt");
    expect(stderr).toMatch(/4 articles in 2026-11-16\.\.2026-11-22, \d+ statements gathered, \d+ merged/);
  });

  it.each([
    ["html", "digest-2026-11-16-2026-11-22.html", /^<!doctype html>/],
    ["text", "digest-2026-11-16-2026-11-22.txt", /^Hello,\n\nON THE RECORD · 16 – 22 November 2026/],
    ["eml", "digest-2026-11-16-2026-11-22.eml", /Content-Type: multipart\/alternative/],
  ])("writes the %s form into --out", async (format, file, content) => {
    const out = await mkdtemp(join(tmpdir(), "onrecord-digest-"));
    const { code, stdout } = await onrecord(
      "digest",
      "--articles",
      EXAMPLES,
      ...WEEK,
      "--format",
      format,
      "--out",
      out,
    );
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(join(out, file));
    const written = await readFile(join(out, file), "utf8");
    expect(written).toMatch(content);
    expect(written).toContain("LOCAL PREVIEW ONLY");
  });

  it.each([
    [["--from", "2026-11-22", "--to", "2026-11-16"], /from \(2026-11-22\) is after to \(2026-11-16\)/],
    [[...WEEK, "--time-zone", "Nowhere/Special"], /unknown time zone/],
    [[...WEEK, "--format", "pdf"], /argument 'pdf' is invalid/],
  ])("refuses %j with a clear message", async (args, message) => {
    const { code, stderr } = await onrecord("digest", "--articles", EXAMPLES, ...args);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(message);
  });

  it.each([
    ["not JSON", "{ officials: ["],
    ["not a digest", '{"officials": [{"statements": [{"text": 3}]}]}'],
  ])("refuses a previous issue that is %s", async (_, content) => {
    const file = join(await mkdtemp(join(tmpdir(), "onrecord-previous-")), "previous.json");
    await writeFile(file, content);
    const { code, stderr } = await onrecord("digest", "--articles", EXAMPLES, ...WEEK, "--previous", file);
    expect(code).toBe(1);
    expect(stderr).toContain(`--previous ${file}: ${_}`);
  });

  it("ranks what the previous issue carried below what is new", async () => {
    const first = JSON.parse((await onrecord("digest", "--articles", EXAMPLES, ...WEEK)).stdout);
    const lead = first.officials[0].statements[0].text;
    const file = join(await mkdtemp(join(tmpdir(), "onrecord-previous-")), "previous.json");
    // Last week's issue carried this week's lead statement, and nothing else.
    const previous = {
      ...first,
      officials: [{ ...first.officials[0], statements: [first.officials[0].statements[0]] }],
    };
    await writeFile(file, JSON.stringify(previous));
    const again = JSON.parse(
      (await onrecord("digest", "--articles", EXAMPLES, ...WEEK, "--previous", file)).stdout,
    );
    const official = again.officials.find((o: { name: string }) => o.name === first.officials[0].name);
    expect(official.statements[0].text).not.toBe(lead);
  });

  describe("a week without a statement of an official", () => {
    const EMPTY = ["--from", "2026-10-05", "--to", "2026-10-11"];

    it("prints the empty digest as JSON, exit code 0, the reason on stderr", async () => {
      const { code, stdout, stderr } = await onrecord("digest", "--articles", EXAMPLES, ...EMPTY);
      expect(code).toBe(0);
      expect(JSON.parse(stdout)).toMatchObject({ from: "2026-10-05", to: "2026-10-11", officials: [] });
      expect(stderr).toContain(
        "no issue for 2026-10-05..2026-10-11: no statement of an official for the email (at least 1 needed)",
      );
    });

    it.each(["html", "text", "eml"])("writes no %s issue, and says why", async (format) => {
      const out = await mkdtemp(join(tmpdir(), "onrecord-digest-"));
      const run = await onrecord(
        "digest",
        "--articles",
        EXAMPLES,
        ...EMPTY,
        "--format",
        format,
        "--out",
        out,
      );
      expect(run).toMatchObject({ code: 0, stdout: "" });
      expect(run.stderr).toMatch(/no issue for 2026-10-05\.\.2026-10-11/);
    });

    it("is any week with fewer statements for the email than --min-statements", async () => {
      const run = await onrecord(
        "digest",
        "--articles",
        EXAMPLES,
        ...WEEK,
        "--format",
        "text",
        "--min-statements",
        "500",
      );
      expect(run).toMatchObject({ code: 0, stdout: "" });
      expect(run.stderr).toMatch(
        /no issue for 2026-11-16\.\.2026-11-22: only \d+ statements of an official for the email \(at least 500 needed\)/,
      );
    });
  });

  it("reports an unreadable article and still composes the others", async () => {
    const dir = await mkdtemp(join(tmpdir(), "onrecord-articles-"));
    await writeFile(join(dir, "binary.txt"), Buffer.from([0, 1, 2, 3, 255, 254]));
    await writeFile(join(dir, "good.txt"), await readFile(join(EXAMPLES, "defence-forum.txt")));
    const { code, stdout, stderr } = await onrecord("digest", "--articles", dir, ...WEEK);
    expect(code).toBe(1);
    expect(stderr).toMatch(/skipped .*binary\.txt: .*(binary|UTF-8)/);
    expect(JSON.parse(stdout).officials.map((o: { name: string }) => o.name)).toContain("Han Tae-woo");
  });
});
