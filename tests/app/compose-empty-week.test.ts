import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DynamoIssueStore } from "../../lambdas/adapters/dynamo-issue-store.ts";
import { ISSUES_TABLE } from "../../lambdas/adapters/dynamo-tables.ts";
import { type LocalRun, startLocalRun } from "../support/local-run.ts";
import { seedSubscriber } from "../support/subscribers.ts";

let run: LocalRun;
const READER = "weekly-reader@example.org";
beforeAll(async () => {
  run = await startLocalRun();
  await seedSubscriber(run.stack.dynamo, run.secret, READER, "confirmed");
}, 120_000);
afterAll(() => run?.close());

describe("a week with no statement of an official for the email", { timeout: 60_000 }, () => {
  it.each([
    [
      "a week without articles",
      "2026-W40",
      {},
      "no issue for 2026-09-28..2026-10-04: no statement of an official for the email (at least 1 needed)",
    ],
    [
      "a week with fewer statements than the minimum",
      "",
      { minStatements: 1000 },
      /^no issue for 2026-11-16\.\.2026-11-22: only \d+ statements of an official for the email \(at least 1000 needed\)$/,
    ],
  ])("is neither composed nor sent: %s", async (_, week, options, reason) => {
    // Act: the compose step as `onrecord send` and the scheduled Lambda run it.
    const result = await run.send(week || run.exampleWeek, options);
    // Assess: the result says why; nothing was stored, templated or mailed.
    expect(result).toMatchObject({ composed: false, issue: null, recipients: 0, batches: 0 });
    expect(result.noIssue).toEqual(typeof reason === "string" ? reason : expect.stringMatching(reason));
    const issues = new DynamoIssueStore(ISSUES_TABLE.localName, run.stack.dynamo);
    expect(await issues.get(week || run.exampleWeek)).toBeNull();
    expect(await run.emailsTo(READER)).toEqual([]);
  });

  it("still sends a week that has them", async () => {
    const result = await run.send(run.exampleWeek);
    expect(result).toMatchObject({ composed: true, noIssue: null, recipients: 1 });
    expect((await run.emailsTo(READER)).map((e) => e.subject)).toEqual([result.issue?.rendered.subject]);
  });
});
