/** The app behind CloudFront and AWS WAF: only CloudFront's requests, and the viewer's IP from its header. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ORIGIN_VERIFY_HEADER, VIEWER_ADDRESS_HEADER } from "../../lambdas/web/edge-origin.ts";
import { buildApp, type Emulators, startEmulators, uniqueAddress } from "./harness.ts";

let emulators: Emulators;
beforeAll(async () => {
  emulators = await startEmulators();
});
afterAll(() => emulators?.close());

const EDGE_SECRET = "edge-secret-0123456789abcdefghijklmnop";

function viaEdge(viewer: string, init: RequestInit = {}, secret = EDGE_SECRET): RequestInit {
  return {
    ...init,
    headers: {
      ...(init.headers as Record<string, string>),
      [ORIGIN_VERIFY_HEADER]: secret,
      [VIEWER_ADDRESS_HEADER]: viewer,
    },
  };
}

function signUp(email: string): RequestInit {
  return {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email }).toString(),
  };
}

describe("behind CloudFront", () => {
  it("refuses whatever did not come through it (the API's own endpoint skips the firewall)", async () => {
    const { app } = buildApp(emulators, { edgeSecret: EDGE_SECRET });
    expect((await app.request("/")).status).toBe(403);
    expect(
      (await app.request("/", viaEdge("198.51.100.7:1234", {}, `${EDGE_SECRET.slice(0, -1)}x`))).status,
    ).toBe(403);
    const email = uniqueAddress("around-the-edge");
    const around = await app.request("/subscribe", signUp(email));
    expect(around.status).toBe(403);
    expect(await around.text()).toContain("not served directly");
    expect(await emulators.store.getRecord(email)).toBeNull();
    expect((await app.request("/", viaEdge("198.51.100.7:1234"))).status).toBe(200);
  });

  it("limits sign-ups by the viewer's IP CloudFront reports, an IPv6 viewer by its /64", async () => {
    const { app } = buildApp(emulators, {
      edgeSecret: EDGE_SECRET,
      limits: { perIp: { name: `edge-ip-${Date.now()}`, limit: 1, windowSeconds: 600 } },
    });
    const statuses = async (viewer: string) =>
      (await app.request("/subscribe", viaEdge(viewer, signUp(uniqueAddress())))).status;
    expect(await statuses("198.51.100.7:40001")).toBe(200);
    expect(await statuses("198.51.100.7:40002")).toBe(429);
    expect(await statuses("198.51.100.8:40003")).toBe(200);
    expect(await statuses("2001:db8:7:7:aaaa::1:443")).toBe(200);
    expect(await statuses("[2001:db8:7:7:bbbb::2]:443")).toBe(429);
  });
});
