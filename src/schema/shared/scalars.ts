import { GraphQLError, Kind } from 'graphql';
import { parsePartialDate } from '../../shared/partial-date.js';
import { builder } from '../builder.js';

function parseDate(value: unknown): Date {
  const parsed = typeof value === 'string' ? parsePartialDate(value) : null;
  if (parsed?.precision !== 'DAY') {
    throw new GraphQLError(
      `Date must be a calendar date written YYYY-MM-DD, got ${JSON.stringify(value)}`,
      {
        extensions: { code: 'BAD_USER_INPUT' },
      },
    );
  }
  return parsed.date;
}

function parseDateTime(value: unknown): Date {
  const date = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(String(value))) {
    throw new GraphQLError(
      `DateTime must be an ISO 8601 date and time, got ${JSON.stringify(value)}`,
      {
        extensions: { code: 'BAD_USER_INPUT' },
      },
    );
  }
  return date;
}

builder.scalarType('Date', {
  description: 'A calendar date in ISO 8601 form, YYYY-MM-DD.',
  serialize: (date) => date.toISOString().slice(0, 10),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

builder.scalarType('DateTime', {
  description: 'An instant in ISO 8601 form, e.g. 2025-03-31T09:00:00.000Z.',
  serialize: (date) => date.toISOString(),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});
