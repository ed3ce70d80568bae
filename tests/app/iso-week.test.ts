import { describe, expect, it } from "vitest";
import { InvalidWeekError, previousWeek, weekBefore, weekOf, weekRange } from "../../lambdas/app/iso-week.ts";

describe("ISO weeks", () => {
  it.each([
    ["2026-11-19", "2026-W47"],
    ["2026-11-16", "2026-W47"],
    ["2026-11-22", "2026-W47"],
    ["2027-01-01", "2026-W53"],
    ["2026-12-31", "2026-W53"],
    ["2025-12-29", "2026-W01"],
  ])("%s falls in %s", (date, week) => {
    expect(weekOf(date)).toBe(week);
  });

  it.each([
    ["2026-W47", "2026-11-16", "2026-11-22"],
    ["2026-W01", "2025-12-29", "2026-01-04"],
    ["2026-W53", "2026-12-28", "2027-01-03"],
  ])("%s runs from Monday %s to Sunday %s", (week, from, to) => {
    expect(weekRange(week)).toEqual({ from, to });
  });

  it.each(["2025-W53", "2026-W00", "2026-47", "W47", ""])("refuses %j as a week", (week) => {
    expect(() => weekRange(week)).toThrow(InvalidWeekError);
  });

  it("goes back across a year with 53 weeks", () => {
    expect(weekBefore("2027-W01")).toBe("2026-W53");
  });

  it.each([
    // Monday 07:00 in Berlin is still Sunday evening in Los Angeles.
    ["2026-11-23T06:00:00Z", "Europe/Berlin", "2026-W47"],
    ["2026-11-23T06:00:00Z", "America/Los_Angeles", "2026-W46"],
    ["2026-11-23T07:00:00Z", "UTC", "2026-W47"],
  ])("a schedule firing at %s in %s composes %s", (instant, zone, week) => {
    expect(previousWeek(new Date(instant), zone)).toBe(week);
  });
});
