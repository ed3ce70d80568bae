import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalNewsSite, startLocalNewsSite } from "../../lambdas/adapters/local-news-site.ts";
import { runOnrecord } from "../support/cli-run.ts";

const cli = (...args: string[]) => runOnrecord(args);

let site: LocalNewsSite;
beforeAll(async () => {
  site = await startLocalNewsSite({ dir: "examples" });
});
afterAll(async () => site?.close());

describe("npx onrecord fetch, as DESIGN.md specifies it", () => {
  it("writes one article per new item and one line per item; a second run says unchanged; digest reads the folder", async () => {
    const out = await mkdtemp(join(tmpdir(), "onrecord-fetch-cli-"));
    const pages = site.articles.map((a) => new URL(a.path, site.url).toString()).sort();
    const args = ["fetch", "--feed", site.feedUrl, "--out", out, "--allow-private-hosts", "--delay", "0"];
    const first = await cli(...args);
    const second = await cli(...args);
    const sorted = (stdout: string) => stdout.trim().split("\n").sort();
    expect(first).toMatchObject({ code: 0, stderr: "" });
    expect(sorted(first.stdout)).toEqual(pages.map((p) => `stored ${p}`));
    expect(sorted(second.stdout)).toEqual(pages.map((p) => `unchanged ${p}`));
    expect((await readdir(out)).filter((f) => f.endsWith(".json") && !f.startsWith("."))).toHaveLength(4);
    const digest = await cli("digest", "--articles", out, "--from", "2026-11-16", "--to", "2026-11-22");
    expect(digest.code).toBe(0);
    expect(JSON.parse(digest.stdout).officials.map((o: { name: string }) => o.name)).toContain("Han Tae-woo");
  });

  it("refuses a loopback feed without --allow-private-hosts, saying why in one line", async () => {
    const out = await mkdtemp(join(tmpdir(), "onrecord-fetch-cli-"));
    const result = await cli("fetch", "--feed", site.feedUrl, "--out", out);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      `onrecord fetch: feed ${site.feedUrl}: 127.0.0.1 is a private or local address (127.0.0.1), not fetched\n`,
    );
  });

  it("skips items published before --since", async () => {
    const out = await mkdtemp(join(tmpdir(), "onrecord-fetch-cli-"));
    const result = await cli(
      ...["fetch", "--feed", site.feedUrl, "--out", out, "--allow-private-hosts", "--delay", "0"],
      ...["--since", "2026-11-19"],
    );
    const lines = result.stdout.trim().split("\n").sort();
    expect(lines.filter((l) => l.startsWith("stored"))).toHaveLength(2);
    expect(lines.filter((l) => l.startsWith("skipped published before 2026-11-19"))).toHaveLength(2);
  });
});
