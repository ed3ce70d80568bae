import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { headerOf } from "../support/local-aws.ts";
import { type LocalRun, linkIn, startLocalRun } from "../support/local-run.ts";

let run: LocalRun;
beforeAll(async () => {
  run = await startLocalRun();
}, 120_000);
afterAll(() => run?.close());

/** Signs up and confirms over HTTP, as a browser without JavaScript would. */
async function confirmedThroughTheWeb(address: string): Promise<void> {
  const response = await fetch(`${run.web.url}/subscribe`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email: address }),
  });
  expect(response.status).toBe(200);
  const [confirmation] = await run.emailsTo(address);
  const link = linkIn(confirmation as NonNullable<typeof confirmation>, "/confirm");
  expect((await fetch(link, { method: "POST" })).status).toBe(200);
}

describe("RFC 8058 one-click unsubscribe", () => {
  it("unsubscribes on a cookie-less POST of List-Unsubscribe=One-Click to the URL in a sent digest's header", async () => {
    // Prepare: a confirmed subscriber who has received an issue through the real send path.
    const address = "one-click@example.org";
    await confirmedThroughTheWeb(address);
    await run.send(run.exampleWeek);
    const digest = (await run.emailsTo(address)).find((e) => e.subject.startsWith("On the record"));
    if (!digest) throw new Error("the digest did not arrive");
    expect(headerOf(digest, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    const url = /^<(https?:\/\/[^>]+)>$/.exec(headerOf(digest, "List-Unsubscribe") ?? "")?.[1];
    if (!url) throw new Error("no List-Unsubscribe URL");

    // Act: what a mail client does when its unsubscribe button is pressed.
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
      redirect: "manual",
    });

    // Assess: done at once, no redirect, no further step; later sends skip the address.
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(await response.text()).toContain("You're unsubscribed");
    expect((await run.store.getRecord(address))?.status).toBe("unsubscribed");
    const received = (await run.emailsTo(address)).length;
    const next = await run.send("2026-W48");
    expect(next.recipients).toBe(0);
    expect(await run.emailsTo(address)).toHaveLength(received);
  });
});
