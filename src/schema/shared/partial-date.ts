import {
  type DatePrecision,
  formatPartialDate,
  lastDayOf,
  type PartialDate,
} from '../../shared/partial-date.js';
import { builder } from '../builder.js';
import { badInput } from './errors.js';
import { sqlTranslation } from './sql-translation.js';

export const DatePrecisionEnum = builder.enumType('DatePrecision', {
  description: 'How precisely a date is known.',
  values: {
    DAY: { description: 'The day is known: 2025-04-01.' },
    MONTH: { description: 'Only the month is known: 2025-02.' },
    YEAR: { description: 'Only the year is known: 2025.' },
  } as const,
});

export const PartialDateRef = builder.objectRef<PartialDate>('PartialDate').implement({
  description:
    'A date known to a day, a month or a year. `date` is the first day of that period, `text` shows only what is known.',
  fields: (t) => ({
    date: t.field({ type: 'Date', resolve: (d) => d.date }),
    precision: t.field({ type: DatePrecisionEnum, resolve: (d) => d.precision }),
    text: t.string({
      description: '"2025-04-01", "2025-02" or "2025", as precise as the date is known.',
      resolve: formatPartialDate,
    }),
    lastDate: t.field({
      type: 'Date',
      description: 'The last day the date may stand for (2025-02 ends on 2025-02-28).',
      resolve: lastDayOf,
    }),
  }),
});

/** A partial date from its two columns, or null when the date is unknown. */
export function partialDate(
  date: Date | null,
  precision: DatePrecision | null,
): PartialDate | null {
  return date && precision ? { date, precision } : null;
}

/**
 * The options of a PartialDate field read from a (date, precision) column pair, for `t.field`:
 * what it selects, how it resolves and how it reads in SQL, from the two column names.
 */
export function partialDateField<D extends string, P extends string>(date: D, precision: P) {
  return {
    type: PartialDateRef,
    nullable: true as const,
    select: { [date]: true, [precision]: true } as Record<D | P, true>,
    resolve: (row: Record<D, Date | null> & Record<P, DatePrecision | null>) =>
      partialDate(row[date], row[precision]),
    extensions: sqlTranslation({ kind: 'partialDate', date, precision }),
  };
}

export const DateRangeInput = builder.inputType('DateRange', {
  description:
    'Inclusive bounds. A date known only to the month or year matches when its period overlaps the range.',
  fields: (t) => ({
    from: t.field({ type: 'Date', required: false }),
    to: t.field({ type: 'Date', required: false }),
  }),
});

/**
 * A Prisma condition on a (date, precision) column pair: the period the stored date stands for
 * overlaps [from, to]. Periods start on the stored date; a MONTH period reaches `from` when it
 * starts in from's month or later, a YEAR period when it starts in from's year or later.
 */
export function overlapsRange(
  range: { from?: Date | null; to?: Date | null } | null | undefined,
  dateField: string,
  precisionField: string,
  argument: string,
): Record<string, unknown> | undefined {
  if (!range || (!range.from && !range.to)) return undefined;
  const { from, to } = range;
  if (from && to && from > to) throw badInput(argument, 'from is after to');
  const conditions: Record<string, unknown>[] = [];
  if (to) conditions.push({ [dateField]: { lte: to } });
  if (from) {
    const monthStart = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), 1));
    const yearStart = new Date(Date.UTC(from.getUTCFullYear(), 0, 1));
    conditions.push(
      // Implied by every branch below; alone, it lets the date index bound the scan.
      { [dateField]: { gte: yearStart } },
      {
        OR: [
          { [precisionField]: 'DAY', [dateField]: { gte: from } },
          { [precisionField]: 'MONTH', [dateField]: { gte: monthStart } },
          { [precisionField]: 'YEAR', [dateField]: { gte: yearStart } },
        ],
      },
    );
  }
  return { AND: conditions };
}
