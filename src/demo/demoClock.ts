// Demo timestamps are fixed, so loading the demo set twice leaves every row unchanged.

/** Monday 3 March 2025, 09:00 UTC: the day the demo journeys "started". */
export const DEMO_EPOCH = Date.UTC(2025, 2, 3, 9, 0, 0);

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** A fixed time `days` days and `minutes` minutes after the demo epoch. */
export function demoTime(days: number, minutes = 0): number {
  return DEMO_EPOCH + days * DAY + minutes * MINUTE;
}
