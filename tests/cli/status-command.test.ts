import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DynamoDeliveryStore } from "../../lambdas/adapters/dynamo-delivery-store.ts";
import { DELIVERIES_TABLE } from "../../lambdas/adapters/dynamo-tables.ts";
import { deliveryReport } from "../../lambdas/app/delivery-report.ts";
import { type LocalRun, startLocalRun } from "../support/local-run.ts";
import { seedSubscribers } from "../support/subscribers.ts";

let run: LocalRun;
beforeAll(async () => {
  run = await startLocalRun();
  await seedSubscribers(run.stack.dynamo, run.secret, [
    ["first@example.org", "confirmed"],
    ["second@example.org", "confirmed"],
  ]);
}, 120_000);
afterAll(() => run?.close());

describe("an issue's delivery report (onrecord send, onrecord status)", { timeout: 60_000 }, () => {
  it("gives what this run did and the issue's totals by state, labelled apart", async () => {
    const first = await run.send(run.exampleWeek);
    expect(deliveryReport(first.issueId, first.deliveries, first.run)).toBe(
      [
        "this run: 2 queued for the first time, 0 queued again (not finished before), 0 already done, 0 dealt with by the earlier version",
        `${run.exampleWeek} deliveries (the issue's totals): 0 queued, 0 claimed, 0 sending, 0 retry, 2 sent, 0 rejected, 0 skipped; 0 unfinished`,
        "",
      ].join("\n"),
    );
    await seedSubscribers(run.stack.dynamo, run.secret, [["third@example.org", "confirmed"]]);
    const second = await run.send(run.exampleWeek);
    expect(second.run).toEqual({ queuedNew: 1, queuedAgain: 0, alreadyFinal: 2, sentBeforeUpgrade: 0 });
    // What `onrecord status --week` prints: the totals only, read from the outbox.
    const totals = await new DynamoDeliveryStore(DELIVERIES_TABLE.localName, run.stack.dynamo).count(
      run.exampleWeek,
    );
    expect(deliveryReport(run.exampleWeek, totals)).toBe(
      `${run.exampleWeek} deliveries (the issue's totals): 0 queued, 0 claimed, 0 sending, 0 retry, 3 sent, 0 rejected, 0 skipped; 0 unfinished\n`,
    );
    expect((await run.emailsTo("first@example.org")).length).toBe(1);
    expect((await run.emailsTo("third@example.org")).length).toBe(1);
  });
});

describe("onrecord status's options", { timeout: 60_000 }, () => {
  it("refuses a format it does not print, in one line naming the two it does", async () => {
    const onrecord = new URL("../../bin/onrecord.mjs", import.meta.url).pathname;
    const failed = await promisify(execFile)(process.execPath, [
      onrecord,
      "status",
      "--week",
      "2026-W47",
      "--format",
      "xml",
    ]).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr.trim()).toBe(
      "onrecord status: option '--format <format>' argument 'xml' is invalid. Allowed choices are text, json. (see `onrecord status --help`)",
    );
  });
});
