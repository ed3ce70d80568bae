#!/usr/bin/env node
// Builds the `onrecord` command into JavaScript with esbuild, so that it starts without compiling
// TypeScript. `npm install` runs it (the `prepare` script) and the launcher runs it again whenever
// a source is newer than the build, so the command always runs what the code says.
import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const PROJECT_ROOT = fileURLToPath(new URL("..", import.meta.url));
const DIST = join(PROJECT_ROOT, "dist");
/** Names the current build: `{ dir, newest, files }`. Replaced atomically, so readers never see half of one. */
export const CURRENT_BUILD = join(DIST, "cli.json");

/** What the command is built from: a change to any of these makes the build stale. */
const SOURCE_ROOTS = ["bin/onrecord.ts", "lambdas", "package.json", "tsconfig.json"];

/** The newest modification time among the sources, and how many there are (a deletion counts too). */
export async function sourceStamp(root = PROJECT_ROOT) {
  let newest = 0;
  let files = 0;
  const visit = async (path) => {
    const info = await stat(path);
    if (info.isDirectory()) {
      for (const entry of await readdir(path)) await visit(join(path, entry));
      return;
    }
    newest = Math.max(newest, info.mtimeMs);
    files++;
  };
  for (const source of SOURCE_ROOTS) await visit(join(root, source));
  return { newest, files };
}

/** The current build's entry file if it is at least as new as every source, else null. */
export async function freshBuild(root = PROJECT_ROOT) {
  let current;
  try {
    current = JSON.parse(await readFile(join(root, "dist", "cli.json"), "utf8"));
  } catch {
    return null;
  }
  const now = await sourceStamp(root);
  if (now.newest > current.newest || now.files !== current.files) return null;
  return join(root, "dist", current.dir, "onrecord.mjs");
}

/**
 * Bundles `bin/onrecord.ts` and the project's own modules into `dist/cli-<id>/` (packages from
 * node_modules stay imports, and each command's dynamic imports become chunks of their own, so a
 * command loads only what it uses), then points `dist/cli.json` at it. The folder sits two levels
 * below the project root, as `lambdas/adapters/` does, so `../../templates/` still finds the templates.
 */
export async function buildCli(root = PROJECT_ROOT) {
  const { build } = await import("esbuild");
  const stamp = await sourceStamp(root);
  const dir = `cli-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
  await mkdir(join(DIST, dir), { recursive: true });
  await build({
    absWorkingDir: root,
    entryPoints: { onrecord: "bin/onrecord.ts" },
    outdir: join(DIST, dir),
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    sourcemap: "linked",
    logLevel: "warning",
  });
  const pointer = join(DIST, `cli.json.${dir}`);
  await writeFile(pointer, JSON.stringify({ dir, ...stamp }));
  await rename(pointer, CURRENT_BUILD);
  await removeOldBuilds(dir);
  return join(DIST, dir, "onrecord.mjs");
}

/** Earlier builds, once no launcher started in the last minute can still be loading them. */
async function removeOldBuilds(keep) {
  for (const entry of await readdir(DIST)) {
    if (!entry.startsWith("cli-") || entry === keep) continue;
    const path = join(DIST, entry);
    const info = await stat(path).catch(() => null);
    if (info && Date.now() - info.mtimeMs > 60_000) await rm(path, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const entry = await buildCli();
  process.stdout.write(`built ${relative(PROJECT_ROOT, entry)}\n`);
}
