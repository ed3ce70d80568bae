import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const onrecord = new URL("../../bin/onrecord.mjs", import.meta.url).pathname;
const examples = new URL("../../examples", import.meta.url).pathname;

/** A folder to run `onrecord start` in, as a fresh clone is: the examples, no data yet. */
async function checkout(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "onrecord-start-"));
  await symlink(examples, join(dir, "examples"));
  return dir;
}

interface Started {
  child: ChildProcess;
  output: () => string;
  /** Resolves with everything printed once `text` has been printed (or the process has ended). */
  until: (text: string) => Promise<string>;
  exited: Promise<number | null>;
}

const running: ChildProcess[] = [];
afterEach(async () => {
  for (const child of running.splice(0))
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGINT");
      await once(child, "exit");
    }
});

function start(cwd: string, ...args: string[]): Started {
  const child = spawn(process.execPath, [onrecord, "start", "--port", "0", ...args], { cwd });
  running.push(child);
  let text = "";
  const waiting: { text: string; resolve: (s: string) => void }[] = [];
  const check = () => {
    for (const w of [...waiting])
      if (text.includes(w.text) || child.exitCode !== null) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(text);
      }
  };
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      resolve(code);
      setImmediate(check);
    }),
  );
  for (const stream of [child.stdout, child.stderr])
    stream?.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      check();
    });
  return {
    child,
    output: () => text,
    until: (wanted) =>
      new Promise((resolve) => {
        waiting.push({ text: wanted, resolve });
        check();
      }),
    exited,
  };
}

describe("npm start (onrecord start)", { timeout: 120_000 }, () => {
  it("serves the examples as a local news site, takes its news from that site's feed and sends the issue composed from it", async () => {
    const cwd = await checkout();
    const run = start(cwd);
    const printed = await run.until("running; Ctrl-C to stop");
    expect(printed).toContain("fetched 4 items: 4 stored, 0 unchanged, 0 skipped");
    expect(printed).toMatch(/\d+ officials; 1 confirmed subscriber\(s\); deliveries: 1 sent, 0 rejected/);
    const site = /news site \(examples\/\): +(\S+) \(its feed: (\S+)\)/.exec(printed);
    const inbox = /inbox \(aws-ses-v2-local\): +(\S+)/.exec(printed)?.[1] ?? "";
    // The front page links every article; the feed lists the same pages.
    const front = await (await fetch(site?.[1] ?? "")).text();
    const feed = await (await fetch(site?.[2] ?? "")).text();
    const linked = [...front.matchAll(/<li><a href="([^"]+\.html)">/g)].map((m) =>
      new URL(m[1] ?? "", site?.[1]).toString(),
    );
    const listed = [...feed.matchAll(/<link>([^<]+\.html)<\/link>/g)].map((m) => m[1]);
    expect(linked).toHaveLength(4);
    expect(linked.sort()).toEqual(listed.sort());
    // The issue in the local inbox quotes those pages as its sources.
    const store = (await (await fetch(new URL("store", inbox))).json()) as {
      emails: { subject: string; body: { html?: string } }[];
    };
    const issue = store.emails.find((m) => m.subject.startsWith("On the record"))?.body.html ?? "";
    for (const page of linked) expect(issue).toContain(page);
    // Ctrl-C stops everything it started.
    run.child.kill("SIGINT");
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain("stopping…");
  });
});
