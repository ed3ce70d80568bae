import { describe, expect, it } from "vitest";
import { trimText } from "../../lambdas/core/render/trim.ts";

describe("trimming long statements", () => {
  it.each([
    ["short text is kept whole", "Deterrence is not a slogan.", 80, "Deterrence is not a slogan."],
    [
      "at the last sentence that fits",
      "Deterrence is not a slogan. It is a daily discipline that depends on training.",
      60,
      "Deterrence is not a slogan. …",
    ],
    [
      "at a word when the first sentence is too long",
      "Deterrence is a daily discipline that depends on training, intelligence and trust between allies",
      40,
      "Deterrence is a daily discipline that …",
    ],
    ["never inside a surrogate pair", "😀".repeat(30), 11, "😀😀😀😀 …"],
  ])("%s", (_, text, max, expected) => {
    const result = trimText(text, max);
    expect(result.text).toBe(expected);
    expect(result.text.length).toBeLessThanOrEqual(max);
    expect(result.trimmed).toBe(text !== expected);
  });
});
