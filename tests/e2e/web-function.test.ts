import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DynamoSubscriberStore } from "../../lambdas/adapters/dynamo-subscriber-store.ts";
import { SUBSCRIBERS_TABLE } from "../../lambdas/adapters/dynamo-tables.ts";
import { FixedSecret, HashKeyRing } from "../../lambdas/adapters/secret-sources.ts";
import { createUnsubscribeToken } from "../../lambdas/core/subscribers/tokens.ts";
import { TEST_CONTEXT } from "../infra/app.ts";
import {
  ADDRESS_HASH_KEYS,
  deployLocally,
  type LocalDeployment,
  SIGNING_KEY,
  sqsEvent,
} from "./local-deployment.ts";

/** What API Gateway's HTTP API (payload 2.0) hands the function for one request. */
function httpApiEvent(method: string, target: string, body?: string) {
  const url = new URL(target, "https://abc123.execute-api.eu-west-1.amazonaws.com");
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers: {
      host: url.host,
      ...(body !== undefined && { "content-type": "application/x-www-form-urlencoded" }),
    },
    requestContext: {
      domainName: url.host,
      http: { method, path: url.pathname, protocol: "HTTP/1.1", sourceIp: "203.0.113.5", userAgent: "e2e" },
      requestId: "e2e",
      routeKey: "$default",
      stage: "$default",
      timeEpoch: Date.now(),
    },
    ...(body !== undefined && { body: Buffer.from(body).toString("base64"), isBase64Encoded: true }),
  };
}

interface HttpResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: boolean;
}

let deployment: LocalDeployment;
const request = (method: string, target: string, body?: string) =>
  deployment.invoke<ReturnType<typeof httpApiEvent>, HttpResult>(
    "WebFunction",
    httpApiEvent(method, target, body),
  );
const text = (r: HttpResult) => (r.isBase64Encoded ? Buffer.from(r.body, "base64").toString("utf8") : r.body);

beforeAll(async () => {
  deployment = await deployLocally();
}, 240_000);
afterAll(async () => deployment?.close());

describe("the deployed web function, its bundle from cdk.out behind an HTTP API event", () => {
  it("signs up onto the queue, the signup worker mails a confirmation from its bundled template with the signing key from Secrets Manager, the button confirms, and one click unsubscribes", async () => {
    const store = new DynamoSubscriberStore(
      SUBSCRIBERS_TABLE.localName,
      deployment.aws.dynamo,
      undefined,
      new HashKeyRing(new FixedSecret(ADDRESS_HASH_KEYS)),
    );
    const email = "lambda-reader@example.org";

    const home = await request("GET", "/");
    expect(home.statusCode).toBe(200);
    expect(text(home)).toContain('<form class="subscribe" method="post" action="/subscribe">');

    const signUp = await request("POST", "/subscribe", `email=${encodeURIComponent(email)}`);
    expect(signUp.statusCode).toBe(200);
    expect(text(signUp)).toContain("Check your inbox");
    // The web function only queued the sign-up: nothing is stored or mailed yet.
    expect(await store.getRecord(email)).toBeNull();
    const queued = deployment.standIns.messages.filter((m) => m.queueUrl.endsWith("/onrecord-signups"));
    expect(queued).toHaveLength(1);
    expect(queued[0]?.body).not.toContain("token");
    const handled = await deployment.invoke<unknown, { batchItemFailures: unknown[] }>(
      "WebSignupWorker",
      sqsEvent(queued),
    );
    expect(handled.batchItemFailures).toEqual([]);
    expect(await store.getRecord(email)).toMatchObject({ status: "pending", requestedIp: "203.0.113.5" });

    const mail = (await deployment.aws.emails()).filter((e) => e.destination.to.includes(email));
    expect(mail).toHaveLength(1);
    const link = /https:\/\/\S+\/confirm\?token=\S+/.exec(mail[0]?.body.text ?? "")?.[0] ?? "";
    expect(link.startsWith(`${TEST_CONTEXT.publicUrl}/confirm?token=`)).toBe(true);
    expect(mail[0]?.body.html).toContain(`href="${link}"`);

    const target = new URL(link).pathname + new URL(link).search;
    const opened = await request("GET", target);
    expect(opened.statusCode).toBe(200);
    expect(text(opened)).toContain("Confirm my subscription");
    expect((await store.getRecord(email))?.status).toBe("pending");
    const confirmed = await request("POST", target, "");
    expect(confirmed.statusCode).toBe(200);
    expect((await store.getRecord(email))?.consent).toMatchObject({ confirmedIp: "203.0.113.5" });

    const token = createUnsubscribeToken(SIGNING_KEY, email);
    const oneClick = await request("POST", `/unsubscribe?token=${token}`, "List-Unsubscribe=One-Click");
    expect(oneClick.statusCode).toBe(200);
    expect((await store.getRecord(email))?.status).toBe("unsubscribed");
  });

  it("answers a tampered link with 400 and a wrong method with 405", async () => {
    expect((await request("GET", "/confirm?token=c1.nope")).statusCode).toBe(400);
    const wrong = await request("DELETE", "/subscribe");
    expect(wrong.statusCode).toBe(405);
    expect(wrong.headers.allow ?? wrong.headers.Allow).toBe("POST");
  });
});
