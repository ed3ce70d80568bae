import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";

/**
 * Refuses a body larger than `maxBytes` with `onTooLarge`. A declared `Content-Length` is checked
 * without touching the body: reading `c.req.raw.body` makes the Node adapter build a whole web
 * `Request` and stream around the socket, which profiled as the largest single cost of a sign-up.
 * A body of unknown length (chunked) is counted as it streams, and refused once past the limit.
 */
export function limitBody(
  maxBytes: number,
  onTooLarge: (c: Context) => Response | Promise<Response>,
): MiddlewareHandler {
  const streamed = bodyLimit({ maxSize: maxBytes, onError: onTooLarge });
  return async (c, next) => {
    const declared = c.req.header("content-length") ?? "";
    if (!/^\d+$/.test(declared) || c.req.header("transfer-encoding") !== undefined) return streamed(c, next);
    return Number(declared) > maxBytes ? onTooLarge(c) : next();
  };
}

/**
 * The form's fields, the last value of a repeated one, as `c.req.parseBody()` gives them. An
 * urlencoded form (what a browser's form sends) is read as text and split by `URLSearchParams`,
 * which is how the Fetch standard reads it too, without the `Response` that `parseBody` makes
 * for it; anything else (multipart) goes to `parseBody`.
 */
export async function readForm(c: Context): Promise<Record<string, string | File>> {
  const type = c.req.header("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") return c.req.parseBody();
  const fields: Record<string, string> = Object.create(null);
  for (const [name, value] of new URLSearchParams(await c.req.text())) fields[name] = value;
  return fields;
}
