import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";

const onrecord = new URL("../../bin/onrecord.mjs", import.meta.url).pathname;
const examples = new URL("../../examples", import.meta.url).pathname;

/** The command run in `cwd` as a user types it. */
async function cli(...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [onrecord, ...args], { cwd });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

// Raw system error codes, validation-library wording, a stack trace: none is the user's terms.
const NOT_PLAIN = /ENOENT|EISDIR|ENOTDIR|EEXIST|scandir|Invalid input|expected string|\n\s+at /;

let cwd = "";
beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), "onrecord-errors-"));
  await writeFile(join(cwd, "no-body.json"), JSON.stringify({ title: "A headline and nothing else" }));
  await writeFile(join(cwd, "a-file"), "not a folder");
  await mkdir(join(cwd, "empty"));
});

describe("onrecord's errors, one line each in the user's terms", () => {
  it.each([
    [["extract", "missing.txt"], "onrecord extract: missing.txt: no such file or folder"],
    [["extract", "empty"], "onrecord extract: empty: a folder with no .txt or .json article in it"],
    [
      ["extract", "no-body.json"],
      `onrecord extract: no-body.json: not an article: no "body" with the article's text`,
    ],
    [
      ["digest", "--articles", "missing", "--from", "2026-11-16", "--to", "2026-11-22"],
      "onrecord digest: --articles missing: no such file or folder",
    ],
    [
      ["digest", "--articles", "a-file", "--from", "2026-11-16", "--to", "2026-11-22"],
      "onrecord digest: --articles a-file: a file, not a folder of articles",
    ],
    [
      [
        "digest",
        "--articles",
        examples,
        "--from",
        "2026-11-16",
        "--to",
        "2026-11-22",
        "--previous",
        "gone.json",
      ],
      "onrecord digest: --previous gone.json: no such file or folder",
    ],
    [
      ["fetch", "--feed", "http://127.0.0.1:9/feed.xml", "--out", "a-file", "--allow-private-hosts"],
      "onrecord fetch: --out a-file: a file, not a folder",
    ],
    [
      ["send", "--week", "2026-W99"],
      `onrecord send: option '--week <week>' argument '2026-W99' is invalid. not an ISO week: "2026-W99" (expected YYYY-Www, e.g. 2026-W47) (see \`onrecord send --help\`)`,
    ],
    [
      ["digest"],
      "onrecord digest: required option '--articles <dir>' not specified (see `onrecord digest --help`)",
    ],
    [["publish"], "onrecord: unknown command 'publish' (see `onrecord --help`)"],
    [
      ["start", "--port", "http"],
      "onrecord start: option '--port <port>' argument 'http' is invalid. expected a port number, 0 to 65535 (see `onrecord start --help`)",
    ],
  ])("onrecord %j", async (args, line) => {
    const result = await cli(...args);
    expect(result.code).toBe(1);
    expect(result.stderr.split("\n").filter((l) => !l.startsWith("onrecord digest: 4 articles"))).toEqual([
      line,
      "",
    ]);
    expect(result.stderr).not.toMatch(NOT_PLAIN);
  });

  it("names a skipped file's problem once, in plain words, and goes on with the others", async () => {
    const dir = join(cwd, "week");
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, "no-body.json"), JSON.stringify({ title: "x", body: 42 }));
    await writeFile(
      join(dir, "said.txt"),
      'date 2026-11-18 "We will not close it," Mayor Daniel Reyes said.',
    );
    const result = await cli("digest", "--articles", dir, "--from", "2026-11-16", "--to", "2026-11-22");
    expect(result.stderr.split("\n")[0]).toBe(
      `onrecord digest: skipped ${join(dir, "no-body.json")}: not an article: "body" is a number, not text`,
    );
    expect(result.stderr).not.toMatch(NOT_PLAIN);
    expect(JSON.parse(result.stdout).officials[0].name).toBe("Daniel Reyes");
  });

  it("prints its version", async () => {
    const { version } = JSON.parse(await readFile(new URL("../../package.json", import.meta.url), "utf8"));
    expect(await cli("--version")).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });
});

describe("onrecord ingest takes folders", { timeout: 60_000 }, () => {
  it("stores a folder's article files, says a folder without any holds none, and reports a bad file once", async () => {
    const result = await cli("ingest", examples, "empty", "no-body.json");
    const stored = result.stdout.trim().split("\n");
    expect(stored).toHaveLength(4);
    for (const line of stored)
      expect(line).toMatch(/^stored +\S+\/examples\/[\w-]+\.(txt|json) \(2026-11-\d\d, \d+ statements\)$/);
    expect(result.stderr).toBe(
      [
        "onrecord ingest: empty: a folder with no .txt or .json article files",
        `onrecord ingest: no-body.json: not an article: no "body" with the article's text`,
        "",
      ].join("\n"),
    );
    expect(result.code).toBe(1);
    expect((await cli("ingest", "missing")).stderr).toBe(
      "onrecord ingest: missing: no such file or folder\n",
    );
  });
});
