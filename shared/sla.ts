/**
 * Queue SLA in working time: an application unclaimed for longer than the SLA (default 4 working hours)
 * escalates to the branch approver. Working hours are 09:00–12:00 and 13:30–17:30 Beijing time, Monday to
 * Friday; public holidays are not modelled (they would come from the bank's calendar).
 */
export const DEFAULT_SLA_WORKING_MINUTES = 4 * 60;

const BEIJING_OFFSET_MS = 8 * 3600_000;
const WINDOWS: [number, number][] = [[9 * 60, 12 * 60], [13 * 60 + 30, 17 * 60 + 30]];

/** Working minutes between two instants (ISO strings or epoch ms), counted per minute boundary in Beijing time. */
export function workingMinutesBetween(from: string | number, to: string | number): number {
  const start = typeof from === 'number' ? from : Date.parse(from);
  const end = typeof to === 'number' ? to : Date.parse(to);
  if (!(end > start)) return 0;
  let total = 0;
  // Walk day by day in Beijing local time; at most a few weeks of queue age, so this stays cheap.
  const dayMs = 86_400_000;
  const localStart = start + BEIJING_OFFSET_MS;
  const localEnd = end + BEIJING_OFFSET_MS;
  for (let day = Math.floor(localStart / dayMs) * dayMs; day < localEnd; day += dayMs) {
    const weekday = new Date(day).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    for (const [open, close] of WINDOWS) {
      const a = Math.max(localStart, day + open * 60_000);
      const b = Math.min(localEnd, day + close * 60_000);
      if (b > a) total += (b - a) / 60_000;
    }
  }
  return Math.floor(total);
}

export function isOverdue(since: string, now: string | number, slaMinutes = DEFAULT_SLA_WORKING_MINUTES): boolean {
  return workingMinutesBetween(since, now) > slaMinutes;
}
