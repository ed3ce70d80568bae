import { lookup as dnsLookup } from "node:dns/promises";
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import { hostAddress, isPublicAddress } from "../../core/feeds/address-policy.ts";
import { FetchError, type HopWrapper, type HttpClient, type HttpResponse } from "../../ports.ts";

/** Resolves a host name to its addresses (the system resolver by default; tests inject their own). */
export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

export interface SafeHttpOptions {
  userAgent: string;
  /** For the whole exchange, from connecting to the last byte (10 s). */
  timeoutMs?: number;
  maxRedirects?: number;
  /** Largest body, counted while reading and again after decompression (5 MB). */
  maxBytes?: number;
  /** Connect to private, loopback and link-local addresses too (local testing only). */
  allowPrivateHosts?: boolean;
  resolve?: Resolver;
  /** Which resolved addresses may be connected to (default: public unicast only). */
  isAllowedAddress?: (address: string) => boolean;
}

export const FETCH_DEFAULTS = { timeoutMs: 10_000, maxRedirects: 5, maxBytes: 5 * 1024 * 1024 } as const;

const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true });

/**
 * GET over Node's own HTTP client, safe against what a hostile feed can point it at: every
 * address a host resolves to is checked before connecting, on the first request and on every
 * redirect, and the check is made on the address actually connected to (the client's `lookup`), so
 * DNS cannot change its answer in between; at most `maxRedirects` redirects, no loops, http(s)
 * only; one deadline for each request, from connecting to its last byte; the body capped while
 * reading and after gzip, deflate or brotli decoding, a larger `Content-Length` refused before
 * reading.
 */
export class SafeHttpClient implements HttpClient {
  private readonly timeoutMs: number;
  private readonly maxRedirects: number;
  private readonly maxBytes: number;
  private readonly allowed: (address: string) => boolean;
  private readonly resolve: Resolver;
  // Connections of its own: a kept-alive socket from another client's (laxer) policy is never reused.
  private readonly agents = {
    http: new HttpAgent({ keepAlive: true }),
    https: new HttpsAgent({ keepAlive: true }),
  };

  constructor(private readonly options: SafeHttpOptions) {
    this.timeoutMs = options.timeoutMs ?? FETCH_DEFAULTS.timeoutMs;
    this.maxRedirects = options.maxRedirects ?? FETCH_DEFAULTS.maxRedirects;
    this.maxBytes = options.maxBytes ?? FETCH_DEFAULTS.maxBytes;
    this.allowed = options.allowPrivateHosts ? () => true : (options.isAllowedAddress ?? isPublicAddress);
    this.resolve = options.resolve ?? systemResolver;
  }

  async get(
    url: string,
    headers: Record<string, string> = {},
    eachHop: HopWrapper = (_, send) => send(),
  ): Promise<HttpResponse> {
    const visited = new Set<string>();
    let current = url;
    for (let redirects = 0; ; redirects++) {
      visited.add(current);
      const hop = current;
      const response = await eachHop(hop, () => this.once(hop, headers));
      const location = response.headers.location;
      if (response.status < 300 || response.status >= 400 || response.status === 304 || !location)
        return response;
      const next = new URL(location, current).toString();
      if (visited.has(next)) throw new FetchError(url, `redirect loop at ${next}`, true);
      if (redirects >= this.maxRedirects)
        throw new FetchError(url, `more than ${this.maxRedirects} redirects`, true);
      current = next;
    }
  }

  private async once(url: string, headers: Record<string, string>): Promise<HttpResponse> {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      throw new FetchError(url, "not a URL", true);
    }
    if (target.protocol !== "http:" && target.protocol !== "https:")
      throw new FetchError(url, `${target.protocol} URLs are not fetched`, true);
    const literal = hostAddress(target.hostname);
    if (literal && !this.allowed(literal)) throw refused(url, target.hostname, literal);
    const signal = AbortSignal.timeout(this.timeoutMs);
    const request = target.protocol === "https:" ? httpsRequest : httpRequest;
    try {
      const res = await new Promise<IncomingMessage>((resolve, reject) => {
        const req = request(target, {
          method: "GET",
          headers: {
            "user-agent": this.options.userAgent,
            "accept-encoding": "gzip, deflate, br",
            ...headers,
          },
          lookup: this.lookup(url),
          agent: target.protocol === "https:" ? this.agents.https : this.agents.http,
          signal,
        });
        req.once("response", resolve).once("error", reject).end();
      });
      const status = res.statusCode ?? 0;
      const responseHeaders = flatHeaders(res);
      const redirect = status >= 300 && status < 400;
      const bodiless = redirect || status === 304;
      if (bodiless) res.resume();
      const body = bodiless ? new Uint8Array() : await this.readBody(url, res);
      return { status, url, headers: responseHeaders, body };
    } catch (error) {
      if (error instanceof FetchError) throw error;
      if (signal.aborted)
        throw new FetchError(url, `no complete answer within ${this.timeoutMs / 1000} s`, false);
      throw new FetchError(url, (error as Error).message, false);
    }
  }

  /** The client's DNS step: resolve, then refuse the connection if any address is not allowed. */
  private lookup(url: string): LookupFunction {
    return (hostname, options, callback) => {
      this.resolve(hostname).then(
        (addresses) => {
          const bad = addresses.find((a) => !this.allowed(a.address));
          const first = addresses[0];
          if (bad) return callback(refused(url, hostname, bad.address), "", 4);
          if (!first) return callback(new FetchError(url, `${hostname} has no address`, false), "", 4);
          if (options.all)
            return (callback as unknown as (e: null, a: typeof addresses) => void)(null, addresses);
          callback(null, first.address, first.family);
        },
        (error: Error) => callback(new FetchError(url, `${hostname}: ${error.message}`, false), "", 4),
      );
    };
  }

  private async readBody(url: string, res: IncomingMessage): Promise<Uint8Array> {
    const declared = Number(res.headers["content-length"]);
    if (declared > this.maxBytes) {
      res.destroy();
      throw tooLarge(url, this.maxBytes);
    }
    const encoding = String(res.headers["content-encoding"] ?? "").toLowerCase();
    const decoder =
      encoding === "gzip" || encoding === "x-gzip"
        ? createGunzip()
        : encoding === "br"
          ? createBrotliDecompress()
          : encoding === "deflate"
            ? createInflate()
            : null;
    let raw = 0;
    res.on("data", (chunk: Buffer) => {
      raw += chunk.byteLength;
      if (raw > this.maxBytes) res.destroy(tooLarge(url, this.maxBytes));
    });
    const source = decoder ? res.pipe(decoder) : res;
    if (decoder) res.once("error", (error) => decoder.destroy(error));
    const chunks: Buffer[] = [];
    let decoded = 0;
    for await (const chunk of source as AsyncIterable<Buffer>) {
      decoded += chunk.byteLength;
      if (decoded > this.maxBytes) {
        res.destroy();
        throw tooLarge(url, this.maxBytes);
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  }
}

function refused(url: string, hostname: string, address: string): FetchError {
  return new FetchError(url, `${hostname} is a private or local address (${address}), not fetched`, true);
}

function tooLarge(url: string, maxBytes: number): FetchError {
  return new FetchError(url, `larger than ${maxBytes / 1024 / 1024} MB`, true);
}

function flatHeaders(res: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers))
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  return headers;
}
