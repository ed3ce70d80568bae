import { mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { personaliseIssue, renderDigest } from "../../lambdas/adapters/mjml-renderer.ts";
import { parseArticle } from "../../lambdas/core/article.ts";
import { composeDigest } from "../../lambdas/core/digest/compose-digest.ts";
import { extractStatements } from "../../lambdas/core/extraction/extract-statements.ts";
import type { Digest } from "../../lambdas/core/types.ts";
import { HOSTILE, hostileDigest, sampleDigest } from "../render/digests.ts";
import { launchChromium } from "../support/chromium.ts";

const EXAMPLES = fileURLToPath(new URL("../../examples/", import.meta.url));
const SHOTS = fileURLToPath(new URL("../../test-output/screenshots/", import.meta.url));
const SETTINGS = {
  postalAddress: "onrecord, 1 Example Street, Riverton",
  archiveUrl: "https://onrecord.example/archive/2026-W47",
};
const READER = {
  email: "reader@example.org",
  unsubscribeUrl: "https://onrecord.example/unsubscribe?token=abc",
};
const WIDTHS = [600, 375];

/** The project's examples through the real extractor and composer: the digest a reader would get. */
async function examplesDigest(): Promise<Digest> {
  const names = (await readdir(EXAMPLES)).filter((n) => /\.(txt|json)$/.test(n)).sort();
  const articles = await Promise.all(
    names.map(async (name) => {
      const article = parseArticle({ name, bytes: await readFile(join(EXAMPLES, name)) });
      return { article, statements: extractStatements(article) };
    }),
  );
  return composeDigest({ articles, from: "2026-11-16", to: "2026-11-22" });
}

let context: BrowserContext;
let profile: string;
const digests: Record<string, Digest> = {};

beforeAll(async () => {
  digests.examples = await examplesDigest();
  digests.fixture = sampleDigest;
  digests.hostile = hostileDigest();
  await mkdir(SHOTS, { recursive: true });
  profile = await mkdtemp(join(tmpdir(), "onrecord-chromium-"));
  // No browser is a failure, not a skip: CI installs Debian's chromium for this test.
  context = await launchChromium(profile, {});
}, 60_000);

afterAll(async () => {
  await context?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

async function open(name: string, width: number): Promise<{ page: Page; dialogs: string[] }> {
  const digest = digests[name] as Digest;
  const { html } = personaliseIssue(await renderDigest(digest, SETTINGS), READER);
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await page.setViewportSize({ width, height: 900 });
  await page.setContent(html, { waitUntil: "load" });
  await page.screenshot({ path: join(SHOTS, `digest-${name}-${width}.png`), fullPage: true });
  return { page, dialogs };
}

describe.each(WIDTHS)("the digest email at %i px wide", (width) => {
  it.each(["examples", "fixture"])("shows every official of the %s digest", async (name) => {
    const { page } = await open(name, width);
    const shown = (digests[name] as Digest).officials.slice(0, 10).map((o) => o.name);
    expect(shown.length).toBeGreaterThan(name === "examples" ? 2 : 1);
    for (const official of shown)
      await expect(page.locator("h2", { hasText: official }).first().isVisible()).resolves.toBe(true);
    await expect(page.getByText("Unsubscribe").isVisible()).resolves.toBe(true);
    await page.close();
  });

  it.each(["examples", "fixture", "hostile"])(
    "needs no horizontal scrolling for the %s digest",
    async (name) => {
      const { page } = await open(name, width);
      // Evaluated in the page, where `document` and `window` exist (this project's types have no DOM).
      const { scrollWidth, viewport } = await page.evaluate<{ scrollWidth: number; viewport: number }>(
        "({ scrollWidth: document.documentElement.scrollWidth, viewport: window.innerWidth })",
      );
      expect(scrollWidth).toBeLessThanOrEqual(viewport);
      await page.close();
    },
  );
});

describe("hostile article text in the browser", () => {
  it("appears literally and runs nothing", async () => {
    const { page, dialogs } = await open("hostile", 600);
    // biome-ignore lint/performance/useDomNodeTextContent: the test is about the text a reader sees, as laid out.
    const text = await page.locator("body").innerText();
    for (const hostile of HOSTILE) expect(text).toContain(`before ${hostile} after`);
    expect(dialogs).toEqual([]);
    await expect(page.locator("script").count()).resolves.toBe(0);
    await page.close();
  });
});
