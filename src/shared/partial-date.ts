// A date known to a day, a month or a year: "2025-04-01", "2025-02", "2025". It is stored as its
// first day (UTC midnight) plus the precision.
export type DatePrecision = 'DAY' | 'MONTH' | 'YEAR';
export type PartialDate = { date: Date; precision: DatePrecision };

const pattern = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD"; returns null for anything else or an impossible date. */
export function parsePartialDate(text: string): PartialDate | null {
  const match = pattern.exec(text);
  if (!match) return null;
  const [, year, month, day] = match;
  const date = new Date(Date.UTC(Number(year), Number(month ?? 1) - 1, Number(day ?? 1)));
  if (
    date.getUTCFullYear() !== Number(year) ||
    date.getUTCMonth() + 1 !== Number(month ?? 1) ||
    date.getUTCDate() !== Number(day ?? 1)
  ) {
    return null;
  }
  return { date, precision: day ? 'DAY' : month ? 'MONTH' : 'YEAR' };
}

/** "2025-04-01", "2025-02" or "2025", as precise as the date is known. */
export function formatPartialDate({ date, precision }: PartialDate): string {
  const iso = date.toISOString();
  return precision === 'DAY'
    ? iso.slice(0, 10)
    : precision === 'MONTH'
      ? iso.slice(0, 7)
      : iso.slice(0, 4);
}

/** The last day the partial date may stand for: 2025-02 ends on 2025-02-28. */
export function lastDayOf({ date, precision }: PartialDate): Date {
  if (precision === 'DAY') return date;
  const end = new Date(date);
  if (precision === 'MONTH') end.setUTCMonth(end.getUTCMonth() + 1);
  else end.setUTCFullYear(end.getUTCFullYear() + 1);
  end.setUTCDate(end.getUTCDate() - 1);
  return end;
}
