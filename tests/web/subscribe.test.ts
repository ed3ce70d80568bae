import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildApp,
  confirmLinkIn,
  type Emulators,
  emailsTo,
  form,
  PUBLIC_URL,
  SENDER,
  startEmulators,
  uniqueAddress,
} from "./harness.ts";

let emulators: Emulators;
beforeAll(async () => {
  emulators = await startEmulators();
});
afterAll(() => emulators?.close());

describe("GET /", () => {
  it("shows what onrecord is, how often it comes, and an accessible form that needs no JavaScript", async () => {
    const { app } = buildApp(emulators);
    const response = await app.request("/");
    const page = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/text\/html; charset=utf-8/i);
    expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(page).toMatch(/one email a week/i);
    expect(page).toContain('<form class="subscribe" method="post" action="/subscribe">');
    expect(page).toContain('<label for="email">');
    expect(page).toMatch(/<input id="email" name="email" type="email"[^>]*autocomplete="email"[^>]*required/);
    expect(page).toContain('<button type="submit">Subscribe</button>');
    expect(page).not.toContain("<script");
  });
});

describe("POST /subscribe", () => {
  it("stores a pending subscriber with its request and sends one confirmation email with a link", async () => {
    // Prepare
    const { app } = buildApp(emulators);
    const email = uniqueAddress();
    // Act
    const response = await app.request(
      "/subscribe",
      form({ email: `  ${email.toUpperCase()} ` }, "203.0.113.7"),
    );
    // Assess
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Check your inbox");
    const record = await emulators.store.getRecord(email);
    expect(record).toMatchObject({ status: "pending", requestedIp: "203.0.113.7", version: 1 });
    const mail = await emailsTo(emulators.ses, email);
    expect(mail).toHaveLength(1);
    expect(mail[0]?.from).toBe(SENDER);
    expect(mail[0]?.subject).toBe("Confirm your onrecord subscription");
    const link = confirmLinkIn(mail[0] as (typeof mail)[0]);
    expect(link.startsWith(`${PUBLIC_URL}/confirm?token=c1.`)).toBe(true);
    expect(mail[0]?.body.html).toContain(`href="${link}"`);
    expect(link).not.toContain(email.split("@")[0] as string);
  });

  it("answers byte for byte the same whether the address is new, pending, confirmed, unsubscribed or bounced", async () => {
    const { app } = buildApp(emulators);
    const bodies = new Set<string>();
    const statuses = new Set<number>();
    const confirmed = uniqueAddress("confirmed");
    const unsubscribed = uniqueAddress("unsubscribed");
    const bounced = uniqueAddress("bounced");
    const pending = uniqueAddress("pending");
    for (const email of [confirmed, unsubscribed, pending]) await app.request("/subscribe", form({ email }));
    for (const [email, status] of [
      [confirmed, "confirmed"],
      [unsubscribed, "unsubscribed"],
    ] as const) {
      const record = await emulators.store.getRecord(email);
      await emulators.store.saveRecord({ ...(record as NonNullable<typeof record>), status, version: 2 });
    }
    await emulators.store.suppress(bounced, "bounced");
    for (const email of [uniqueAddress("new"), pending, confirmed, unsubscribed, bounced]) {
      const response = await app.request("/subscribe", form({ email }));
      statuses.add(response.status);
      bodies.add(await response.text());
    }
    expect([...statuses]).toEqual([200]);
    expect(bodies.size).toBe(1);
  });

  it("re-sends a pending address's confirmation at most once per 10 minutes, with a link that still works", async () => {
    const t0 = new Date("2026-03-02T08:00:00Z");
    const { app, setNow } = buildApp(emulators, { now: t0 });
    const email = uniqueAddress("resend");
    for (const minutes of [0, 1, 5, 9]) {
      setNow(new Date(t0.getTime() + minutes * 60_000));
      await app.request("/subscribe", form({ email }));
    }
    expect(await emailsTo(emulators.ses, email)).toHaveLength(1);
    setNow(new Date(t0.getTime() + 10 * 60_000));
    await app.request("/subscribe", form({ email }));
    const mail = await emailsTo(emulators.ses, email);
    expect(mail).toHaveLength(2);
    const first = new URL(confirmLinkIn(mail[0] as (typeof mail)[0]));
    const confirmed = await app.request(`${first.pathname}${first.search}`);
    expect(confirmed.status).toBe(200);
  });

  it("sends one address at most 3 confirmation emails a day, however the requests are spaced", async () => {
    const t0 = new Date("2026-03-03T08:00:00Z");
    const { app, setNow } = buildApp(emulators, { now: t0 });
    const email = uniqueAddress("bombed");
    for (let i = 0; i < 8; i++) {
      setNow(new Date(t0.getTime() + i * 11 * 60_000));
      const response = await app.request("/subscribe", form({ email }, `198.51.100.${i}`));
      expect(response.status).toBe(200);
    }
    expect(await emailsTo(emulators.ses, email)).toHaveLength(3);
  });

  it("limits sign-ups per client IP with 429 and Retry-After, leaving other clients alone", async () => {
    const { app } = buildApp(emulators, {
      limits: { perIp: { name: "ip-test", limit: 3, windowSeconds: 600 } },
    });
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      statuses.push(
        (await app.request("/subscribe", form({ email: uniqueAddress("bot") }, "203.0.113.99"))).status,
      );
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const limited = await app.request("/subscribe", form({ email: uniqueAddress("bot") }, "203.0.113.99"));
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited.text()).toMatch(/try again in \d+ minute/);
    expect((await app.request("/subscribe", form({ email: uniqueAddress() }, "203.0.113.100"))).status).toBe(
      200,
    );
  });

  it("stores twenty simultaneous sign-ups of one address once and sends one email", async () => {
    const { app } = buildApp(emulators);
    const email = uniqueAddress("burst");
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => app.request("/subscribe", form({ email }))),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(await emailsTo(emulators.ses, email)).toHaveLength(1);
    expect((await emulators.store.getRecord(email))?.version).toBe(1);
  });

  it.each([
    ["an empty address", "", /enter your email address/i],
    ["no @", "reader.example.org", /needs an @/],
    ["a header injection", "victim@example.org\r\nBcc: everyone@example.org", /line break/],
    ["a bare LF", "victim@example.org\nX: y", /line break/],
    ["a display name", "Reader <reader@example.org>", /before the @/],
    ["two addresses", "a@example.org,b@example.org", /before the @|after the @/],
    ["markup", '"><script>alert(1)</script>@example.org', /before the @/],
    ["an IP literal", "reader@[127.0.0.1]", /after the @/],
    ["no top-level domain", "reader@localhost", /after the @/],
    ["a 300-character address", `${"a".repeat(290)}@example.org`, /too long/],
  ])("refuses %s with 400, says why, stores and sends nothing", async (_, email, message) => {
    const { app } = buildApp(emulators);
    const response = await app.request("/subscribe", form({ email }));
    const page = await response.text();
    expect(response.status).toBe(400);
    expect(page).toMatch(message);
    expect(page).toContain('role="alert"');
    expect(page).toContain('aria-invalid="true"');
    expect(page).not.toContain("<script>alert(1)");
    const local = email.split("@")[0] ?? "";
    if (local) expect(await emulators.store.getRecord(email)).toBeNull();
  });

  it("shows the typed address again, escaped, after a refusal", async () => {
    const { app } = buildApp(emulators);
    const response = await app.request("/subscribe", form({ email: '"><img src=x onerror=alert(1)>' }));
    const page = await response.text();
    expect(page).toContain('value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
    expect(page).not.toContain("<img src=x");
  });

  it.each([
    ["no email field", { method: "POST", body: new URLSearchParams({ name: "x" }) }, 400],
    [
      "a JSON body",
      { method: "POST", headers: { "content-type": "application/json" }, body: '{"email":"a@example.org"}' },
      400,
    ],
    [
      "a body larger than a form",
      { method: "POST", body: new URLSearchParams({ email: "x".repeat(20_000) }) },
      413,
    ],
  ])("answers %s with status %s and a page", async (_, init, status) => {
    const { app } = buildApp(emulators);
    const response = await app.request("/subscribe", init as RequestInit);
    expect(response.status).toBe(status);
    expect(await response.text()).toContain("<h1>");
  });

  it("takes a multipart form like an urlencoded one", async () => {
    const { app } = buildApp(emulators);
    const body = new FormData();
    const email = uniqueAddress("multipart");
    body.set("email", email);
    const response = await app.request("/subscribe", { method: "POST", body });
    expect(response.status).toBe(200);
    expect(await emulators.store.getRecord(email)).toMatchObject({ status: "pending" });
  });
});
