/**
 * ISO 8601 weeks (`2026-W47`: Monday to Sunday), the unit an issue covers. Pure date arithmetic in
 * UTC on calendar dates; only "which day is it now" depends on a time zone.
 */

const WEEK = /^(\d{4})-W(\d{2})$/;
const DAY_MS = 86_400_000;

/** A week that does not exist, e.g. `2026-W54` or `2026-47`. */
export class InvalidWeekError extends Error {
  constructor(week: string) {
    super(`not an ISO week: "${week}" (expected YYYY-Www, e.g. 2026-W47)`);
    this.name = "InvalidWeekError";
  }
}

/** The Monday and Sunday of an ISO week, as ISO dates. */
export function weekRange(week: string): { from: string; to: string } {
  const match = WEEK.exec(week);
  const year = Number(match?.[1]);
  const number = Number(match?.[2]);
  if (!match || number < 1 || number > weeksInYear(year)) throw new InvalidWeekError(week);
  const monday = mondayOfWeekOne(year) + (number - 1) * 7 * DAY_MS;
  return { from: isoDate(monday), to: isoDate(monday + 6 * DAY_MS) };
}

/** The ISO week a calendar date falls in: `weekOf("2026-11-19")` is `2026-W47`. */
export function weekOf(date: string): string {
  const t = Date.parse(`${date.slice(0, 10)}T00:00:00Z`);
  const thursday = t + (3 - ((new Date(t).getUTCDay() + 6) % 7)) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const number = 1 + Math.floor((thursday - mondayOfWeekOne(year)) / (7 * DAY_MS));
  return `${year}-W${String(number).padStart(2, "0")}`;
}

/** The week before a week: `weekBefore("2027-W01")` is `2026-W53`. */
export function weekBefore(week: string): string {
  return weekOf(isoDate(Date.parse(`${weekRange(week).from}T00:00:00Z`) - 7 * DAY_MS));
}

/** The week before the one `instant` falls in, as the calendar reads in `timeZone`. */
export function previousWeek(instant: Date, timeZone: string): string {
  const today = localDate(instant, timeZone);
  return weekOf(isoDate(Date.parse(`${today}T00:00:00Z`) - 7 * DAY_MS));
}

/** The calendar date of an instant in a time zone (en-CA formats as YYYY-MM-DD). */
export function localDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(instant);
}

function mondayOfWeekOne(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  return jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
}

function weeksInYear(year: number): number {
  return weekOf(`${year}-12-28`) === `${year}-W53` ? 53 : 52;
}

function isoDate(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}
