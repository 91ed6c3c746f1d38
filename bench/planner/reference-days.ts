/**
 * The days the team's own sets are asked on, so that no calendar edge goes untested: the first and
 * last day of every month of 2025, a leap day and the day after it, and a Monday and a Sunday
 * mid-year (weeks start on Monday).
 */
export function referenceDays(year = 2025): string[] {
  const days: string[] = [];
  for (let month = 0; month < 12; month++) {
    days.push(iso(new Date(Date.UTC(year, month, 1))), iso(new Date(Date.UTC(year, month + 1, 0))));
  }
  days.push('2024-02-29', '2024-03-01', `${year}-06-16`, `${year}-06-22`);
  return [...new Set(days)].sort();
}

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}
