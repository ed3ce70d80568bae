import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, symlink, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";

const root = new URL("../..", import.meta.url).pathname;

// A checkout of its own, so that changing its sources changes nothing here.
let copy = "";
beforeAll(async () => {
  copy = await mkdtemp(join(tmpdir(), "onrecord-launcher-"));
  for (const entry of ["bin", "lambdas", "templates", "package.json", "tsconfig.json"])
    await cp(join(root, entry), join(copy, entry), { recursive: true });
  await symlink(join(root, "node_modules"), join(copy, "node_modules"));
});

async function onrecord(...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [join(copy, "bin", "onrecord.mjs"), ...args],
      {
        cwd: copy,
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Saves a changed source with a modification time after the build's, as an editor would. */
async function edit(path: string, change: (text: string) => string): Promise<void> {
  const file = join(copy, path);
  await writeFile(file, change(await readFile(file, "utf8")));
  const later = new Date(Date.now() + 2000);
  await utimes(file, later, later);
}

describe("the onrecord launcher", { timeout: 120_000 }, () => {
  it("runs the JavaScript build, and never one older than the sources: a changed source is built before it runs", async () => {
    const version = JSON.parse(await readFile(join(root, "package.json"), "utf8")).version;
    expect(await onrecord("--version")).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
    const pointer = JSON.parse(await readFile(join(copy, "dist", "cli.json"), "utf8"));

    await edit("lambdas/cli/errors.ts", (t) =>
      t.replace('ENOENT: "no such file or folder"', 'ENOENT: "not there"'),
    );
    expect((await onrecord("extract", "missing.txt")).stderr).toBe(
      "onrecord extract: missing.txt: not there\n",
    );
    const rebuilt = JSON.parse(await readFile(join(copy, "dist", "cli.json"), "utf8"));
    expect(rebuilt.dir).not.toBe(pointer.dir);

    await edit("package.json", (t) => t.replace(`"version": "${version}"`, '"version": "9.9.9"'));
    expect((await onrecord("--version")).stdout).toBe("9.9.9\n");
  });
});
