import { mkdir, mkdtemp } from "node:fs/promises";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { weekBefore } from "../../lambdas/app/iso-week.ts";
import {
  createUnsubscribeToken,
  subscriberIdFor,
  verifyUnsubscribeToken,
} from "../../lambdas/core/subscribers/tokens.ts";
import { launchChromium } from "../support/chromium.ts";
import { headerOf } from "../support/local-aws.ts";
import { type LocalRun, linkIn, startLocalRun } from "../support/local-run.ts";

/** Debian's Chromium, installed by `.ci/run`; without it this test fails, it does not skip. */
const SCREENSHOTS = join(process.cwd(), "test-output", "screenshots");
const READER = "browser-reader@example.org";
const CONTROL = "still-subscribed@example.org";

let run: LocalRun;
let browser: BrowserContext;
let page: Page;

beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  run = await startLocalRun();
  const profile = await mkdtemp(join(tmpdir(), "onrecord-chromium-"));
  browser = await launchChromium(profile, {
    viewport: { width: 420, height: 900 },
    // Only so that the accessibility audit can inject axe-core past the pages' script-free CSP.
    bypassCSP: true,
  });
  page = await browser.newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await run?.close();
});

/** Signs an address up and confirms it through the pages, as a person with a browser would. */
async function subscribeThroughThePages(
  address: string,
  screenshot?: { form: string; confirm: string; confirmed: string },
) {
  await page.goto(`${run.web.url}/`);
  await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toMatch(/on the record/i);
  if (screenshot) await page.screenshot({ path: join(SCREENSHOTS, screenshot.form), fullPage: true });
  // Keyboard only: focus the labelled field, type, press Enter.
  await page.getByLabel("Your email address").focus();
  await page.keyboard.type(address);
  await page.keyboard.press("Enter");
  await page.waitForURL(`${run.web.url}/subscribe`);
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Check your inbox");

  const [confirmation] = await run.emailsTo(address);
  expect(confirmation?.subject).toBe("Confirm your onrecord subscription");
  // Opening the link (as a mail scanner would) confirms nothing; the page's one button does.
  await page.goto(linkIn(confirmation as NonNullable<typeof confirmation>, "/confirm"));
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Confirm your subscription");
  expect(await page.getByRole("button").count()).toBe(1);
  expect((await run.store.getRecord(address))?.status).toBe("pending");
  if (screenshot) await page.screenshot({ path: join(SCREENSHOTS, screenshot.confirm), fullPage: true });
  await page.getByRole("button", { name: "Confirm my subscription" }).click();
  await page.waitForLoadState();
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("You're subscribed");
  expect((await run.store.getRecord(address))?.status).toBe("confirmed");
  if (screenshot) await page.screenshot({ path: join(SCREENSHOTS, screenshot.confirmed), fullPage: true });
}

describe("a subscriber's whole path, in headless Chromium", () => {
  it("subscribes, confirms, receives the digest with their own unsubscribe link, leaves with one button, and gets nothing more", async () => {
    // Prepare: a reader, and a second subscriber who stays, to show the later send did happen.
    await subscribeThroughThePages(READER, {
      form: "subscribe-page.png",
      confirm: "confirm-button-page.png",
      confirmed: "confirmation-page.png",
    });
    await subscribeThroughThePages(CONTROL);

    // Act: the weekly send, through the real compose and send steps.
    const first = await run.send(run.exampleWeek);
    expect(first.deliveries.sent).toBe(2);

    // Assess: the digest arrived with this reader's own unsubscribe link, in the header and the body.
    const digest = (await run.emailsTo(READER)).find(
      (e) => e.subject !== "Confirm your onrecord subscription",
    );
    if (!digest) throw new Error("the digest did not arrive");
    const link = linkIn(digest, "/unsubscribe");
    expect(headerOf(digest, "List-Unsubscribe")).toBe(`<${link}>`);
    expect(headerOf(digest, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    const token = new URL(link).searchParams.get("token");
    const check = verifyUnsubscribeToken(run.secret, token);
    expect(check.ok && check.claims.subscriberId).toBe(subscriberIdFor(run.secret, READER));

    // Act: follow the link, press the one button.
    await page.goto(link);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Unsubscribe from onrecord?");
    await page.screenshot({ path: join(SCREENSHOTS, "unsubscribe-page.png"), fullPage: true });
    await page.getByRole("button", { name: "Unsubscribe" }).click();
    await page.waitForLoadState();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("You're unsubscribed");

    // Act: another send, of the week before (a different issue, from an article of that week).
    await run.ingest(
      "library-hours.txt",
      'date 2026-11-12 Mayor Daniel Reyes said on Thursday that the central library would open on Sundays. "Reading rooms should be open when people are free," Reyes said.',
    );
    const before = (await run.emailsTo(READER)).length;
    const second = await run.send(weekBefore(run.exampleWeek));

    // Assess: the other subscriber got it; this reader got nothing more.
    expect(second.deliveries.sent).toBe(1);
    expect((await run.emailsTo(CONTROL)).filter((e) => e.subject.startsWith("On the record"))).toHaveLength(
      2,
    );
    expect(await run.emailsTo(READER)).toHaveLength(before);
    expect((await run.store.getRecord(READER))?.status).toBe("unsubscribed");
  });

  it("shows the archive of sent issues and a whole issue as web pages", async () => {
    await page.goto(`${run.web.url}/archive`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Past issues");
    const issues = page.locator("ol.archive li a");
    expect(await issues.count()).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: join(SCREENSHOTS, "archive-page.png"), fullPage: true });
    await page
      .getByRole("link", { name: /^On the record/ })
      .first()
      .click();
    await page.waitForURL(/\/archive\/\d{4}-W\d{2}$/);
    expect(await page.locator("section.official").count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SCREENSHOTS, "issue-page.png"), fullPage: true });
    await page.goto(`${run.web.url}/`);
    expect(await page.locator("section.sample section.official").count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SCREENSHOTS, "subscribe-page-with-sample.png"), fullPage: true });
  });

  it("tells a mistyped address what is wrong, next to the field, without losing what was typed", async () => {
    await page.goto(`${run.web.url}/`);
    // The browser's own check would stop the form first; the server's message is what matters.
    await page.evaluate("document.querySelector('form.subscribe').setAttribute('novalidate', '')");
    await page.getByLabel("Your email address").fill("reader@example");
    await page.getByRole("button", { name: "Subscribe" }).click();
    await page.waitForURL(`${run.web.url}/subscribe`);
    expect(await page.getByRole("alert").textContent()).toMatch(/not a valid domain/);
    expect(await page.getByLabel("Your email address").inputValue()).toBe("reader@example");
    expect(await page.getByLabel("Your email address").getAttribute("aria-invalid")).toBe("true");
  });

  it("passes an automated WCAG 2.1 A and AA audit (axe-core) on every page, error states included", async () => {
    const pages: [string, () => Promise<unknown>][] = [
      ["subscribe page", () => page.goto(`${run.web.url}/`)],
      ["refused address", () => submit("not-an-address@")],
      ["check your inbox", () => submit("audited@example.org")],
      ["expired or broken confirmation link", () => page.goto(`${run.web.url}/confirm?token=c1.broken`)],
      ["confirm button", () => page.goto(pendingConfirmLink)],
      [
        "unsubscribe button",
        () => page.goto(`${run.web.url}/unsubscribe?token=${createUnsubscribeToken(run.secret, CONTROL)}`),
      ],
      ["broken unsubscribe link", () => page.goto(`${run.web.url}/unsubscribe?token=u1.broken`)],
      ["archive", () => page.goto(`${run.web.url}/archive`)],
      ["whole issue", () => page.goto(`${run.web.url}/archive/${run.exampleWeek}`)],
      ["not found", () => page.goto(`${run.web.url}/nothing-here`)],
    ];
    const pendingAddress = "audited-confirm@example.org";
    await submit(pendingAddress);
    const [confirmation] = await run.emailsTo(pendingAddress);
    const pendingConfirmLink = linkIn(confirmation as NonNullable<typeof confirmation>, "/confirm");
    const found: string[] = [];
    for (const [name, open] of pages) {
      await open();
      await page.addScriptTag({ path: AXE });
      const { violations, passes } = (await page.evaluate(
        "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })",
      )) as { violations: { id: string; nodes: unknown[] }[]; passes: unknown[] };
      // The audit ran: rules such as contrast, labels and landmarks passed on the page.
      expect(passes.length, name).toBeGreaterThan(10);
      found.push(...violations.map((v) => `${name}: ${v.id} (${v.nodes.length})`));
    }
    expect(found).toEqual([]);
  });
});

describe("another site's form, in headless Chromium", () => {
  it("cannot sign anybody up: the browser's cross-site post is refused with 403", async () => {
    // A page on another site (127.0.0.1 is not localhost's site) that posts the victim's address.
    const victim = "csrf-victim@example.org";
    const evil = createServer((_, response) => {
      response.writeHead(200, { "content-type": "text/html" });
      response.end(
        `<!doctype html><title>Win a prize</title><form method="post" action="${run.web.url}/subscribe">` +
          `<input name="email" value="${victim}"><button>Claim</button></form>`,
      );
    });
    await new Promise<void>((resolve) => evil.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = evil.address() as AddressInfo;
      await page.goto(`http://127.0.0.1:${port}/`);
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith("/subscribe"), { timeout: 10_000 }),
        page.getByRole("button", { name: "Claim" }).click({ timeout: 10_000 }),
      ]);
      expect(response.status()).toBe(403);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(
        "This form was sent from another site",
      );
      expect(await run.store.getRecord(victim)).toBeNull();
      expect(await run.emailsTo(victim)).toHaveLength(0);
    } finally {
      evil.closeAllConnections();
      await new Promise((resolve) => evil.close(resolve));
    }
  });
});

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

async function submit(address: string): Promise<void> {
  await page.goto(`${run.web.url}/`);
  await page.evaluate("document.querySelector('form.subscribe').setAttribute('novalidate', '')");
  await page.getByLabel("Your email address").fill(address);
  await page.getByRole("button", { name: "Subscribe" }).click();
  await page.waitForURL(`${run.web.url}/subscribe`);
}
