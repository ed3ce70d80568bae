import { describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "../../lambdas/config.ts";

describe("readConfig", () => {
  it("returns the named settings, with defaults and numbers parsed", () => {
    const config = readConfig(
      ["ONRECORD_DELIVERIES_TABLE", "ONRECORD_SEND_RATE", "ONRECORD_SEND_CONCURRENCY", "ONRECORD_TIME_ZONE"],
      {
        ONRECORD_DELIVERIES_TABLE: "deliveries",
        ONRECORD_SEND_RATE: "14",
      },
    );
    expect(config).toEqual({
      ONRECORD_DELIVERIES_TABLE: "deliveries",
      ONRECORD_SEND_RATE: 14,
      ONRECORD_SEND_CONCURRENCY: 1,
      ONRECORD_TIME_ZONE: "UTC",
    });
  });

  it.each([
    [{}, /ONRECORD_DELIVERIES_TABLE/],
    [{ ONRECORD_DELIVERIES_TABLE: "" }, /ONRECORD_DELIVERIES_TABLE/],
    [{ ONRECORD_DELIVERIES_TABLE: "t", ONRECORD_PUBLIC_URL: "not a url" }, /ONRECORD_PUBLIC_URL/],
    [
      { ONRECORD_DELIVERIES_TABLE: "t", ONRECORD_PUBLIC_URL: "https://x.org", ONRECORD_SEND_RATE: "-3" },
      /ONRECORD_SEND_RATE/,
    ],
  ])("fails fast on %j, naming the variable", (env, message) => {
    const read = () =>
      readConfig(["ONRECORD_DELIVERIES_TABLE", "ONRECORD_PUBLIC_URL", "ONRECORD_SEND_RATE"], env);
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(message);
  });

  it("refuses a sender with a line break, which would let it add headers", () => {
    expect(() => readConfig(["ONRECORD_SENDER"], { ONRECORD_SENDER: "a@x.org\r\nBcc: all@x.org" })).toThrow(
      /ONRECORD_SENDER/,
    );
  });
});
