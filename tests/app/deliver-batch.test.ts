/**
 * The worker's decisions per SES answer and per row, against dynalite and aws-ses-v2-local (the
 * SES proxy rewrites per-entry statuses: the emulator sends to everyone it is given).
 */
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterEach, describe, expect, it } from "vitest";
import { DELIVERIES_TABLE } from "../../lambdas/adapters/dynamo-tables.ts";
import { SES_ENTRY_STATUSES } from "../../lambdas/adapters/ses-bulk-mailer.ts";
import { BatchHaltedError } from "../../lambdas/app/deliver-batch.ts";
import {
  type DeliveryHarness,
  HARNESS_WEEK,
  startDeliveryHarness,
  tally,
} from "../support/delivery-harness.ts";
import type { Fault } from "../support/fault-proxy.ts";

let h: DeliveryHarness;
afterEach(async () => {
  await h?.close();
});

/** Sends the entries SES would take and answers `status` for the others, as SES would. */
function statuses(statusFor: (address: string) => string | undefined): Fault {
  let answers: (string | undefined)[] = [];
  return {
    rewrite: (body) => {
      const request = JSON.parse(body);
      const entries = request.BulkEmailEntries as { Destination: { ToAddresses: string[] } }[];
      answers = entries.map((e) => statusFor(e.Destination.ToAddresses[0] ?? ""));
      request.BulkEmailEntries = entries.filter((_, i) => answers[i] === undefined);
      return JSON.stringify(request);
    },
    rewriteResponse: (body) => {
      const sent = [...JSON.parse(body).BulkEmailEntryResults];
      return JSON.stringify({
        BulkEmailEntryResults: answers.map((status) =>
          status ? { Status: status, Error: "injected" } : sent.shift(),
        ),
      });
    },
  };
}

describe("deliverBatch", { timeout: 60_000 }, () => {
  it("decides each SES entry status once: final, retried for that address, or failing the whole batch", () => {
    expect(SES_ENTRY_STATUSES).toMatchObject({
      MESSAGE_REJECTED: "rejected",
      INVALID_PARAMETER: "rejected",
      TRANSIENT_FAILURE: "retry",
      FAILED: "retry",
      ACCOUNT_THROTTLED: "retry",
      ACCOUNT_DAILY_QUOTA_EXCEEDED: "halt",
      ACCOUNT_SENDING_PAUSED: "halt",
      ACCOUNT_SUSPENDED: "halt",
      CONFIGURATION_SET_NOT_FOUND: "halt",
      CONFIGURATION_SET_SENDING_PAUSED: "halt",
      MAIL_FROM_DOMAIN_NOT_VERIFIED: "halt",
      TEMPLATE_NOT_FOUND: "halt",
    });
  });

  it("retries a transient failure within the delivery, and never sends a rejected address again", async () => {
    h = await startDeliveryHarness({ recipients: 5 });
    const [rejected, flaky] = h.readers;
    let flakyTries = 0;
    h.faults.ses = (r) =>
      r.path.endsWith("outbound-bulk-emails")
        ? statuses((a) =>
            a === rejected
              ? "MESSAGE_REJECTED"
              : a === flaky && ++flakyTries === 1
                ? "TRANSIENT_FAILURE"
                : undefined,
          )
        : undefined;
    await h.compose();
    await h.drain();
    await h.compose();
    await h.settle();
    expect(await h.counts()).toMatchObject({ sent: 4, rejected: 1, retry: 0 });
    const copies = await h.copies();
    expect(tally(copies, h.readers.slice(1))).toMatchObject({ lost: 0, duplicates: 0 });
    expect(copies.get(rejected as string)).toBeUndefined();
  });

  it("fails the whole batch on a status it does not know, leaving every row sendable", async () => {
    h = await startDeliveryHarness({ recipients: 5 });
    h.faults.ses = (r) =>
      r.path.endsWith("outbound-bulk-emails") ? statuses(() => "SOMETHING_NEW") : undefined;
    await h.compose();
    const result = await h.invoke(h.queue[0] as never);
    expect(result).toBeInstanceOf(BatchHaltedError);
    expect(await h.counts()).toMatchObject({ retry: 5, sent: 0, rejected: 0 });
  });

  it("reads the rows and batches of the earlier version (keyed by address) after the upgrade", async () => {
    h = await startDeliveryHarness({ recipients: 6 });
    const doc = DynamoDBDocumentClient.from(h.aws.dynamo);
    const [sent, claimed, rejected] = h.readers as [string, string, string];
    for (const [email, status] of [
      [sent, "sent"],
      [claimed, "claimed"],
      [rejected, "rejected"],
    ])
      await doc.send(
        new PutCommand({
          TableName: DELIVERIES_TABLE.localName,
          Item: { issueId: HARNESS_WEEK, email, status },
        }),
      );
    const result = await h.compose();
    expect(result.run).toMatchObject({ sentBeforeUpgrade: 3, alreadyFinal: 0, queuedNew: 3 });
    // A batch the earlier version queued, by address, still in the queue at the upgrade.
    h.queue.unshift({
      id: 0,
      receives: 0,
      batch: {
        issueId: HARNESS_WEEK,
        recipients: h.readers.slice(0, 4).map((email) => ({ email: ` ${email.toUpperCase()} ` })),
      },
    });
    await h.settle();
    expect(tally(await h.copies(), h.readers.slice(3))).toMatchObject({
      lost: 0,
      duplicates: 0,
      unintended: 0,
    });
    expect(await h.counts()).toMatchObject({ sent: 3, legacy: { sent: 1, claimed: 1, rejected: 1 } });
  });
});
