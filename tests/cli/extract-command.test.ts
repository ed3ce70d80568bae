import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const onrecord = new URL("../../bin/onrecord.mjs", import.meta.url).pathname;

async function extract(...files: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [
      onrecord,
      "extract",
      "--format",
      "jsonl",
      ...files,
    ]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const lines = (stdout: string) =>
  stdout
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));

describe("onrecord extract", () => {
  const dir = mkdtempSync(join(tmpdir(), "onrecord-extract-"));
  const text = join(dir, "forum.txt");
  writeFileSync(text, 'date 2026-11-16 SEOUL — "The door remains open," Lee Jun-ho said.\n');
  const json = join(dir, "talks.json");
  const body = "Trade Minister Park Min-seo said the talks were useful.";
  writeFileSync(
    json,
    JSON.stringify({ title: "Talks", url: null, outlet: "Wire", publishedAt: "2026-11-19", body }),
  );

  it("prints one JSON object per statement with the contract's fields", async () => {
    const { code, stdout } = await extract(text);
    expect(code).toBe(0);
    const [record] = lines(stdout);
    expect(record).toMatchObject({
      file: text,
      text: "The door remains open",
      kind: "direct",
      speaker: "Lee Jun-ho",
      title: null,
      cue: "said",
    });
    expect(Object.keys(record)).toEqual(expect.arrayContaining(["start", "end", "mention"]));
  });

  it("keeps what the reader asks for: likely by default, only the surest with --keep precise, every reading with --keep all", async () => {
    const article = join(dir, "council.txt");
    writeFileSync(
      article,
      [
        '"The budget is balanced," Mayor Ines Corbett said on Tuesday.',
        "The program, called Riverwise, lets residents apply online.",
        "Get the vaccine, the health minister urged on Monday.",
      ].join("\n\n"),
    );
    const count = async (...args: string[]) => {
      const { stdout } = await run(process.execPath, [onrecord, "extract", ...args, article]);
      return lines(stdout).length;
    };
    const [precise, likely, all] = [
      await count("--keep", "precise"),
      await count(),
      await count("--keep", "all"),
    ];
    expect(precise).toBeGreaterThanOrEqual(1);
    expect(likely).toBeGreaterThanOrEqual(precise);
    expect(all).toBeGreaterThan(likely);
    const refused = await run(process.execPath, [onrecord, "extract", "--keep", "some", article]).catch(
      (e) => e,
    );
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/--keep/);
  });

  it("gives offsets into the file's text, and into the body of a JSON article", async () => {
    const { stdout } = await extract(text, json);
    const [fromText, fromJson] = lines(stdout);
    const raw = 'date 2026-11-16 SEOUL — "The door remains open," Lee Jun-ho said.\n';
    expect(raw.slice(fromText.start, fromText.end)).toBe("The door remains open");
    expect(raw.slice(...fromText.mention)).toBe("Lee Jun-ho");
    expect(body.slice(fromJson.start, fromJson.end)).toBe("the talks were useful");
  });

  it("names a binary or non-UTF-8 file in a clear error, exits non-zero, and still reads the others", async () => {
    const binary = join(dir, "photo.jpg");
    writeFileSync(binary, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x00, 0x01]));
    const latin1 = join(dir, "latin1.txt");
    writeFileSync(latin1, Buffer.from('"Caf\xe9 au lait," Lee said.', "latin1"));
    const { code, stdout, stderr } = await extract(binary, text, latin1, json);
    expect(code).toBe(1);
    expect(stderr).toContain(`${binary}: not UTF-8 text`);
    expect(stderr).toContain(`${latin1}: not UTF-8 text`);
    expect(lines(stdout).map((r) => r.file)).toEqual([text, json]);
  });

  it("reports a missing file and a malformed JSON article by name", async () => {
    const broken = join(dir, "broken.json");
    writeFileSync(broken, '{"title": "no body here"');
    const { code, stderr } = await extract(join(dir, "missing.txt"), broken);
    expect(code).toBe(1);
    expect(stderr).toMatch(/missing\.txt: .*no such file/i);
    expect(stderr).toContain(`${broken}: malformed JSON`);
  });

  it("reads every .txt and .json article of a directory, in name order, not its subdirectories", async () => {
    const folder = mkdtempSync(join(tmpdir(), "onrecord-extract-dir-"));
    writeFileSync(join(folder, "b.txt"), "Mayor Ines Vale said the bridge would reopen in May.\n");
    writeFileSync(
      join(folder, "a.json"),
      JSON.stringify({ title: "Port", body: "Harbour chief Tomas Berg said the port was full." }),
    );
    writeFileSync(join(folder, "notes.md"), "Chef Ada Moss said the soup was cold.\n");
    mkdirSync(join(folder, "older"));
    writeFileSync(join(folder, "older", "c.txt"), "Coach Rui Lobo said the team was tired.\n");
    const { code, stdout } = await extract(folder);
    expect(code).toBe(0);
    expect(lines(stdout).map((r) => [r.file, r.speaker])).toEqual([
      [join(folder, "a.json"), "Tomas Berg"],
      [join(folder, "b.txt"), "Ines Vale"],
    ]);
  });
});
