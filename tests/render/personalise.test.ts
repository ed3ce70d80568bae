import { describe, expect, it } from "vitest";
import {
  PersonalisationError,
  PLACEHOLDERS,
  personaliseIssue,
  replacementDataFor,
} from "../../lambdas/adapters/mjml-renderer.ts";
import { prepareTemplate } from "../../lambdas/core/render/placeholders.ts";

const ISSUE = {
  subject: "On the record {{openBrace}}",
  html: '<p>{{greeting}}</p><a href="{{unsubscribeUrl}}">Unsubscribe</a>',
  text: "{{greeting}}\nUnsubscribe: {{unsubscribeUrl}}\n{{backslash}}{{closeBrace}}",
};

describe("personalising a rendered issue", () => {
  it("fills the greeting, the unsubscribe link and the escaped characters", () => {
    const copy = personaliseIssue(ISSUE, {
      email: "a@example.org",
      unsubscribeUrl: "https://onrecord.example/u?t=1&x=2",
    });
    expect(copy).toEqual({
      subject: "On the record {",
      html: '<p>Hello,</p><a href="https://onrecord.example/u?t=1&x=2">Unsubscribe</a>',
      text: "Hello,\nUnsubscribe: https://onrecord.example/u?t=1&x=2\n\\}",
    });
  });

  it("exports every placeholder name the sender has to supply", () => {
    const data = replacementDataFor({ email: "a@example.org" }, "https://onrecord.example/u");
    expect(Object.keys(data).sort()).toEqual([...PLACEHOLDERS].sort());
    expect(data).toMatchObject({ openBrace: "{", closeBrace: "}", backslash: "\\" });
  });

  it.each([
    ["Maria", "Hello Maria,"],
    ["Ms. Maria O'Neil-Reyes", "Hello Ms. Maria O'Neil-Reyes,"],
    ["<script>{{x}}</script>", "Hello scriptxscript,"],
    ["   ", "Hello,"],
    [null, "Hello,"],
  ])("greets %j safely for both parts as %j", (name, greeting) => {
    expect(replacementDataFor({ email: "a@example.org", name }, "https://onrecord.example/u").greeting).toBe(
      greeting,
    );
  });

  it.each([
    ["javascript:alert(1)", /must be http\(s\)/],
    ["not a url", /not a URL/],
    ["mailto:x@example.org", /must be http\(s\)/],
  ])("refuses the unsubscribe link %s", (url, message) => {
    expect(() => replacementDataFor({ email: "a@example.org" }, url)).toThrow(PersonalisationError);
    expect(() => replacementDataFor({ email: "a@example.org" }, url)).toThrow(message);
  });

  it("encodes what could break out of the link's attribute", () => {
    const { unsubscribeUrl } = replacementDataFor(
      { email: "a@example.org" },
      'https://onrecord.example/u?t="><b>{{x}}',
    );
    expect(unsubscribeUrl).toBe("https://onrecord.example/u?t=%22%3E%3Cb%3E%7B%7Bx%7D%7D");
  });

  it("refuses a template with a placeholder nobody supplies", () => {
    expect(() => prepareTemplate("Dear {{firstName}}")).toThrow(/unknown placeholder \{\{firstName\}\}/);
  });

  it("refuses replacement data that lacks a placeholder", () => {
    expect(() => prepareTemplate("{{greeting}}")({})).toThrow(/no replacement data for \{\{greeting\}\}/);
  });
});
