import { describe, expect, it } from "vitest";
import { checkAddress, MAX_ADDRESS_LENGTH } from "../../../lambdas/core/subscribers/address.ts";

describe("checkAddress", () => {
  it.each([
    ["reader@example.org", "reader@example.org"],
    ["  Reader@Example.ORG  ", "reader@example.org"],
    ["first.last+digest@mail.example.co.uk", "first.last+digest@mail.example.co.uk"],
    ["o'brien@example.ie", "o'brien@example.ie"],
    ["user@bücher.example", "user@xn--bcher-kva.example"],
    ["x@xn--80ak6aa92e.com", "x@xn--80ak6aa92e.com"],
  ])("accepts %j as %j", (input, email) => {
    expect(checkAddress(input)).toEqual({ ok: true, email });
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["reader.example.org", "no-at-sign"],
    ["reader@example.org\r\nBcc: victim@example.org", "control-character"],
    ["reader@example.org\n", "control-character"],
    ["reader@exam\u0000ple.org", "control-character"],
    ["reader\u2028@example.org", "control-character"],
    ["\tre\tader@example.org", "control-character"],
    ["Reader <reader@example.org>", "bad-local-part"],
    ["a@b.org, c@d.org", "bad-local-part"],
    ["a,c@d.org", "bad-local-part"],
    ["a;c@d.org", "bad-local-part"],
    ['"quoted"@example.org', "bad-local-part"],
    ["two words@example.org", "bad-local-part"],
    [".leading@example.org", "bad-local-part"],
    ["double..dot@example.org", "bad-local-part"],
    ["@example.org", "bad-local-part"],
    ["<script>alert(1)</script>@example.org", "bad-local-part"],
    ["josé@example.org", "not-ascii"],
    ["reader@", "bad-domain"],
    ["reader@localhost", "bad-domain"],
    ["reader@[127.0.0.1]", "bad-domain"],
    ["reader@127.0.0.1", "bad-domain"],
    ["reader@-example.org", "bad-domain"],
    ["reader@example..org", "bad-domain"],
    ["reader@example.org>", "bad-domain"],
    ["reader@exa_mple.org", "bad-domain"],
    [`${"a".repeat(65)}@example.org`, "bad-local-part"],
    [`reader@${"a".repeat(64)}.org`, "bad-domain"],
    [
      `${"a".repeat(64)}@${"b".repeat(60)}.${"c".repeat(60)}.${"d".repeat(60)}.${"e".repeat(10)}.org`,
      "too-long",
    ],
  ])("refuses %j as %s, with a message for the reader", (input, problem) => {
    const result = checkAddress(input);
    expect(result).toMatchObject({ ok: false, problem });
    expect(result.ok || result.message.length).toBeGreaterThan(10);
  });

  it("refuses a 10,000-character paste as too long", () => {
    expect(checkAddress(`${"x".repeat(10_000)}@example.org`)).toMatchObject({
      ok: false,
      problem: "too-long",
    });
  });

  it("keeps every accepted address within the SMTP limit", () => {
    const longest = `${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(57)}.org`;
    expect(longest.length).toBe(MAX_ADDRESS_LENGTH);
    expect(checkAddress(longest)).toEqual({ ok: true, email: longest });
  });
});
