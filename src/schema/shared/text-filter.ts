// `text` in the statement and meeting filters: the search syntax of `search`, matched through
// the full-text index before the operation runs (src/plugins/filter-lookups.ts), then an ID
// condition that combines with every other one.
import { matchingIds } from '../../db/search-index.js';
import { parseSearchQuery } from '../../shared/search-query.js';
import { badInput } from './errors.js';
import { lookedUp } from './lookups.js';

export type TextKind = 'Statement' | 'Meeting';

export const maxTextLength = 500;
/** More matches than this make the text too common to combine as an ID list. */
export const maxTextMatches = 5000;

/** The key a text is looked up under, or null when it cannot be searched (the filter says why). */
export function textKey(kind: TextKind, text: string): string | null {
  if (text.length > maxTextLength || !parseSearchQuery(text).length) return null;
  return `${kind}:${text}`;
}

export async function searchTexts(keys: Iterable<string>) {
  const found = new Map<string, Map<number, number>>();
  await Promise.all(
    [...keys].map(async (key) => {
      const [kind, ...rest] = key.split(':');
      const terms = parseSearchQuery(rest.join(':'));
      found.set(key, await matchingIds(terms, kind as TextKind, maxTextMatches + 1));
    }),
  );
  return found;
}

/** The matching rows' IDs and ranks; `argument` names the field for errors. */
export function textMatches(kind: TextKind, text: string, argument: string): Map<number, number> {
  if (text.length > maxTextLength) {
    throw badInput(argument, `must be at most ${maxTextLength} characters`);
  }
  const key = textKey(kind, text);
  if (!key) throw badInput(argument, 'must contain a word to search for');
  const matches = lookedUp('texts', key);
  if (matches.size > maxTextMatches) {
    throw badInput(
      argument,
      `matches more than ${maxTextMatches} ${kind.toLowerCase()}s: add words or a phrase`,
    );
  }
  return matches;
}

/** The Prisma condition "its text matches". */
export function textCondition(kind: TextKind, text: string, argument: string) {
  return { id: { in: [...textMatches(kind, text, argument).keys()] } };
}

type Row = { id: number };
type Delegate = { findMany(args: object): Promise<Row[]> };
type PageQuery = { cursor?: { id?: number }; take?: number; skip?: number } & Record<
  string,
  unknown
>;

/**
 * One page, best match first (ties by ID), of the rows meeting `where` among those `ranks` holds.
 * `query` is Pothos's: the cursor is an ID, `take` one more than the page (negative for `last`).
 */
export async function relevancePage<T>(
  delegate: unknown,
  query: PageQuery,
  where: object,
  ranks: Map<number, number>,
): Promise<T[]> {
  const model = delegate as Delegate;
  const { cursor, skip: _skip, take = 21, ...selection } = query;
  const matching = await model.findMany({
    where: { AND: [where, { id: { in: [...ranks.keys()] } }] },
    select: { id: true },
  });
  const rank = (id: number) => ranks.get(id) ?? 0;
  const ids = matching.map((row) => row.id).sort((a, b) => rank(b) - rank(a) || a - b);
  const after = cursor?.id;
  const at = after === undefined ? -1 : ids.indexOf(after);
  if (after !== undefined && at < 0) return [];
  const end = after === undefined ? ids.length : at;
  const page =
    take >= 0 ? ids.slice(at + 1, at + 1 + take) : ids.slice(Math.max(0, end + take), end);
  const rows = await model.findMany({ ...selection, where: { id: { in: page } } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return page.flatMap((id) => byId.get(id) ?? []) as T[];
}
