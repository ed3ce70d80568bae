import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redactAddresses } from "../../lambdas/web/app.ts";
import {
  buildApp,
  confirmLinkIn,
  type Emulators,
  emailsTo,
  form,
  pathOf,
  startEmulators,
  uniqueAddress,
} from "./harness.ts";

let emulators: Emulators;
beforeAll(async () => {
  emulators = await startEmulators();
});
afterAll(() => emulators?.close());

describe("methods", () => {
  it.each([
    ["GET", "/subscribe", "POST"],
    ["PUT", "/subscribe", "POST"],
    ["DELETE", "/unsubscribe", "GET, HEAD, POST"],
    ["POST", "/", "GET, HEAD"],
    ["PUT", "/confirm", "GET, HEAD, POST"],
    ["PATCH", "/archive", "GET, HEAD"],
    ["POST", "/feed.xml", "GET, HEAD"],
  ])("answers %s %s with 405 and Allow: %s", async (method, path, allow) => {
    const { app } = buildApp(emulators);
    const response = await app.request(path, { method });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe(allow);
    expect(await response.text()).toContain("That cannot be done here");
  });

  it("answers HEAD like GET, without a body", async () => {
    const { app } = buildApp(emulators);
    const response = await app.request("/", { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
  });

  it("answers an unknown path with a 404 page", async () => {
    const { app } = buildApp(emulators);
    const response = await app.request("/wp-admin.php");
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("Nothing here");
  });
});

describe("headers", () => {
  it("forbid scripts, framing and foreign forms, and keep pages with tokens out of caches", async () => {
    const { app } = buildApp(emulators);
    const response = await app.request("/");
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("same-origin");
    // The same page for everybody: cacheable.
    expect(response.headers.get("cache-control")).toBe("public, no-cache");
    const link = await app.request("/unsubscribe?token=u1.broken");
    expect(link.headers.get("cache-control")).toBe("no-store");
    expect(link.headers.get("etag")).toBeNull();
  });

  it("serve the stylesheet the pages link to, cacheable", async () => {
    const { app } = buildApp(emulators);
    const response = await app.request("/assets/site.css");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("public, max-age=3600");
    expect(await response.text()).toContain("focus-visible");
  });
});

describe("failures", () => {
  it("answer 500 with a page that leaks nothing when the database is unreachable", async () => {
    const local = await startEmulators();
    const { app } = buildApp(local);
    await local.dynamo.close();
    const response = await app.request("/subscribe", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "email=reader%40example.org",
    });
    const page = await response.text();
    expect(response.status).toBe(500);
    expect(page).toContain("Something went wrong on our side");
    expect(page).not.toContain("reader@example.org");
    expect(page).not.toMatch(/ECONNREFUSED|\n\s+at \S+ \(/);
    await local.ses.close();
  });
});

describe("error logs", () => {
  it.each([
    [
      "Email address is not verified. The following identities failed the check in region EU-WEST-1: reader@example.org",
      "Email address is not verified. The following identities failed the check in region EU-WEST-1: <address>",
    ],
    ["Illegal address <o'brien+news@mail.example.ie>, retry", "Illegal address <<address>>, retry"],
    ["connect ECONNREFUSED 127.0.0.1:8000", "connect ECONNREFUSED 127.0.0.1:8000"],
  ])("carry no address: %s", (message, logged) => {
    expect(redactAddresses(message)).toBe(logged);
  });
});

describe("an app whose public URL has a path (https://onrecord.test/news)", () => {
  const publicUrl = "https://onrecord.test/news";

  it("links every page, stylesheet, feed and form under that path", async () => {
    const { app } = buildApp(emulators, { publicUrl });
    const page = await (await app.request("/news/")).text();
    const links = [...page.matchAll(/(?:href|action)="([^"#]+)"/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(5);
    expect(links.filter((l) => !l?.startsWith("/news/"))).toEqual([]);
    expect(page).toContain('action="/news/subscribe"');
    expect(page).toContain('href="/news/assets/site.css"');
  });

  it("answers under the path and at the root alike, whether or not the front strips it", async () => {
    const { app } = buildApp(emulators, { publicUrl });
    for (const path of ["/news/archive", "/archive", "/news", "/", "/news/assets/site.css"])
      expect((await app.request(path)).status, path).toBe(200);
    expect((await app.request("/newsletter")).status).toBe(404);
  });

  it("mails a confirmation link under the path, whose button posts back under it", async () => {
    const { app } = buildApp(emulators, { publicUrl });
    const email = uniqueAddress();
    await app.request("/news/subscribe", form({ email }));
    const [mail] = await emailsTo(emulators.ses, email);
    const link = confirmLinkIn(mail as NonNullable<typeof mail>);
    expect(link.startsWith("https://onrecord.test/news/confirm?token=")).toBe(true);
    const page = await (await app.request(pathOf(link))).text();
    expect(page).toMatch(/<form method="post" action="\/news\/confirm\?token=[^"]+">/);
    const confirmed = await app.request(pathOf(link), { method: "POST" });
    expect(await confirmed.text()).toContain('href="/news/archive"');
    expect((await emulators.store.getRecord(email))?.status).toBe("confirmed");
  });
});
