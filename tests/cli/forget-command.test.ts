import { execFile } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { ScanCommand } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DELIVERIES_TABLE,
  RATE_LIMITS_TABLE,
  SUBSCRIBERS_TABLE,
} from "../../lambdas/adapters/dynamo-tables.ts";
import { forgetPerson } from "../../lambdas/app/forget-person.ts";
import { describeForgetting, forgetDeps } from "../../lambdas/cli/run-forget.ts";
import { addressHash, parseHashKeys } from "../../lambdas/core/subscribers/retention.ts";
import { type LocalRun, linkIn, startLocalRun } from "../support/local-run.ts";

let run: LocalRun;
beforeAll(async () => {
  run = await startLocalRun();
}, 120_000);
afterAll(() => run?.close());

async function scan(table: string) {
  const { Items = [] } = await run.stack.dynamo.send(
    new ScanCommand({ TableName: table, ConsistentRead: true }),
  );
  return Items.map((i) => unmarshall(i));
}

async function signUpAndConfirm(email: string) {
  const signUp = await fetch(`${run.web.url}/subscribe`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email }).toString(),
  });
  expect(signUp.status).toBe(200);
  const [mail] = await run.emailsTo(email);
  const confirmed = await fetch(linkIn(mail as NonNullable<typeof mail>, "/confirm"), { method: "POST" });
  expect(confirmed.status).toBe(200);
}

describe("onrecord forget", { timeout: 60_000 }, () => {
  it("erases a subscriber from every table, their hashes and delivery rows included, and says what is out of reach", async () => {
    const email = "Forget.Me+news@example.org";
    const stored = email.toLowerCase();
    await signUpAndConfirm(email);
    const sent = await run.send(run.exampleWeek);
    expect(sent.deliveries.sent).toBeGreaterThanOrEqual(1);
    const keys = parseHashKeys(run.stack.env.ONRECORD_ADDRESS_HASH_KEYS ?? "");
    const hash = addressHash(keys.current, stored);
    const mine = async () => ({
      subscribers: (await scan(SUBSCRIBERS_TABLE.localName)).filter(
        (i) => i.email === stored || i.email === hash,
      ),
      deliveries: (await scan(DELIVERIES_TABLE.localName)).filter((i) => i.address === stored),
      counters: (await scan(RATE_LIMITS_TABLE.localName)).filter((i) => String(i.key).startsWith("mailbox-")),
    });
    const before = await mine();
    expect(before.subscribers.map((i) => i.status)).toEqual(["confirmed"]);
    expect(before.deliveries).toHaveLength(1);
    expect(before.counters.length).toBeGreaterThan(0);

    const report = await forgetPerson(email, forgetDeps(run.stack.env, run.stack.dynamo));

    expect(report).toEqual({
      email: stored,
      subscriber: { address: "confirmed", hashes: 0 },
      deliveries: 1,
      rateCounters: before.counters.length,
    });
    expect(await mine()).toEqual({ subscribers: [], deliveries: [], counters: [] });
    const text = describeForgetting(report, "local");
    expect(text).toContain(`forgot ${stored}`);
    expect(text).toContain("subscribers: its record (confirmed)");
    expect(text).toContain("deliveries:  1 row of past issues");
    expect(text).toContain("SES's account-level suppression list");
    expect(text).toContain(`aws sesv2 delete-suppressed-destination --email-address ${stored}`);
  });

  it("erases what is kept of an address that left: its hash", async () => {
    const email = "bounced-once@example.org";
    const store = run.store;
    await store.suppress(email, "bounced");
    expect((await store.getRecord(email))?.status).toBe("bounced");
    const report = await forgetPerson(email, forgetDeps(run.stack.env, run.stack.dynamo));
    expect(report.subscriber).toEqual({ address: null, hashes: 1 });
    expect(await store.getRecord(email)).toBeNull();
  });

  it("runs as a user types it: an unknown address is reported as not found, a non-address refused in one line", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "onrecord-forget-"));
    const onrecord = new URL("../../bin/onrecord.mjs", import.meta.url).pathname;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [onrecord, "forget", "nobody@example.org"],
      {
        cwd,
      },
    );
    expect(stdout.split("\n").slice(0, 5)).toEqual([
      "found nothing of nobody@example.org",
      "removed:",
      "  subscribers: no record of the address",
      "  deliveries:  0 rows of past issues",
      "  rate limits: 0 counters of its mailbox's confirmation emails",
    ]);
    const refused = await promisify(execFile)(process.execPath, [onrecord, "forget", "not an address"], {
      cwd,
    }).then(
      () => ({ code: 0, stderr: "" }),
      (error) => error as { code: number; stderr: string },
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split("\n")).toHaveLength(1);
    expect(refused.stderr).toMatch(/^onrecord forget: not an email address: /);
  });
});
