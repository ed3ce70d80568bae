/**
 * What is kept of a person who left: a keyed hash of the address and the consent's times, never
 * the address or an IP; pending sign-ups that were never confirmed expire.
 */
import { DeleteItemCommand, PutItemCommand, ScanCommand } from "@aws-sdk/client-dynamodb";
import { marshall, unmarshall } from "@aws-sdk/util-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DynamoSubscriberStore } from "../../lambdas/adapters/dynamo-subscriber-store.ts";
import { SUBSCRIBERS_TABLE } from "../../lambdas/adapters/dynamo-tables.ts";
import { FixedSecret, HashKeyRing } from "../../lambdas/adapters/secret-sources.ts";
import { addressHash } from "../../lambdas/core/subscribers/retention.ts";
import { createUnsubscribeToken } from "../../lambdas/core/subscribers/tokens.ts";
import {
  buildApp,
  confirmLinkIn,
  type Emulators,
  emailsTo,
  form,
  HASH_KEYS,
  pathOf,
  SECRET,
  startEmulators,
  uniqueAddress,
} from "./harness.ts";

let emulators: Emulators;
beforeAll(async () => {
  emulators = await startEmulators();
});
afterAll(() => emulators?.close());

const [CURRENT_KEY = "", OLD_KEY = ""] = HASH_KEYS.split("\n");

/** Every stored item that mentions the address, the address's hash, or the client's IP. */
async function itemsAbout(email: string, ip = "203.0.113.9") {
  const { Items = [] } = await emulators.dynamoClient.send(
    new ScanCommand({ TableName: SUBSCRIBERS_TABLE.localName, ConsistentRead: true }),
  );
  const hashes = [addressHash(CURRENT_KEY, email), addressHash(OLD_KEY, email)];
  return Items.map((i) => unmarshall(i)).filter((item) => {
    const text = JSON.stringify(item);
    return text.includes(email) || text.includes(ip) || hashes.includes(item.email);
  });
}

async function subscribeAndConfirm(app: ReturnType<typeof buildApp>["app"], email: string) {
  await app.request("/subscribe", form({ email }, "203.0.113.9"));
  const [mail] = await emailsTo(emulators.ses, email);
  await app.request(pathOf(confirmLinkIn(mail as NonNullable<typeof mail>)), {
    method: "POST",
    headers: { "x-test-client-ip": "203.0.113.9" },
  });
}

describe("an address that leaves", () => {
  it("is kept only as a keyed hash with when it asked, confirmed and left: no address, no IP", async () => {
    const { app } = buildApp(emulators);
    const email = uniqueAddress("leaving");
    await subscribeAndConfirm(app, email);
    expect((await itemsAbout(email)).map((i) => i.status)).toEqual(["confirmed"]);
    await app.request(`/unsubscribe?token=${createUnsubscribeToken(SECRET, email)}`, { method: "POST" });
    const kept = await itemsAbout(email);
    expect(kept).toHaveLength(1);
    expect(kept[0]).toEqual({
      email: addressHash(CURRENT_KEY, email),
      status: "unsubscribed",
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      requestedAt: expect.any(String),
      confirmedAt: expect.any(String),
    });
    expect(JSON.stringify(kept)).not.toMatch(/@|203\.0\.113/);
  });

  it("is still known by that hash: signing up again needs a new confirmation, and a complaint is never mailed", async () => {
    const { app, setNow, outcomes } = buildApp(emulators);
    const comeback = uniqueAddress("comeback");
    await subscribeAndConfirm(app, comeback);
    await app.request(`/unsubscribe?token=${createUnsubscribeToken(SECRET, comeback)}`, { method: "POST" });
    setNow(new Date(Date.now() + 11 * 60_000));
    await app.request("/subscribe", form({ email: comeback }));
    expect(await emailsTo(emulators.ses, comeback)).toHaveLength(2);
    expect((await emulators.store.getRecord(comeback))?.status).toBe("pending");

    const complaining = uniqueAddress("complaining");
    await subscribeAndConfirm(app, complaining);
    await emulators.store.suppress(complaining, "complained");
    expect((await itemsAbout(complaining)).map((i) => i.status)).toEqual(["complained"]);
    await app.request("/subscribe", form({ email: complaining }));
    expect(outcomes.at(-1)).toEqual({ kind: "ignored" });
    expect(await emailsTo(emulators.ses, complaining)).toHaveLength(1);
  });

  it("records a bounce of an address never seen as a hash, which a later sign-up still finds", async () => {
    const { app, outcomes } = buildApp(emulators);
    const email = uniqueAddress("bounced");
    await emulators.store.suppress(email, "bounced");
    expect((await itemsAbout(email)).map((i) => [i.status, i.email.startsWith("h1.")])).toEqual([
      ["bounced", true],
    ]);
    await emulators.store.suppress(email, "complained");
    await app.request("/subscribe", form({ email }));
    expect(outcomes.at(-1)).toEqual({ kind: "ignored" });
    expect(await emailsTo(emulators.ses, email)).toHaveLength(0);
  });

  it("is found after a key rotation by the old key's hash, and kept under the new key from then on", async () => {
    const email = uniqueAddress("rotated");
    const before = new DynamoSubscriberStore(
      SUBSCRIBERS_TABLE.localName,
      emulators.dynamoClient,
      undefined,
      new HashKeyRing(new FixedSecret(OLD_KEY)),
    );
    await before.suppress(email, "complained");
    expect((await itemsAbout(email))[0]?.email).toBe(addressHash(OLD_KEY, email));
    expect((await emulators.store.getRecord(email))?.status).toBe("complained");
    expect((await itemsAbout(email)).map((i) => i.email)).toEqual([addressHash(CURRENT_KEY, email)]);
  });

  it("written by an earlier version with its address, is moved to its hash the first time it is read", async () => {
    const email = uniqueAddress("legacy");
    await emulators.dynamoClient.send(
      new PutItemCommand({
        TableName: SUBSCRIBERS_TABLE.localName,
        Item: marshall({
          email,
          id: "legacy-id-0123456789",
          status: "unsubscribed",
          createdAt: "2026-01-01T00:00:00.000Z",
          updatedAt: "2026-02-01T00:00:00.000Z",
          requestedIp: "203.0.113.9",
          consent: {
            requestedAt: "2026-01-01T00:00:00.000Z",
            requestedIp: "203.0.113.9",
            confirmedAt: "2026-01-01T00:05:00.000Z",
            confirmedIp: "203.0.113.9",
            confirmationId: "c-1",
          },
          version: 3,
        }),
      }),
    );
    expect((await emulators.store.getRecord(email))?.status).toBe("unsubscribed");
    expect(await itemsAbout(email)).toEqual([
      {
        email: addressHash(CURRENT_KEY, email),
        status: "unsubscribed",
        createdAt: "2026-01-01T00:00:00.000Z",
        updatedAt: "2026-02-01T00:00:00.000Z",
        requestedAt: "2026-01-01T00:00:00.000Z",
        confirmedAt: "2026-01-01T00:05:00.000Z",
      },
    ]);
  });
});

describe("a sign-up never confirmed", () => {
  it("carries a 30-day expiry, after which no reader sees it (dynalite keeps it; DynamoDB's TTL deletes it)", async () => {
    const { app, setNow } = buildApp(emulators);
    const email = uniqueAddress("pending");
    const now = new Date();
    await app.request("/subscribe", form({ email }));
    const [item] = await itemsAbout(email);
    expect(item?.expiresAt).toBe(Math.floor(now.getTime() / 1000) + 30 * 86_400);
    const [mail] = await emailsTo(emulators.ses, email);
    const later = new Date(now.getTime() + 31 * 86_400_000);
    const store = new DynamoSubscriberStore(SUBSCRIBERS_TABLE.localName, emulators.dynamoClient, () => later);
    expect(await store.getRecord(email)).toBeNull();
    expect(await store.getByEmail(email)).toBeNull();
    // Its confirmation link (had it not expired itself) finds nobody either.
    setNow(later);
    const page = await app.request(pathOf(confirmLinkIn(mail as NonNullable<typeof mail>)));
    expect(page.status).toBe(410);
    await emulators.dynamoClient.send(
      new DeleteItemCommand({ TableName: SUBSCRIBERS_TABLE.localName, Key: marshall({ email }) }),
    );
  });
});
