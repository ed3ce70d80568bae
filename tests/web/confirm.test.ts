import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createConfirmToken,
  createUnsubscribeToken,
  subscriberIdFor,
} from "../../lambdas/core/subscribers/tokens.ts";
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

/** Signs an address up and returns the path of the link in its latest confirmation email. */
async function signUp(
  app: ReturnType<typeof buildApp>["app"],
  email: string,
  ip = "203.0.113.7",
): Promise<string> {
  expect((await app.request("/subscribe", form({ email }, ip))).status).toBe(200);
  const mail = await emailsTo(emulators.ses, email);
  return pathOf(confirmLinkIn(mail.at(-1) as (typeof mail)[0]));
}

/** Presses the confirm page's button: a same-origin form post to the link. */
function press(app: ReturnType<typeof buildApp>["app"], link: string, ip?: string) {
  return app.request(link, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      origin: "https://onrecord.test",
      "sec-fetch-site": "same-origin",
      ...(ip && { "x-test-client-ip": ip }),
    },
  });
}

describe("GET /confirm (what a mail scanner following the link does)", () => {
  it("shows one button that posts back to the same link, and confirms nothing", async () => {
    const { app } = buildApp(emulators);
    const email = uniqueAddress("scanned");
    const link = await signUp(app, email);
    for (let i = 0; i < 3; i++) {
      const response = await app.request(link);
      const page = await response.text();
      expect(response.status).toBe(200);
      expect(page).toContain("Confirm your subscription");
      expect(page).toContain(
        `<form method="post" action="${link.replace("/confirm?token=", "/confirm?token=")}">`,
      );
      expect(page.match(/<button/g)).toHaveLength(1);
    }
    expect((await emulators.store.getRecord(email))?.status).toBe("pending");
  });
});

describe("POST /confirm (the button)", () => {
  it("confirms the address and records the consent: when, from which IP, which confirmation", async () => {
    const { app } = buildApp(emulators);
    const email = uniqueAddress();
    const link = await signUp(app, email, "203.0.113.7");
    const response = await press(app, link, "198.51.100.23");
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("You're subscribed");
    const record = await emulators.store.getRecord(email);
    expect(record?.status).toBe("confirmed");
    expect(record?.consent).toMatchObject({
      requestedIp: "203.0.113.7",
      confirmedIp: "198.51.100.23",
      confirmationId: record?.confirmationId,
    });
    const listed = [];
    let cursor: string | null = null;
    do {
      const page = await emulators.store.listConfirmed(cursor, 50);
      listed.push(...page.items.map((s) => s.email));
      cursor = page.next;
    } while (cursor);
    expect(listed).toContain(email);
  });

  it("does not confirm on a HEAD request, as link checkers send", async () => {
    const { app } = buildApp(emulators);
    const email = uniqueAddress("probed");
    const link = await signUp(app, email);
    const probe = await app.request(link, { method: "HEAD" });
    expect(probe.status).toBe(200);
    expect((await emulators.store.getRecord(email))?.status).toBe("pending");
  });

  it("answers a replayed link with the same page and changes nothing", async () => {
    const { app } = buildApp(emulators);
    const email = uniqueAddress();
    const link = await signUp(app, email);
    await press(app, link);
    const before = await emulators.store.getRecord(email);
    const replay = await press(app, link);
    expect(replay.status).toBe(200);
    expect(await replay.text()).toContain("You're subscribed");
    const opened = await app.request(link);
    expect(await opened.text()).toContain("You're subscribed");
    expect(await emulators.store.getRecord(email)).toEqual(before);
  });

  it("refuses a link older than 7 days with 410, a clear page and the form to start again", async () => {
    const { app } = buildApp(emulators);
    const email = uniqueAddress();
    await signUp(app, email);
    const record = await emulators.store.getRecord(email);
    const eightDaysAgo = new Date(Date.now() - 8 * 86_400_000);
    const token = createConfirmToken(
      SECRET,
      { subscriberId: record?.id as string, confirmationId: record?.confirmationId as string },
      eightDaysAgo,
    );
    expect((await press(app, `/confirm?token=${token}`)).status).toBe(410);
    const response = await app.request(`/confirm?token=${token}`);
    const page = await response.text();
    expect(response.status).toBe(410);
    expect(page).toContain("This confirmation link has expired");
    expect(page).toContain('action="/subscribe"');
    expect((await emulators.store.getRecord(email))?.status).toBe("pending");
  });

  it.each([
    ["a missing token", () => "/confirm"],
    ["an empty token", () => "/confirm?token="],
    ["a cut token", (link: string) => link.slice(0, -6)],
    ["a changed signature", (link: string) => `${link.slice(0, -2)}${link.endsWith("AA") ? "BB" : "AA"}`],
    ["a changed expiry", (link: string) => link.replace(/\.(\d+)\./, (_, n) => `.${Number(n) + 86_400}.`)],
    ["an unsubscribe token", () => `/confirm?token=${createUnsubscribeToken(SECRET, "x@example.org")}`],
    ["markup", () => `/confirm?token=${encodeURIComponent("<script>alert(1)</script>")}`],
    ["two tokens", (link: string) => `${link}&token=other`],
  ])("refuses %s with 400 and confirms nothing", async (_, tamper) => {
    const { app } = buildApp(emulators);
    const email = uniqueAddress();
    const link = await signUp(app, email);
    expect((await press(app, tamper(link))).status).toBe(400);
    const response = await app.request(tamper(link));
    const page = await response.text();
    expect(response.status).toBe(400);
    expect(page).toMatch(/This confirmation link is (not valid|incomplete)/);
    expect(page).not.toContain("<script>alert(1)");
    expect((await emulators.store.getRecord(email))?.status).toBe("pending");
  });

  it("refuses a genuine link whose subscriber never existed", async () => {
    const { app } = buildApp(emulators);
    const token = createConfirmToken(
      SECRET,
      {
        subscriberId: subscriberIdFor(SECRET, uniqueAddress("ghost")),
        confirmationId: "AAAAAAAAAAAAAAAAAAAAAA",
      },
      new Date(),
    );
    const response = await app.request(`/confirm?token=${token}`);
    expect(response.status).toBe(410);
    expect(await response.text()).toContain("no longer in use");
    expect((await press(app, `/confirm?token=${token}`)).status).toBe(410);
  });

  it("confirms only through the latest confirmation email's link", async () => {
    const t0 = new Date();
    const { app, setNow } = buildApp(emulators, { now: t0 });
    const email = uniqueAddress("latest");
    const first = await signUp(app, email);
    setNow(new Date(t0.getTime() + 11 * 60_000));
    const second = await signUp(app, email);
    expect(second).not.toBe(first);
    const stale = await app.request(first);
    expect(stale.status).toBe(410);
    expect(await stale.text()).toContain("no longer in use");
    expect((await press(app, first)).status).toBe(410);
    expect((await emulators.store.getRecord(email))?.status).toBe("pending");
    expect((await press(app, second)).status).toBe(200);
    expect((await emulators.store.getRecord(email))?.status).toBe("confirmed");
  });

  it.each([
    ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }],
    ["a foreign Origin", { origin: "https://evil.example" }],
    ["Origin: null", { origin: "null" }],
  ])("refuses a post from another site (%s) with 403 and confirms nothing", async (_, headers) => {
    const { app } = buildApp(emulators);
    const email = uniqueAddress("forged");
    const link = await signUp(app, email);
    const response = await app.request(link, { method: "POST", headers });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("sent from another site");
    expect((await emulators.store.getRecord(email))?.status).toBe("pending");
  });
});

describe("confirming after leaving", () => {
  it("does not re-subscribe an unsubscribed address through its old link; a new sign-up needs a new confirmation", async () => {
    const { app, setNow } = buildApp(emulators);
    const email = uniqueAddress("returning");
    const oldLink = await signUp(app, email);
    await press(app, oldLink);
    await app.request(`/unsubscribe?token=${createUnsubscribeToken(SECRET, email)}`, { method: "POST" });

    const replay = await press(app, oldLink);
    expect(replay.status).toBe(410);
    expect((await emulators.store.getRecord(email))?.status).toBe("unsubscribed");

    setNow(new Date(Date.now() + 11 * 60_000));
    const newLink = await signUp(app, email);
    expect(newLink).not.toBe(oldLink);
    expect((await emulators.store.getRecord(email))?.status).toBe("pending");
    expect((await press(app, oldLink)).status).toBe(410);
    expect((await press(app, newLink)).status).toBe(200);
    expect((await emulators.store.getRecord(email))?.status).toBe("confirmed");
  });

  it("does not confirm an address that bounced since the email was sent", async () => {
    const { app } = buildApp(emulators);
    const email = uniqueAddress("bouncing");
    const link = await signUp(app, email);
    await emulators.store.suppress(email, "bounced");
    expect((await press(app, link)).status).toBe(410);
    expect((await emulators.store.getRecord(email))?.status).toBe("bounced");
  });

  it("lets a bounced address come back through a new confirmation", async () => {
    const t0 = new Date();
    const { app, setNow } = buildApp(emulators, { now: t0 });
    const email = uniqueAddress("bounced-back");
    await emulators.store.suppress(email, "bounced");
    setNow(new Date(t0.getTime() + 60_000));
    const link = await signUp(app, email);
    expect((await emulators.store.getRecord(email))?.status).toBe("pending");
    expect((await press(app, link)).status).toBe(200);
    expect((await emulators.store.getRecord(email))?.status).toBe("confirmed");
  });

  it("never mails an address that complained, however often it is signed up", async () => {
    const { app } = buildApp(emulators);
    const email = uniqueAddress("complainer");
    await emulators.store.suppress(email, "complained");
    expect((await app.request("/subscribe", form({ email }))).status).toBe(200);
    expect(await emailsTo(emulators.ses, email)).toHaveLength(0);
  });
});
