import { type BrowserContext, chromium } from "playwright-core";

/** Debian's Chromium, which `.ci/run` installs. No browser is a failure, never a skip. */
export const CHROMIUM = "/usr/bin/chromium";

/** Flags for a root, headless Chromium on a machine whose network is closed. */
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

type LaunchOptions = Parameters<typeof chromium.launchPersistentContext>[1];

/** Starts headless Chromium with a fresh profile folder; extra options (viewport, …) as Playwright's. */
export function launchChromium(profile: string, options: LaunchOptions = {}): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    ...options,
  });
}
