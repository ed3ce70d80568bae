import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildApp,
  confirmLinkIn,
  type Emulators,
  emailsTo,
  form,
  PUBLIC_URL,
  pathOf,
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

  it("re-sends a pending address's confirmation at most once per 10 minutes, with a new link that replaces the first", async () => {
    // The clock near the store's own: a pending record expires after 30 days.
    const t0 = new Date();
    const { app, setNow } = buildApp(emulators, { now: t0 });
    const email = uniqueAddress("resend");
    for (const minutes of [0, 1, 5, 9, 10]) {
      setNow(new Date(t0.getTime() + minutes * 60_000));
      await app.request("/subscribe", form({ email }));
    }
    expect(await emailsTo(emulators.ses, email)).toHaveLength(1);
    setNow(new Date(t0.getTime() + 11 * 60_000));
    await app.request("/subscribe", form({ email }));
    const mail = await emailsTo(emulators.ses, email);
    expect(mail).toHaveLength(2);
    const [first, second] = mail.map((m) => pathOf(confirmLinkIn(m)));
    expect(second).not.toBe(first);
    expect((await app.request(first as string, { method: "POST" })).status).toBe(410);
    expect((await app.request(second as string, { method: "POST" })).status).toBe(200);
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

describe("POST /subscribe over HTTP, as the Node server reads the form", () => {
  /** The app behind a real socket (`@hono/node-server`, as `npm start` serves it). */
  async function served(): Promise<{ url: string; drain: () => Promise<void>; close: () => void }> {
    const { app, drain } = buildApp(emulators);
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.raw.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
    });
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}`, drain, close: () => server.close() };
  }

  it("signs up from an urlencoded form with a declared length, its last email field counting", async () => {
    const server = await served();
    try {
      const email = uniqueAddress("http");
      const body = `email=ignored%40example.org&email=${encodeURIComponent(email)}`;
      const response = await fetch(`${server.url}/subscribe`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded; charset=UTF-8" },
        body,
      });
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("content-type")).toMatch(/^text\/html; charset=utf-8$/i);
      expect(await response.text()).toContain("Check your inbox");
      await server.drain();
      expect(await emulators.store.getRecord(email)).toMatchObject({ status: "pending" });
      expect(await emulators.store.getRecord("ignored@example.org")).toBeNull();
    } finally {
      server.close();
    }
  });

  it.each([
    ["a declared length", (body: string) => body],
    [
      "no declared length (chunked)",
      (body: string) =>
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode(body));
            controller.close();
          },
        }),
    ],
  ])("refuses a body larger than a form with %s: 413 and a page", async (_, bodyOf) => {
    const server = await served();
    try {
      const email = uniqueAddress("huge");
      const response = await fetch(`${server.url}/subscribe`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: bodyOf(`email=${encodeURIComponent(email)}&padding=${"x".repeat(20_000)}`),
        duplex: "half",
      } as RequestInit);
      expect(response.status).toBe(413);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(await response.text()).toContain("far larger than a sign-up form");
      await server.drain();
      expect(await emulators.store.getRecord(email)).toBeNull();
    } finally {
      server.close();
    }
  });
});

describe("POST /subscribe against mail-bombing", () => {
  /** Variants of one Gmail mailbox: `+tags` and dots, on both of Gmail's domains. */
  function gmailVariants(local: string, n: number): string[] {
    return Array.from({ length: n }, (_, i) => {
      const dotted = i % 2 === 0 ? local : local.split("").join(".");
      return `${dotted}+${i}@${i % 3 === 0 ? "googlemail.com" : "gmail.com"}`;
    });
  }

  it("mails one mailbox once, however its address is spelled: +tags and Gmail's dots count as one", async () => {
    const { app } = buildApp(emulators);
    const local = `victim${process.pid}x${Date.now()}`;
    const variants = gmailVariants(local, 24);
    for (const email of variants) expect((await app.request("/subscribe", form({ email }))).status).toBe(200);
    const mail = await emailsTo(emulators.ses, local.slice(0, 6));
    const toVictim = mail.filter((m) =>
      m.destination.to.some((to) => to.replace(/\./g, "").replace(/\+.*@/, "@").startsWith(local)),
    );
    expect(toVictim).toHaveLength(1);
    // The address stored and mailed is the one typed: the cap folds them, nothing else does.
    expect(toVictim[0]?.destination.to[0]).toBe(variants[0]);
    expect(await emulators.store.getRecord(variants[0] as string)).toMatchObject({ email: variants[0] });
  });

  it("mails one mailbox at most 3 times a day, from any number of IPs and spellings", async () => {
    const t0 = new Date("2026-03-04T08:00:00Z");
    const { app, setNow } = buildApp(emulators, { now: t0 });
    const local = `daily${process.pid}x${Date.now()}`;
    const variants = gmailVariants(local, 10);
    for (const [i, email] of variants.entries()) {
      setNow(new Date(t0.getTime() + i * 12 * 60_000));
      await app.request("/subscribe", form({ email }, `198.51.100.${i + 1}`));
    }
    const mail = (await emailsTo(emulators.ses, "@")).filter((m) =>
      m.destination.to.some((to) => to.replace(/\./g, "").replace(/\+.*@/, "@").startsWith(local)),
    );
    expect(mail).toHaveLength(3);
  });

  it("caps confirmation emails to one recipient domain an hour", async () => {
    const { app, outcomes } = buildApp(emulators, {
      caps: { domain: { name: "domain-cap", limit: 5, windowSeconds: 3600 } },
    });
    const domain = `corp-${process.pid}-${Date.now()}.example`;
    for (let i = 0; i < 8; i++) await app.request("/subscribe", form({ email: `person${i}@${domain}` }));
    expect(await emailsTo(emulators.ses, `@${domain}`)).toHaveLength(5);
    expect(outcomes.filter((o) => o.kind === "capped")).toHaveLength(3);
    const other = uniqueAddress("elsewhere");
    await app.request("/subscribe", form({ email: other }));
    expect(await emailsTo(emulators.ses, other)).toHaveLength(1);
  });

  it("stops all confirmation emails past the hourly budget, and raises the alarm", async () => {
    let alarms = 0;
    const { app } = buildApp(emulators, {
      caps: { global: { name: "global-cap", limit: 3, windowSeconds: 3600 } },
      onBudgetExhausted: () => alarms++,
    });
    const addresses = Array.from({ length: 5 }, () => uniqueAddress("budget"));
    for (const email of addresses)
      expect((await app.request("/subscribe", form({ email }))).status).toBe(200);
    const mailed = await Promise.all(addresses.map((a) => emailsTo(emulators.ses, a)));
    expect(mailed.map((m) => m.length)).toEqual([1, 1, 1, 0, 0]);
    expect(alarms).toBe(2);
  });

  it("answers a capped sign-up with the same page as a new one", async () => {
    const { app } = buildApp(emulators);
    const email = uniqueAddress("capped");
    const first = await (await app.request("/subscribe", form({ email }))).text();
    const capped = await app.request("/subscribe", form({ email: email.replace("@", "+again@") }));
    expect(capped.status).toBe(200);
    expect(await capped.text()).toBe(first);
    expect(await emailsTo(emulators.ses, email.split("@")[0] as string)).toHaveLength(1);
  });

  it("answers before the confirmation email is sent: the request does no store work that depends on the address", async () => {
    const { app, drain } = buildApp(emulators);
    const email = uniqueAddress("queued");
    const response = await app.raw.request("/subscribe", form({ email }));
    expect(response.status).toBe(200);
    expect(await emailsTo(emulators.ses, email)).toHaveLength(0);
    await drain();
    expect(await emailsTo(emulators.ses, email)).toHaveLength(1);
  });

  it("counts an IPv6 client by its /64, so rotating addresses within it gains nothing", async () => {
    const { app } = buildApp(emulators, {
      limits: { perIp: { name: `ip6-${process.pid}-${Date.now()}`, limit: 3, windowSeconds: 600 } },
    });
    const statuses = [];
    for (let i = 1; i <= 5; i++) {
      const ip = `2001:db8:42:7:${i.toString(16)}::${i}`;
      statuses.push((await app.request("/subscribe", form({ email: uniqueAddress("v6") }, ip))).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const neighbour = await app.request(
      "/subscribe",
      form({ email: uniqueAddress("v6") }, "2001:db8:42:8::1"),
    );
    expect(neighbour.status).toBe(200);
  });
});

describe("POST /subscribe from another site", () => {
  it.each([
    ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }],
    ["a foreign Origin", { origin: "https://evil.example" }],
    [
      "a foreign Origin claiming same-site",
      { origin: "https://evil.example", "sec-fetch-site": "same-site" },
    ],
  ])("refuses %s with 403, storing and sending nothing", async (_, headers) => {
    const { app } = buildApp(emulators);
    const email = uniqueAddress("csrf");
    const init = form({ email });
    const response = await app.request("/subscribe", {
      ...init,
      headers: { ...(init.headers as Record<string, string>), ...headers },
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("sent from another site");
    expect(await emulators.store.getRecord(email)).toBeNull();
    expect(await emailsTo(emulators.ses, email)).toHaveLength(0);
  });

  it.each([
    ["its own Origin", { origin: PUBLIC_URL, "sec-fetch-site": "same-origin" }],
    ["neither header (a script, a mail client)", {}],
  ])("serves %s", async (_, headers) => {
    const { app } = buildApp(emulators);
    const email = uniqueAddress("own");
    const init = form({ email });
    const response = await app.request("/subscribe", {
      ...init,
      headers: { ...(init.headers as Record<string, string>), ...headers },
    });
    expect(response.status).toBe(200);
    expect(await emailsTo(emulators.ses, email)).toHaveLength(1);
  });
});
