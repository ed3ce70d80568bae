/**
 * Errors as one line in the user's terms. A system error is said by what it means for the path
 * it names ("no such file or folder", not "ENOENT: no such file or directory, scandir 'x'").
 */

const MEANINGS: Record<string, string> = {
  ENOENT: "no such file or folder",
  EISDIR: "a folder, not a file",
  ENOTDIR: "part of this path is a file, not a folder",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "on a read-only file system",
  ENOSPC: "no space left on the disk",
  EMFILE: "too many files open at once",
  ENAMETOOLONG: "a name too long for the file system",
  ELOOP: "a loop of symbolic links",
};

/**
 * What went wrong, in one line, the path named once.
 * @example
 * plainError(enoent) // "missing.txt: no such file or folder"
 */
export function plainError(error: unknown): string {
  const errno = error as NodeJS.ErrnoException & { address?: string; port?: number };
  const meaning = errno?.code ? MEANINGS[errno.code] : undefined;
  if (meaning && errno.path) return `${errno.path}: ${meaning}`;
  if (errno?.code === "EEXIST" && errno.syscall === "mkdir" && errno.path)
    return `${errno.path}: a file, not a folder`;
  if (errno?.code === "EADDRINUSE") return `port ${errno.port ?? ""} is in use by another program`.trim();
  if (errno?.code === "ECONNREFUSED")
    return `nothing answers at ${errno.address ?? ""}${errno.port ? `:${errno.port}` : ""}`;
  const message = error instanceof Error ? error.message : String(error);
  return firstLine(message);
}

/**
 * A file's problem, the file named once: "FILE: reason", whether the error already names it
 * (an article that cannot be read) or not (a system error).
 */
export function fileProblem(file: string, error: unknown): string {
  const errno = error as NodeJS.ErrnoException;
  const meaning = errno?.code ? MEANINGS[errno.code] : undefined;
  if (meaning) return `${file}: ${meaning}`;
  const message = plainError(error);
  return message.startsWith(`${file}: `) ? message : `${file}: ${message}`;
}

function firstLine(text: string): string {
  return text.split("\n").find((line) => line.trim() !== "") ?? "failed";
}
