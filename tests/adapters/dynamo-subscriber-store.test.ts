import { mkdtemp, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DynamoRateLimiter } from "../../lambdas/adapters/dynamo-rate-limiter.ts";
import { DynamoSubscriberStore } from "../../lambdas/adapters/dynamo-subscriber-store.ts";
import { RATE_LIMITS_TABLE, SUBSCRIBERS_TABLE } from "../../lambdas/adapters/dynamo-tables.ts";
import {
  ensureTables,
  type LocalEndpoint,
  localDynamoClient,
  startDynalite,
} from "../../lambdas/adapters/local-emulators.ts";
import { LocalSecretFile, SecretUnavailableError } from "../../lambdas/adapters/secret-sources.ts";
import { planSubscribe, type SubscriberRecord } from "../../lambdas/core/subscribers/subscription.ts";

let dynamo: LocalEndpoint;
let client: DynamoDBClient;
let store: DynamoSubscriberStore;
const NOW = new Date("2026-01-05T09:00:00Z");

beforeAll(async () => {
  dynamo = await startDynalite();
  client = localDynamoClient(dynamo.url);
  await ensureTables(client, [SUBSCRIBERS_TABLE, RATE_LIMITS_TABLE]);
  store = new DynamoSubscriberStore(SUBSCRIBERS_TABLE.localName, client, () => NOW);
});

afterAll(async () => {
  client?.destroy();
  await dynamo?.close();
});

function pending(email: string, id = `id-${email}`): SubscriberRecord {
  const plan = planSubscribe(null, {
    email,
    subscriberId: id,
    ip: "203.0.113.7",
    now: NOW,
    newConfirmationId: "c1",
  });
  return plan as SubscriberRecord;
}

describe("DynamoSubscriberStore", () => {
  it("stores a record once, reads it back by address and by id, and keeps it minimal", async () => {
    const record = pending("first@example.org");
    expect(await store.saveRecord(record)).toBe(true);
    expect(await store.saveRecord(record)).toBe(false);
    expect(await store.getRecord(" First@Example.org ")).toEqual(record);
    expect(await store.getRecordById("id-first@example.org")).toEqual(record);
    expect(await store.getRecordById("no-such-id")).toBeNull();
    expect(await store.getByEmail("first@example.org")).toEqual({
      email: "first@example.org",
      id: "id-first@example.org",
      status: "pending",
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    });
  });

  it("lets only one of two writers racing on the same version win", async () => {
    const record = pending("race@example.org");
    await store.saveRecord(record);
    const a = { ...record, status: "confirmed" as const, version: 2 };
    const b = { ...record, status: "unsubscribed" as const, version: 2 };
    const results = await Promise.all([store.saveRecord(a), store.saveRecord(b)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await store.getRecord("race@example.org"))?.version).toBe(2);
  });

  it("stores twenty simultaneous sign-ups of one new address exactly once", async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () => store.saveRecord(pending("crowd@example.org"))),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("lists confirmed subscribers only, page by page, each once", async () => {
    const emails = Array.from({ length: 7 }, (_, i) => `list${i}@example.org`);
    for (const email of emails) await store.saveRecord({ ...pending(email), status: "confirmed" });
    await store.saveRecord(pending("not-yet@example.org"));
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await store.listConfirmed(cursor, 3);
      seen.push(...page.items.map((s) => s.email));
      expect(page.items.every((s) => s.status === "confirmed")).toBe(true);
      cursor = page.next;
      pages++;
    } while (cursor);
    expect(seen.filter((e) => e.startsWith("list")).sort()).toEqual(emails);
    expect(seen).not.toContain("not-yet@example.org");
    expect(new Set(seen).size).toBe(seen.length);
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  it("refuses a cursor it did not make", async () => {
    await expect(store.listConfirmed("bm90IGpzb24", 3)).rejects.toThrow(/cursor/);
  });

  it.each([
    ["bounced", "bounced"],
    ["complained", "complained"],
  ] as const)("suppresses a confirmed subscriber as %s, taking them off the list", async (reason, status) => {
    const email = `suppress-${reason}@example.org`;
    await store.saveRecord({ ...pending(email), status: "confirmed" });
    await store.suppress(email.toUpperCase(), reason);
    expect((await store.getByEmail(email))?.status).toBe(status);
    const listed = (await store.listConfirmed(null, 100)).items.map((s) => s.email);
    expect(listed).not.toContain(email);
  });

  it("suppresses an address it has never seen, so it is never mailed later", async () => {
    await store.suppress("stranger@example.org", "bounced");
    expect(await store.getRecord("stranger@example.org")).toMatchObject({
      status: "bounced",
      id: null,
      version: 1,
    });
  });
});

describe("DynamoRateLimiter", () => {
  it("allows up to the limit per window and subject, then gives a retry time", async () => {
    const limiter = new DynamoRateLimiter(RATE_LIMITS_TABLE.localName, client);
    const policy = { name: "test", limit: 3, windowSeconds: 600 };
    const decisions = [];
    for (let i = 0; i < 5; i++) decisions.push(await limiter.hit(policy, "subject-a", NOW));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false, false]);
    // The window slides by its 60-second buckets: the hits leave it 10 to 11 minutes later.
    expect(decisions[4]?.retryAfterSeconds).toBe(660);
    expect((await limiter.hit(policy, "subject-b", NOW)).allowed).toBe(true);
    expect((await limiter.hit(policy, "subject-a", new Date(NOW.getTime() + 600_000))).allowed).toBe(false);
    expect((await limiter.hit(policy, "subject-a", new Date(NOW.getTime() + 660_000))).allowed).toBe(true);
  });

  it("takes from every limit at once or from none, so a refused confirmation uses up no allowance", async () => {
    const limiter = new DynamoRateLimiter(RATE_LIMITS_TABLE.localName, client);
    const one = { name: "take-one", limit: 1, windowSeconds: 600 };
    const many = { name: "take-many", limit: 5, windowSeconds: 600 };
    const both = [
      { policy: one, subject: "m" },
      { policy: many, subject: "all" },
    ];
    expect(await limiter.take(both, NOW)).toEqual({ allowed: true });
    expect(await limiter.take(both, NOW)).toEqual({ allowed: false, policy: "take-one" });
    expect(await limiter.take(both, NOW)).toEqual({ allowed: false, policy: "take-one" });
    // The refusals took nothing from the shared limit: four more fit.
    const others = await Promise.all(
      [1, 2, 3, 4, 5, 6].map(() => limiter.take([{ policy: many, subject: "all" }], NOW)),
    );
    expect(others.filter((t) => t.allowed)).toHaveLength(4);
  });

  it("lets racing takes of one last allowance through once", async () => {
    const limiter = new DynamoRateLimiter(RATE_LIMITS_TABLE.localName, client);
    const last = { name: "take-race", limit: 1, windowSeconds: 600 };
    const taken = await Promise.all(
      Array.from({ length: 10 }, () => limiter.take([{ policy: last, subject: "x" }], NOW)),
    );
    expect(taken.filter((t) => t.allowed)).toHaveLength(1);
  });

  it("counts simultaneous hits exactly", async () => {
    const limiter = new DynamoRateLimiter(RATE_LIMITS_TABLE.localName, client);
    const policy = { name: "burst", limit: 10, windowSeconds: 600 };
    const decisions = await Promise.all(Array.from({ length: 25 }, () => limiter.hit(policy, "burst", NOW)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(10);
  });
});

describe("LocalSecretFile", () => {
  it("makes a key on first use, readable by its owner only, and keeps it across restarts", async () => {
    const path = join(await mkdtemp(join(tmpdir(), "onrecord-secret-")), "data", "signing-key");
    const first = await new LocalSecretFile(path).get();
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await new LocalSecretFile(path).get()).toBe(first);
    expect((await readFile(path, "utf8")).trim()).toBe(first);
  });

  it("keeps its folder (data/) to its owner, tightening one that was made open to everyone", async () => {
    const root = await mkdtemp(join(tmpdir(), "onrecord-secret-"));
    await new LocalSecretFile(join(root, "fresh", "signing-key")).get();
    expect((await stat(join(root, "fresh"))).mode & 0o777).toBe(0o700);
    const { mkdir } = await import("node:fs/promises");
    await mkdir(join(root, "open"), { mode: 0o755 });
    await new LocalSecretFile(join(root, "open", "signing-key")).get();
    expect((await stat(join(root, "open"))).mode & 0o777).toBe(0o700);
  });

  it("refuses a file holding too short a key", async () => {
    const dir = await mkdtemp(join(tmpdir(), "onrecord-secret-"));
    const { writeFile } = await import("node:fs/promises");
    await writeFile(join(dir, "key"), "short\n");
    await expect(new LocalSecretFile(join(dir, "key")).get()).rejects.toBeInstanceOf(SecretUnavailableError);
  });
});
