import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HASH_KEYS_FILE, type LocalStack, openLocalStack } from "../../lambdas/adapters/local-stack.ts";
import { HashKeyRing, LocalSecretFile } from "../../lambdas/adapters/secret-sources.ts";
import { type LocalWebServer, startWebServer } from "../../lambdas/web/local-server.ts";
import { launchChromium } from "../support/chromium.ts";
import type { StoredEmail } from "../support/local-aws.ts";

let stack: LocalStack;
let web: LocalWebServer;
let browser: BrowserContext;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "onrecord-challenge-"));
  stack = await openLocalStack({ dataDir });
  web = await startWebServer({
    dynamo: stack.dynamo,
    ses: stack.ses,
    secret: new LocalSecretFile(join(dataDir, "signing-key")),
    hashKeys: new HashKeyRing(new LocalSecretFile(join(dataDir, HASH_KEYS_FILE))),
    sender: "digest@onrecord.localhost",
    port: 0,
    // A light cost: the test proves the path, not the difficulty.
    challengeCost: 50,
  });
  browser = await launchChromium(await mkdtemp(join(tmpdir(), "onrecord-chromium-")));
  page = await browser.newPage();
  // The page's own Content-Security-Policy applies (no bypass): any violation is a failure.
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("response", (r) => {
    if (r.status() >= 400 && !r.url().endsWith("/favicon.ico") && !r.url().endsWith("/subscribe"))
      problems.push(`${r.status()} ${r.url()}`);
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await web?.close();
  await stack?.close();
});

async function emailsTo(address: string): Promise<StoredEmail[]> {
  await web.drain();
  const { emails } = (await (await fetch(`${stack.sesUrl}/store`)).json()) as { emails: StoredEmail[] };
  return emails.filter((e) => e.destination.to.some((to) => to.includes(address)));
}

describe("the sign-up form with the proof-of-work challenge on, in headless Chromium", () => {
  it("solves the challenge in the browser under the page's strict CSP, then signs up", async () => {
    const address = "challenged-reader@example.org";
    await page.goto(`${web.url}/`);
    await page.getByLabel("Your email address").fill(address);
    // The widget works on load and puts its solution in the form's `altcha` field.
    const solution = page.locator('input[name="altcha"]');
    await expect.poll(() => solution.inputValue(), { timeout: 60_000, interval: 200 }).not.toBe("");
    await page.getByRole("button", { name: "Subscribe" }).click();
    await page.waitForURL(`${web.url}/subscribe`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Check your inbox");
    expect(await emailsTo(address)).toHaveLength(1);
    expect(problems).toEqual([]);
  });

  it("refuses a form sent without a solution (a script posting it), and says why beside the field", async () => {
    const address = "scripted@example.org";
    await page.route("**/assets/altcha.js", (route) => route.abort());
    try {
      await page.goto(`${web.url}/`);
      await page.getByLabel("Your email address").fill(address);
      await page.getByRole("button", { name: "Subscribe" }).click();
      await page.waitForURL(`${web.url}/subscribe`);
      expect(await page.getByRole("alert").textContent()).toContain("did not finish");
      expect(await page.getByLabel("Your email address").inputValue()).toBe(address);
      expect(await emailsTo(address)).toHaveLength(0);
    } finally {
      await page.unroute("**/assets/altcha.js");
    }
  });
});
