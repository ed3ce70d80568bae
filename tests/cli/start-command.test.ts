import { type ChildProcess, execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { access, mkdir, mkdtemp, readFile, symlink, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
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

const READY = "running; Ctrl-C to stop";

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
    // A pid file left by a start that was killed is no obstacle.
    await mkdir(join(cwd, "data"));
    await writeFile(join(cwd, "data", "start.pid"), "999999999\n");
    const run = start(cwd);
    const printed = await run.until(READY);
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

  it("keeps one Gmail mailbox from 24 spellings and one IP to one email, refuses a cross-site post, and confirms nothing on opening the link", async () => {
    const run = start(await checkout());
    const printed = await run.until(READY);
    const web = /web app: +(\S+)/.exec(printed)?.[1] ?? "";
    const inbox = /inbox \(aws-ses-v2-local\): +(\S+)/.exec(printed)?.[1] ?? "";
    const post = (path: string, body: string, headers: Record<string, string> = {}) =>
      fetch(new URL(path, web), {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
        body,
      });
    // Plus tags, Gmail's dots, its other domain and capitals: all one inbox.
    const spellings = Array.from(
      { length: 24 },
      (_, i) => [`victim+${i}@gmail.com`, `v.ict.im+${i}@googlemail.com`, `V.I.C.T.I.M@gmail.com`][i % 3],
    );
    const statuses: number[] = [];
    for (const email of spellings)
      statuses.push((await post("subscribe", `email=${encodeURIComponent(email ?? "")}`)).status);
    // One client may sign up 20 times in 10 minutes; the rest are told to wait.
    expect(statuses).toEqual([...Array(20).fill(200), ...Array(4).fill(429)]);
    const crossSite = await post("subscribe", "email=other-victim%40example.org", {
      origin: "https://evil.example",
      "sec-fetch-site": "cross-site",
    });
    expect(crossSite.status).toBe(403);
    // The confirmation worker works once requests pause: give it a moment, then read the inbox.
    const mailTo = async (mailbox: RegExp) => {
      const { emails } = (await (await fetch(new URL("store", inbox))).json()) as {
        emails: { destination: { to: string[] }; body: { text?: string } }[];
      };
      return emails.filter((m) => m.destination.to.some((to) => mailbox.test(to)));
    };
    let victim: Awaited<ReturnType<typeof mailTo>> = [];
    for (let i = 0; i < 30 && victim.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 200));
      victim = await mailTo(/^v\.?i\.?c\.?t\.?i\.?m|victim/i);
    }
    await new Promise((r) => setTimeout(r, 1000));
    victim = await mailTo(/^v\.?i\.?c\.?t\.?i\.?m|victim/i);
    // At most 3 a day reach one mailbox, and 1 in any 10 minutes: here, within seconds, one.
    expect(victim).toHaveLength(1);
    expect(await mailTo(/other-victim/)).toHaveLength(0);
    // A mail scanner opening the link confirms nothing: the page shows its button, again and again.
    const link = /https?:\/\/\S+\/confirm\?token=\S+/.exec(victim[0]?.body.text ?? "")?.[0] ?? "";
    for (let i = 0; i < 2; i++) {
      const opened = await (await fetch(link)).text();
      expect(opened).toContain("<h1>Confirm your subscription</h1>");
    }
    const pressed = await (await fetch(link, { method: "POST" })).text();
    expect(pressed).toContain("<h1>You're subscribed</h1>");
    expect(await (await fetch(link)).text()).toContain("<h1>You're subscribed</h1>");
  });

  it("refuses a second start, and a --reset, while one runs: one line each, the first one's data untouched", async () => {
    const cwd = await checkout();
    const first = start(cwd);
    await first.until(READY);
    const again = await cli(cwd, "start", "--port", "0");
    const reset = await cli(cwd, "start", "--port", "0", "--reset");
    const pid = first.child.pid;
    expect(again).toMatchObject({ code: 1, stdout: "" });
    expect(again.stderr).toMatch(
      new RegExp(
        `^onrecord start: already running \\(process ${pid}, inbox http://127\\.0\\.0\\.1:\\d+/\\); stop it first[^\n]*\n$`,
      ),
    );
    expect(reset).toMatchObject({ code: 1, stdout: "" });
    expect(reset.stderr).toMatch(
      /^onrecord start: already running [^\n]*--reset would delete its data: stop it first[^\n]*\n$/,
    );
    // The first run's issue and store are still there, and it still answers.
    await access(join(cwd, "data", "issues", "2026-W47.html"));
    const web = /web app: +(\S+)/.exec(first.output())?.[1] ?? "";
    expect((await fetch(web)).status).toBe(200);
    const sent = await cli(cwd, "send", "--week", "2026-W47");
    expect(sent.stdout).toContain('"sent":1');
  });

  it("says in one line that the port is taken, and exits non-zero, starting nothing", async () => {
    const cwd = await checkout();
    const squatter = createServer().listen(0, "127.0.0.1");
    await once(squatter, "listening");
    const port = (squatter.address() as { port: number }).port;
    try {
      const busy = await cli(cwd, "start", "--port", String(port));
      expect(busy).toMatchObject({ code: 1, stdout: "" });
      expect(busy.stderr).toBe(
        `onrecord start: port ${port} is in use by another program: stop that program, or give another port with --port N (or PORT=N)\n`,
      );
    } finally {
      squatter.close();
    }
    // The refused start left nothing behind: the next one starts.
    const run = start(cwd);
    expect(await run.until(READY)).toContain("deliveries: 1 sent");
  });
});

describe("onrecord send without npm start", { timeout: 120_000 }, () => {
  it("refuses with one line saying to start it, and records no delivery: the week is sent when the run is started", async () => {
    const cwd = await checkout();
    const first = start(cwd);
    await first.until(READY);
    first.child.kill("SIGINT");
    await first.exited;
    // The next week's news: an example article again, dated a week later.
    const example = await readFile(join(examples, "city-budget.txt"), "utf8");
    await writeFile(join(cwd, "next-week.txt"), example.replace(/^date 2026-11-20 /, "date 2026-11-27 "));
    expect((await cli(cwd, "ingest", "next-week.txt")).code).toBe(0);
    // Act
    const refused = await cli(cwd, "send", "--week", "2026-W48");
    // Assess
    expect(refused).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "onrecord send: no local run to send through; start one with `npm start` (the local inbox lives in it), then send again\n",
    });
    const second = start(cwd, "--week", "2026-W48");
    const printed = await second.until(READY);
    expect(printed).toContain("deliveries: 1 sent, 0 rejected");
    expect(printed).not.toContain("sent before");
  });
});
