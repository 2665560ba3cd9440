import { GraphQLScalarType, Kind } from 'graphql';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2026-02-30" is not a day: the date must read back the same. */
export function isCalendarDay(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DAY.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function parse(value: unknown): string {
  // graphql-js words the refusal "Variable … got invalid value …; Date cannot represent…": the gateway turns it into
  // a French sentence naming the field (client-errors.ts).
  if (!isCalendarDay(value)) throw new TypeError(`Date cannot represent a non-date value (YYYY-MM-DD expected): ${JSON.stringify(value)}`);
  return value;
}

/** `Date`: a calendar day, `YYYY-MM-DD`, handed to resolvers as that string (no time zone involved). */
export const CalendarDateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar day, YYYY-MM-DD.',
  serialize: (value) => parse(value instanceof Date ? value.toISOString().slice(0, 10) : value),
  parseValue: parse,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new TypeError('Date cannot represent a non-string value (YYYY-MM-DD expected).');
    return parse(ast.value);
  },
});
