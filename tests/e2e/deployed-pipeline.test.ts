import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DynamoArticleStore } from "../../lambdas/adapters/dynamo-article-store.ts";
import { DynamoSubscriberStore } from "../../lambdas/adapters/dynamo-subscriber-store.ts";
import { ARTICLES_TABLE, SUBSCRIBERS_TABLE } from "../../lambdas/adapters/dynamo-tables.ts";
import { FixedSecret, HashKeyRing } from "../../lambdas/adapters/secret-sources.ts";
import { subscriberIdFor, verifyUnsubscribeToken } from "../../lambdas/core/subscribers/tokens.ts";
import type { SubscriberStatus } from "../../lambdas/core/types.ts";
import { headerOf, type StoredEmail } from "../support/local-aws.ts";
import { seedSubscribers } from "../support/subscribers.ts";
import {
  ADDRESS_HASH_KEYS,
  deployLocally,
  INGEST_BUCKET,
  type LocalDeployment,
  SIGNING_KEY,
  s3PutEvent,
  snsSesEvent,
  sqsEvent,
} from "./local-deployment.ts";

const PUBLIC_URL = "https://onrecord.example.org";
const confirmed = Array.from({ length: 120 }, (_, i) => `reader-${String(i).padStart(3, "0")}@example.org`);
const others: [string, SubscriberStatus][] = [
  ["pending-1@example.org", "pending"],
  ["pending-2@example.org", "pending"],
  ["left-1@example.org", "unsubscribed"],
  ["left-2@example.org", "unsubscribed"],
  ["bounced-before@example.org", "bounced"],
  ["complained-before@example.org", "complained"],
];
// Confirmed subscribers SES reports before this week's send: they must get nothing.
const bouncing = "reader-007@example.org";
const complaining = "reader-008@example.org";
const softBounce = "reader-009@example.org";
const receiving = confirmed.filter((e) => e !== bouncing && e !== complaining);

let deployment: LocalDeployment;
let firstRun: StoredEmail[];

beforeAll(async () => {
  deployment = await deployLocally();
  await seedSubscribers(deployment.aws.dynamo, SIGNING_KEY, [
    ...confirmed.map((e) => [e, "confirmed"] as const),
    ...others,
  ]);
}, 180_000);
afterAll(async () => deployment?.close());

// Generous: these run whole Lambda bundles, and CI shares two cores with the browser tests.
describe("the deployed pipeline, bundles from cdk.out against dynalite and aws-ses-v2-local", {
  timeout: 120_000,
}, () => {
  it("stores each article dropped into the bucket with its statements, and refuses a binary file", async () => {
    // Prepare: the project's examples, one with a space in its key, and a file that is no article.
    const examples = ["city-budget.txt", "defence-forum.txt", "defence-forum-wire.json", "trade-talks.json"];
    for (const file of examples) {
      deployment.standIns.objects.set(
        `${INGEST_BUCKET}/articles/${file.replace("-", " ")}`,
        await readFile(join("examples", file)),
      );
    }
    deployment.standIns.objects.set(
      `${INGEST_BUCKET}/articles/photo.jpg`,
      new Uint8Array([0xff, 0xd8, 0xff, 0, 0, 1, 2]),
    );
    const keys = [...examples.map((f) => `articles/${f.replace("-", " ")}`), "articles/photo.jpg"];
    // Act
    const result = await deployment.invoke<
      unknown,
      { ingested: { id: string; statements: number }[]; refused: string[] }
    >("IngestIngester", s3PutEvent(keys));
    const again = await deployment.invoke<unknown, { ingested: { result: string }[] }>(
      "IngestIngester",
      s3PutEvent(keys),
    );
    // Assess
    // Ids are the whole key, so two folders' files of one name never collide.
    expect(result.ingested.map((a) => a.id).sort()).toEqual(
      examples.map((f) => `articles/${f.replace("-", " ")}`).sort(),
    );
    expect(result.refused).toEqual(["articles/photo.jpg"]);
    expect(again.ingested.map((a) => a.result)).toEqual(["unchanged", "unchanged", "unchanged", "unchanged"]);
    const week = await new DynamoArticleStore(ARTICLES_TABLE.localName, deployment.aws.dynamo).listWindow(
      "2026-11-16",
      "2026-11-22",
    );
    expect(week).toHaveLength(4);
    expect(week.every((a) => a.statements.length > 0)).toBe(true);
  });

  it("suppresses subscribers SES reports through SNS: a permanent bounce and a complaint, not a soft bounce; skips a notification that is no SES event", async () => {
    const result = await deployment.invoke<unknown, { suppressed: number; skipped: number }>(
      "SesSuppressor",
      snsSesEvent([
        "Successfully validated SNS topic for Amazon SES event publishing.",
        {
          eventType: "Bounce",
          bounce: { bounceType: "Permanent", bouncedRecipients: [{ emailAddress: bouncing }] },
          mail: {},
        },
        {
          eventType: "Complaint",
          complaint: { complainedRecipients: [{ emailAddress: complaining.toUpperCase() }] },
          mail: {},
        },
        {
          eventType: "Bounce",
          bounce: { bounceType: "Transient", bouncedRecipients: [{ emailAddress: softBounce }] },
          mail: {},
        },
      ]),
    );
    expect(result).toEqual({ suppressed: 2, skipped: 1, reconciled: 0 });
    const store = new DynamoSubscriberStore(
      SUBSCRIBERS_TABLE.localName,
      deployment.aws.dynamo,
      undefined,
      new HashKeyRing(new FixedSecret(ADDRESS_HASH_KEYS)),
    );
    expect((await store.getByEmail(bouncing))?.status).toBe("bounced");
    expect((await store.getByEmail(complaining))?.status).toBe("complained");
    expect((await store.getByEmail(softBounce))?.status).toBe("confirmed");
  });

  it("composes last week's issue when the schedule fires, and queues the confirmed subscribers in batches of at most 50", async () => {
    const summary = await deployment.invoke<
      unknown,
      { issueId: string; composed: boolean; recipients: number; batches: number }
    >("ComposeComposer", { scheduledTime: "2026-11-23T07:00:00Z" });
    expect(summary).toMatchObject({
      issueId: "2026-W47",
      composed: true,
      recipients: receiving.length,
      batches: 3,
    });
    const batches = deployment.standIns.messages.map((m) => JSON.parse(m.body));
    expect(batches.map((b) => b.recipients.length)).toEqual([50, 50, 18]);
    // Batches name subscribers by id, never by address.
    expect(new Set(batches.flatMap((b) => b.recipients.map((r: { id: string }) => r.id)))).toEqual(
      new Set(receiving.map((email) => subscriberIdFor(SIGNING_KEY, email))),
    );
    expect(JSON.stringify(batches)).not.toContain("@");
    const template = (await deployment.aws.templates())["onrecord-issue-2026-W47"];
    expect(template?.TemplateContent.Html).toContain("{{unsubscribeUrl}}");
  });

  it("sends every confirmed subscriber exactly one copy, with their own one-click unsubscribe link", async () => {
    // Act: SQS delivers each queued batch to the send worker.
    const response = await deployment.invoke<unknown, { batchItemFailures: unknown[] }>(
      "SendingWorker",
      sqsEvent(deployment.standIns.messages),
    );
    // Assess
    expect(response.batchItemFailures).toEqual([]);
    firstRun = await deployment.aws.emails();
    expect(firstRun).toHaveLength(receiving.length);
    const byRecipient = new Map(firstRun.map((e) => [e.destination.to.join(","), e]));
    expect([...byRecipient.keys()].sort()).toEqual([...receiving].sort());
    for (const email of receiving) {
      const message = byRecipient.get(email) as StoredEmail;
      const unsubscribe = /^<(https:\/\/onrecord\.example\.org\/unsubscribe\?token=([^>]+))>$/.exec(
        headerOf(message, "List-Unsubscribe") ?? "",
      );
      expect(unsubscribe, `List-Unsubscribe of ${email}`).not.toBeNull();
      const [, link = "", token = ""] = unsubscribe ?? [];
      const check = verifyUnsubscribeToken(SIGNING_KEY, decodeURIComponent(token));
      expect(check.ok && check.claims.subscriberId).toBe(subscriberIdFor(SIGNING_KEY, email));
      expect(headerOf(message, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
      expect(message.from).toBe("digest@example.org");
      expect(message.subject).toContain("16 – 22 November 2026");
      expect(message.body.html).toContain(link.replace(/&/g, "&amp;"));
      expect(message.body.text).toContain(link);
    }
  });

  it("sends nothing to pending, unsubscribed or suppressed subscribers", () => {
    const recipients = new Set(firstRun.flatMap((e) => e.destination.to));
    for (const email of [...others.map(([e]) => e), bouncing, complaining])
      expect(recipients.has(email)).toBe(false);
  });

  it("sends nothing new when the schedule fires again and SQS delivers the batches again", async () => {
    const queued = deployment.standIns.messages.length;
    const summary = await deployment.invoke<unknown, { composed: boolean; batches: number }>(
      "ComposeComposer",
      {
        scheduledTime: "2026-11-23T07:05:00Z",
      },
    );
    // Everyone has been sent the issue: nothing is queued again.
    expect(summary).toMatchObject({ composed: false, batches: 0, run: { alreadyFinal: receiving.length } });
    const response = await deployment.invoke<unknown, { batchItemFailures: unknown[] }>(
      "SendingWorker",
      sqsEvent(deployment.standIns.messages, 2),
    );
    expect(response.batchItemFailures).toEqual([]);
    expect(deployment.standIns.messages).toHaveLength(queued);
    expect(await deployment.aws.emails()).toHaveLength(firstRun.length);
  });

  it("gives each function only the settings it needs, as the template sets them", () => {
    const worker = deployment.functions.find((f) => f.logicalId.startsWith("SendingWorker"));
    expect(worker?.environment).toMatchObject({
      ONRECORD_DELIVERIES_TABLE: "onrecord-deliveries",
      ONRECORD_PUBLIC_URL: PUBLIC_URL,
      ONRECORD_CONFIGURATION_SET: "onrecord-events",
    });
    expect(Object.keys(worker?.environment ?? {})).not.toContain("ONRECORD_ARTICLES_TABLE");
  });
});
