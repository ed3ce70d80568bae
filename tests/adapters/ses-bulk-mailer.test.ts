import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { LOCAL_AWS, localSesClient } from "../../lambdas/adapters/local-emulators.ts";
import {
  bulkSendClient,
  SesBulkMailer,
  ThrottlingOnlyRetry,
} from "../../lambdas/adapters/ses-bulk-mailer.ts";
import { type BulkDestination, ThrottledError } from "../../lambdas/ports.ts";
import { startFaultProxy } from "../support/fault-proxy.ts";
import { headerOf, type LocalAws, startLocalAws } from "../support/local-aws.ts";

let aws: LocalAws;
beforeAll(async () => {
  aws = await startLocalAws({ maxSendRate: 42 });
});
beforeEach(async () => aws.clearEmails());
afterAll(async () => aws.close());

const issue = {
  subject: "What officials said, week 47",
  html: '<p>Statements…</p><a href="{{unsubscribeUrl}}">Unsubscribe</a>',
  text: "Statements…\nUnsubscribe: {{unsubscribeUrl}}",
};

function destination(email: string): BulkDestination {
  const unsubscribeUrl = `https://onrecord.example/unsubscribe?token=${encodeURIComponent(email)}`;
  return {
    email,
    replacementData: { unsubscribeUrl },
    headers: {
      "List-Unsubscribe": `<${unsubscribeUrl}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}

describe("SesBulkMailer against aws-ses-v2-local", () => {
  it("sends one personalised copy per destination, with its own one-click unsubscribe headers", async () => {
    // Prepare
    const mailer = new SesBulkMailer({ sender: "digest@example.org", client: aws.ses });
    await mailer.putTemplate("onrecord-issue-test", issue);
    const readers = ["ana@example.org", "ben@example.org", "chen@example.org"];
    // Act
    const { results } = await mailer.sendBulk("onrecord-issue-test", readers.map(destination));
    // Assess
    expect(results.map((r) => [r.email, r.outcome])).toEqual(readers.map((r) => [r, "sent"]));
    const emails = await aws.emails();
    expect(emails).toHaveLength(3);
    for (const reader of readers) {
      const email = emails.find((e) => e.destination.to[0] === reader);
      const link = `https://onrecord.example/unsubscribe?token=${encodeURIComponent(reader)}`;
      expect(email?.subject).toBe(issue.subject);
      expect(email?.body.html).toContain(`href="${link}"`);
      expect(email?.body.text).toContain(link);
      expect(email && headerOf(email, "List-Unsubscribe")).toBe(`<${link}>`);
      expect(email && headerOf(email, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    }
  });

  it("replaces a template's content when it exists already", async () => {
    const mailer = new SesBulkMailer({ sender: "digest@example.org", client: aws.ses });
    await mailer.putTemplate("onrecord-issue-twice", issue);
    await mailer.putTemplate("onrecord-issue-twice", { ...issue, subject: "Corrected subject" });
    expect((await aws.templates())["onrecord-issue-twice"]?.TemplateContent.Subject).toBe(
      "Corrected subject",
    );
  });

  it("refuses, without sending, a destination whose address or header carries a line break", async () => {
    const mailer = new SesBulkMailer({ sender: "digest@example.org", client: aws.ses });
    await mailer.putTemplate("onrecord-issue-inject", issue);
    const hostile = {
      ...destination("eve@example.org"),
      headers: { "List-Unsubscribe": "<https://x>\r\nBcc: all@example.org" },
    };
    const { results } = await mailer.sendBulk("onrecord-issue-inject", [
      hostile,
      destination("ok@example.org"),
    ]);
    expect(results.find((r) => r.email === "eve@example.org")?.outcome).toBe("rejected");
    expect((await aws.emails()).map((e) => e.destination.to[0])).toEqual(["ok@example.org"]);
  });

  it("reports an address SES could not send to as one to retry, and the others as sent", async () => {
    const mailer = new SesBulkMailer({ sender: "digest@example.org", client: aws.ses });
    await mailer.putTemplate("onrecord-issue-partial", issue);
    const { results } = await mailer.sendBulk("onrecord-issue-partial", [
      destination("not-an-address"),
      destination("d@example.org"),
    ]);
    expect(results.map((r) => r.outcome)).toEqual(["retry", "sent"]);
  });

  it("reads the account's maximum send rate with GetAccount", async () => {
    const mailer = new SesBulkMailer({ sender: "digest@example.org", client: aws.ses });
    expect(await mailer.maxSendRate()).toBe(42);
  });

  it("asks GetAccount again after a failed read, rather than failing every batch until the instance is recycled", async () => {
    // Prepare: the first GetAccount at cold start meets an outage.
    let calls = 0;
    const proxy = await startFaultProxy(aws.sesUrl, (request) =>
      request.path === "/v2/email/account" && ++calls === 1
        ? { status: 500, errorType: "InternalFailure" }
        : undefined,
    );
    try {
      const mailer = new SesBulkMailer({
        sender: "digest@example.org",
        client: localSesClient(proxy.url, 1),
      });
      // Act and assess
      await expect(mailer.maxSendRate()).rejects.toThrow();
      expect(await mailer.maxSendRate()).toBe(42);
      expect(calls).toBe(2);
    } finally {
      await proxy.close();
    }
  });

  it("gives up on a call SES never answers after the request timeout, once, and as a failure that may have been sent", async () => {
    // Prepare: SES takes the call and the answer never comes.
    let calls = 0;
    const proxy = await startFaultProxy(aws.sesUrl, (request) => {
      if (!request.path.endsWith("outbound-bulk-emails")) return undefined;
      calls++;
      return { forwardThenHang: true };
    });
    try {
      const client = bulkSendClient({ ...LOCAL_AWS, endpoint: proxy.url }, new ThrottlingOnlyRetry(), 300);
      const mailer = new SesBulkMailer({ sender: "digest@example.org", client });
      await mailer.putTemplate("onrecord-issue-test", issue);
      const started = performance.now();
      // Act
      const error = await mailer
        .sendBulk("onrecord-issue-test", [destination("ana@example.org")])
        .catch((e) => e);
      // Assess: an error that is no ThrottledError (the worker leaves the rows `sending`), and no second call.
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(ThrottledError);
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(calls).toBe(1);
      expect((await aws.emails()).length).toBe(1);
    } finally {
      await proxy.close();
    }
  });
});
