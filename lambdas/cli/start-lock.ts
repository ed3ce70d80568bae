import { rmSync } from "node:fs";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { makePrivateDir } from "../adapters/secret-sources.ts";

/** The pid file of the `onrecord start` that owns a data folder. */
export const START_LOCK = "start.pid";

export type StartLock = { held: true; release: () => void } | { held: false; pid: number };

/**
 * Takes the data folder for this process before anything in it is touched: one `onrecord start`
 * per folder, so a second one (or its `--reset`) cannot delete or reopen the first one's data. The
 * pid file is created exclusively; one left by a process that is gone is taken over. Released when
 * this process exits, however it exits.
 */
export async function takeStartLock(dataDir: string): Promise<StartLock> {
  await makePrivateDir(dataDir);
  const file = join(dataDir, START_LOCK);
  for (;;) {
    try {
      await writeFile(file, `${process.pid}\n`, { flag: "wx" });
      const release = () => rmSync(file, { force: true });
      process.once("exit", release);
      return { held: true, release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const pid = Number.parseInt(await readFile(file, "utf8").catch(() => ""), 10);
    if (Number.isInteger(pid) && pid > 0 && isRunning(pid)) return { held: false, pid };
    await rm(file, { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Deletes everything in the data folder but the lock itself (`--reset`, under the lock). */
export async function clearDataDir(dataDir: string): Promise<void> {
  for (const entry of await readdir(dataDir))
    if (entry !== START_LOCK) await rm(join(dataDir, entry), { recursive: true, force: true });
}

/**
 * Why the port cannot be listened on (in use, not allowed), or null when it can. Asked before
 * anything starts, so a busy port is one line rather than a crash half-way through the start.
 */
export async function portProblem(port: number, host: string): Promise<string | null> {
  if (port === 0) return null;
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) =>
      resolve(
        error.code === "EADDRINUSE"
          ? `port ${port} is in use by another program`
          : error.code === "EACCES"
            ? `port ${port} needs privileges this user does not have`
            : `port ${port} cannot be used (${error.code ?? error.message})`,
      ),
    );
    probe.listen({ port, host }, () => probe.close(() => resolve(null)));
  });
}
