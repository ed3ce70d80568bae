import { ScanCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ArticleStoreError, DynamoArticleStore } from "../../lambdas/adapters/dynamo-article-store.ts";
import { DynamoDeliveryStore } from "../../lambdas/adapters/dynamo-delivery-store.ts";
import { DynamoIssueStore } from "../../lambdas/adapters/dynamo-issue-store.ts";
import { ARTICLES_TABLE, DELIVERIES_TABLE, ISSUES_TABLE } from "../../lambdas/adapters/dynamo-tables.ts";
import type { Article, StoredArticle } from "../../lambdas/core/types.ts";
import type { StoredIssue } from "../../lambdas/ports.ts";
import { type LocalAws, startLocalAws } from "../support/local-aws.ts";

let aws: LocalAws;
beforeAll(async () => {
  aws = await startLocalAws();
});
afterAll(async () => aws.close());

function stored(
  id: string,
  publishedAt: string | null,
  body = `Minister ${id} said "we will act".`,
): StoredArticle {
  const article: Article = {
    id,
    title: `Title ${id}`,
    url: null,
    outlet: "Example Daily",
    publishedAt,
    body,
  };
  return {
    article,
    statements: [
      {
        start: 0,
        end: 5,
        parts: [[0, 5]],
        text: "we will act",
        kind: "direct",
        speaker: "Han Tae-woo",
        title: "Defence Minister",
        affiliation: null,
        sourceType: "person",
        mention: null,
        cue: "said",
        confidence: 0.9,
        titles: ["Defence Minister"],
      },
    ],
  };
}

describe("DynamoArticleStore", () => {
  it("returns exactly the articles published within the window, with their statements", async () => {
    // Prepare
    const store = new DynamoArticleStore(ARTICLES_TABLE.localName, aws.dynamo);
    for (const [id, day] of [
      ["before.txt", "2026-11-15"],
      ["monday.txt", "2026-11-16"],
      ["sunday.txt", "2026-11-22"],
      ["after.txt", "2026-11-23"],
    ] as const) {
      await store.put(stored(id, day));
    }
    // Act
    const window = await store.listWindow("2026-11-16", "2026-11-22");
    // Assess
    expect(window.map((a) => a.article.id).sort()).toEqual(["monday.txt", "sunday.txt"]);
    expect(window[0]?.statements[0]?.speaker).toBe("Han Tae-woo");
    expect(window[0]?.article.body).toContain("we will act");
  });

  it("stores the same article again as unchanged, and a changed one as stored", async () => {
    const store = new DynamoArticleStore(ARTICLES_TABLE.localName, aws.dynamo);
    expect(await store.put(stored("again.txt", "2026-10-01"))).toBe("stored");
    expect(await store.put(stored("again.txt", "2026-10-01"))).toBe("unchanged");
    expect(await store.put(stored("again.txt", "2026-10-01", "A corrected body."))).toBe("stored");
    const window = await store.listWindow("2026-10-01", "2026-10-01");
    expect(window.map((a) => a.article.body)).toEqual(["A corrected body."]);
  });

  it("reads articles stored before statements carried a confidence and titles as sure, with their one title", async () => {
    // Prepare: an item as the first version wrote it, its statements without the newer fields
    const store = new DynamoArticleStore(ARTICLES_TABLE.localName, aws.dynamo);
    const old = stored("older.txt", "2026-09-01");
    const legacy = old.statements.map(({ confidence: _c, titles: _t, ...rest }) => rest);
    await store.put({ ...old, statements: legacy as unknown as StoredArticle["statements"] });
    // Act
    const [article] = await store.listWindow("2026-09-01", "2026-09-01");
    // Assess
    expect(article?.statements[0]).toMatchObject({ confidence: 1, titles: ["Defence Minister"] });
  });

  it.each([
    ["an article without a date", stored("undated.txt", null), /no publication date/],
    [
      "an article too large for one item",
      stored("huge.txt", "2026-10-02", randomText(2_000_000)),
      /over the limit/,
    ],
  ])("refuses %s with a clear error", async (_, article, message) => {
    const store = new DynamoArticleStore(ARTICLES_TABLE.localName, aws.dynamo);
    await expect(store.put(article)).rejects.toThrow(ArticleStoreError);
    await expect(store.put(article)).rejects.toThrow(message);
  });
});

describe("DynamoIssueStore", () => {
  const issue = (subject: string): StoredIssue => ({
    id: "2026-W47",
    digest: { from: "2026-11-16", to: "2026-11-22", officials: [] },
    rendered: { subject, html: "<p>{{unsubscribeUrl}}</p>", text: "{{unsubscribeUrl}}" },
    templateName: "onrecord-issue-2026-W47",
    composedAt: "2026-11-23T07:00:00.000Z",
  });

  it("keeps the first issue stored for a week and returns it to a second writer", async () => {
    const store = new DynamoIssueStore(ISSUES_TABLE.localName, aws.dynamo);
    expect(await store.get("2026-W47")).toBeNull();
    await store.putIfAbsent(issue("First"));
    const second = await store.putIfAbsent(issue("Second"));
    expect(second.rendered.subject).toBe("First");
    expect((await store.get("2026-W47"))?.rendered).toEqual(issue("First").rendered);
  });
});

describe("DynamoDeliveryStore", () => {
  const recipients = (n: number, prefix = "id") =>
    Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, address: `${prefix}${i}@example.org` }));

  it("lets only one of two concurrent claimers win each row", async () => {
    const store = new DynamoDeliveryStore(DELIVERIES_TABLE.localName, aws.dynamo);
    const ids = recipients(20).map((r) => r.id);
    await store.createQueued("W1", recipients(20));
    const [a, b] = await Promise.all([store.claim("W1", ids, "token-a"), store.claim("W1", ids, "token-b")]);
    expect(a.won.length + b.won.length).toBe(20);
    expect(new Set([...a.won, ...b.won]).size).toBe(20);
    expect((await store.claim("W1", ids, "token-c")).won).toEqual([]);
  });

  it("releases only the claims it holds; a claim whose lease ran out can be taken over", async () => {
    let now = new Date("2026-11-23T07:00:00Z");
    const store = new DynamoDeliveryStore(DELIVERIES_TABLE.localName, aws.dynamo, () => now, {
      leaseMs: 180_000,
    });
    await store.createQueued("W2", recipients(2, "w2-"));
    await store.claim("W2", ["w2-0", "w2-1"], "mine");
    await store.release("W2", ["w2-0", "w2-1"], "someone-else");
    expect((await store.claim("W2", ["w2-0"], "retry")).won).toEqual([]);
    await store.release("W2", ["w2-0"], "mine");
    expect((await store.claim("W2", ["w2-0"], "retry")).won).toEqual(["w2-0"]);
    now = new Date(now.getTime() + 181_000);
    expect((await store.claim("W2", ["w2-1"], "takeover")).won).toEqual(["w2-1"]);
    // The first holder's token no longer moves the row.
    expect((await store.markSending("W2", ["w2-1"], "mine")).won).toEqual([]);
  });

  it("wins again a claim or a move to sending retried with its own token (a write whose answer was lost), and holds a lease given as long as asked", async () => {
    let now = new Date("2026-11-23T07:00:00Z");
    const store = new DynamoDeliveryStore(DELIVERIES_TABLE.localName, aws.dynamo, () => now);
    await store.createQueued("W4", recipients(2, "w4-"));
    expect((await store.claim("W4", ["w4-0", "w4-1"], "mine", 600_000)).won).toEqual(["w4-0", "w4-1"]);
    expect((await store.claim("W4", ["w4-0"], "mine", 600_000)).won).toEqual(["w4-0"]);
    expect((await store.markSending("W4", ["w4-0"], "mine")).won).toEqual(["w4-0"]);
    expect((await store.markSending("W4", ["w4-0"], "mine")).won).toEqual(["w4-0"]);
    expect((await store.markSending("W4", ["w4-0"], "other")).won).toEqual([]);
    // Past the default lease (3 min) but within the one given (10 min): nobody takes it over.
    now = new Date(now.getTime() + 5 * 60_000);
    expect((await store.claim("W4", ["w4-1"], "takeover")).won).toEqual([]);
    now = new Date(now.getTime() + 6 * 60_000);
    expect((await store.claim("W4", ["w4-1"], "takeover")).won).toEqual(["w4-1"]);
  });

  it("finishes rows over the claim that sent them, drops final rows from the sparse index, and expires them", async () => {
    const now = new Date("2026-11-23T07:00:00Z");
    const store = new DynamoDeliveryStore(DELIVERIES_TABLE.localName, aws.dynamo, () => now);
    const rows = recipients(30, "w3-");
    const ids = rows.map((r) => r.id);
    await store.createQueued("W3", rows);
    await store.claim("W3", ids, "t");
    await store.markSending("W3", ids.slice(0, 29), "t");
    await store.finish(
      "W3",
      [
        ...ids
          .slice(0, 27)
          .map((subscriberId) => ({ subscriberId, status: "sent" as const, messageId: `m-${subscriberId}` })),
        { subscriberId: "w3-27", status: "rejected", messageId: null, error: "MESSAGE_REJECTED" },
        { subscriberId: "w3-28", status: "retry", messageId: null, error: "TRANSIENT_FAILURE" },
      ],
      "t",
    );
    expect(await store.count("W3")).toMatchObject({ claimed: 1, sent: 27, rejected: 1, retry: 1 });
    expect((await store.claim("W3", ids, "again")).won.sort()).toEqual(["w3-28"]);
    const open = (await store.listUnfinished()).filter((r) => r.issueId === "W3").map((r) => r.subscriberId);
    expect(open.sort()).toEqual(["w3-28", "w3-29"]);
    const { Items = [] } = await aws.dynamo.send(new ScanCommand({ TableName: DELIVERIES_TABLE.localName }));
    const item = Items.find((i) => i.issueId?.S === "W3" && i.email?.S === "w3-0");
    expect(Number(item?.expiresAt?.N)).toBe(now.getTime() / 1000 + 90 * 86_400);
  });
});

function randomText(length: number): string {
  let out = "";
  while (out.length < length) out += Math.random().toString(36).slice(2);
  return out;
}
