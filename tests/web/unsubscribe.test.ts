import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUnsubscribeToken } from "../../lambdas/core/subscribers/tokens.ts";
import {
  buildApp,
  confirmLinkIn,
  type Emulators,
  emailsTo,
  form,
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

async function confirmedSubscriber(app: ReturnType<typeof buildApp>["app"]): Promise<string> {
  const email = uniqueAddress();
  await app.request("/subscribe", form({ email }));
  const [mail] = await emailsTo(emulators.ses, email);
  await app.request(pathOf(confirmLinkIn(mail as NonNullable<typeof mail>)), { method: "POST" });
  expect((await emulators.store.getRecord(email))?.status).toBe("confirmed");
  return email;
}

const ONE_CLICK: RequestInit = {
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: "List-Unsubscribe=One-Click",
};

describe("GET /unsubscribe", () => {
  it("shows one button that posts back to the same link, and changes nothing yet", async () => {
    const { app } = buildApp(emulators);
    const email = await confirmedSubscriber(app);
    const token = createUnsubscribeToken(SECRET, email);
    const response = await app.request(`/unsubscribe?token=${token}`);
    const page = await response.text();
    expect(response.status).toBe(200);
    expect(page).toContain(`<form method="post" action="/unsubscribe?token=${token}">`);
    expect(page.match(/<button/g)).toHaveLength(1);
    expect((await emulators.store.getRecord(email))?.status).toBe("confirmed");
  });
});

describe("POST /unsubscribe (RFC 8058 one-click)", () => {
  it("unsubscribes at once with 200, no cookie and no further step, and takes the address off the list", async () => {
    const { app } = buildApp(emulators);
    const email = await confirmedSubscriber(app);
    const response = await app.request(
      `/unsubscribe?token=${createUnsubscribeToken(SECRET, email)}`,
      ONE_CLICK,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(await response.text()).toContain("You're unsubscribed");
    expect((await emulators.store.getRecord(email))?.status).toBe("unsubscribed");
    expect((await emulators.store.listConfirmed(null, 1000)).items.map((s) => s.email)).not.toContain(email);
  });

  it("is exempt from the cross-site check: a mail provider's one-click POST may carry any Origin", async () => {
    const { app } = buildApp(emulators);
    const email = await confirmedSubscriber(app);
    const response = await app.request(`/unsubscribe?token=${createUnsubscribeToken(SECRET, email)}`, {
      ...ONE_CLICK,
      headers: {
        ...(ONE_CLICK.headers as Record<string, string>),
        origin: "https://mail.example",
        "sec-fetch-site": "cross-site",
      },
    });
    expect(response.status).toBe(200);
    expect((await emulators.store.getRecord(email))?.status).toBe("unsubscribed");
  });

  it("works from the page's button too (an empty form body), and a second click says the same", async () => {
    const { app } = buildApp(emulators);
    const email = await confirmedSubscriber(app);
    const link = `/unsubscribe?token=${createUnsubscribeToken(SECRET, email)}`;
    const first = await app.request(link, { method: "POST" });
    const left = await emulators.store.getRecord(email);
    const second = await app.request(link, ONE_CLICK);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(left?.status).toBe("unsubscribed");
    expect(await emulators.store.getRecord(email)).toEqual(left);
  });

  it("keeps working for a link from any old issue: unsubscribe tokens never expire", async () => {
    const { app, setNow } = buildApp(emulators);
    const email = await confirmedSubscriber(app);
    setNow(new Date(Date.now() + 5 * 365 * 86_400_000));
    const response = await app.request(
      `/unsubscribe?token=${createUnsubscribeToken(SECRET, email)}`,
      ONE_CLICK,
    );
    expect(response.status).toBe(200);
    expect((await emulators.store.getRecord(email))?.status).toBe("unsubscribed");
  });

  it("leaves a bounced address bounced, and still answers 200", async () => {
    const { app } = buildApp(emulators);
    const email = await confirmedSubscriber(app);
    await emulators.store.suppress(email, "bounced");
    const response = await app.request(
      `/unsubscribe?token=${createUnsubscribeToken(SECRET, email)}`,
      ONE_CLICK,
    );
    expect(response.status).toBe(200);
    expect((await emulators.store.getRecord(email))?.status).toBe("bounced");
  });
});

describe("bad unsubscribe links", () => {
  it.each([
    ["a missing token", () => "/unsubscribe"],
    ["a cut token", (token: string) => `/unsubscribe?token=${token.slice(0, -4)}`],
    [
      "another subscriber's id with this signature",
      (token: string) => `/unsubscribe?token=${token.replace(/^u1\.[^.]+/, "u1.AAAAAAAAAAAAAAAAAAAAAA")}`,
    ],
    [
      "a token signed with another key",
      () => `/unsubscribe?token=${createUnsubscribeToken("some-other-secret-0123456789", "x@example.org")}`,
    ],
    ["markup", () => `/unsubscribe?token=${encodeURIComponent('"><script>alert(1)</script>')}`],
  ])("refuses %s with 400 on GET and POST, changing nothing", async (_, bad) => {
    const { app } = buildApp(emulators);
    const email = await confirmedSubscriber(app);
    const path = bad(createUnsubscribeToken(SECRET, email));
    for (const init of [undefined, ONE_CLICK]) {
      const response = await app.request(path, init);
      const page = await response.text();
      expect(response.status).toBe(400);
      expect(page).toContain("This unsubscribe link is not valid");
      expect(page).not.toContain("<script>alert(1)");
    }
    expect((await emulators.store.getRecord(email))?.status).toBe("confirmed");
  });
});
