import { timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import ipaddr from "ipaddr.js";
import type { SecretSource } from "../ports.ts";
import { forbiddenOriginPage } from "./pages/messages.ts";

/** The header CloudFront adds to every request it forwards, holding the shared secret. */
export const ORIGIN_VERIFY_HEADER = "x-onrecord-origin-verify";
/** The header CloudFront fills with the viewer's address and port (`198.51.100.7:46532`). */
export const VIEWER_ADDRESS_HEADER = "cloudfront-viewer-address";

/**
 * When the app is served through CloudFront (and AWS WAF), a request that did not come through it
 * is refused (403): someone calling the API's own endpoint would skip the firewall's rate limits,
 * and could claim any viewer address. CloudFront proves itself with a secret header.
 */
export function requireEdge(secret: SecretSource): MiddlewareHandler {
  return async (c, next) => {
    const given = Buffer.from(c.req.header(ORIGIN_VERIFY_HEADER) ?? "");
    const expected = Buffer.from(await secret.get());
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return c.html(forbiddenOriginPage(), 403);
    return next();
  };
}

/**
 * The viewer's IP as CloudFront reports it, for a request `requireEdge` admitted: IPv4 `a.b.c.d:port`,
 * IPv6 with its port after the last colon, bracketed or not. `unknown` if it cannot be read.
 * @example
 * viewerIp("2001:db8::7:443") // "2001:db8::7"
 */
export function viewerIp(c: Context): string {
  const value = c.req.header(VIEWER_ADDRESS_HEADER)?.trim() ?? "";
  const bracketed = /^\[([^\]]+)\]:\d+$/.exec(value);
  const address = bracketed ? bracketed[1] : value.replace(/:\d+$/, "");
  return address && ipaddr.isValid(address) ? address : "unknown";
}
