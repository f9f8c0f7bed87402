// How close two names are, and which stored people or organizations a name may denote. The
// database's trigram index shortlists (src/db/name-index.ts); the scores are computed here.
import { doubleMetaphone } from 'double-metaphone';
import { distance } from 'fastest-levenshtein';
import type { Prisma } from '../../prisma/generated/sqlite/client/client.js';
import type { Db } from '../db/client.js';
import { type NamedKind, nameShortlist } from '../db/name-index.js';
import { normalizeName } from '../shared/normalize-name.js';

/** At or above: a name this close to a stored one is a possible duplicate, not a new entity. */
export const duplicateScore = 0.8;
/** The most candidates listed for one name (by the import, the mutations and the linker). */
export const maxCandidates = 5;
/** At or above (and clearly ahead of the runner-up): the linker takes the match as the entity. */
export const linkScore = 0.85;

const comparable = (name: string) =>
  normalizeName(name)
    .replace(/'/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

const sounds = (word: string) => new Set(doubleMetaphone(word));
/** Same first letter and a shared Double Metaphone code: Zelenskiy / Zelenskyy, Lavrov / Lawrow. */
function soundAlike(a: string, b: string): boolean {
  if (a === b) return true;
  if (a[0] !== b[0] || a.length < 3 || b.length < 3) return false;
  const theirs = sounds(b);
  return [...sounds(a)].some((code) => code !== '' && theirs.has(code));
}

const closeWords = (a: string, b: string) =>
  a === b || (a.length >= 4 && b.length >= 4 && distance(a, b) <= 1) || soundAlike(a, b);

/**
 * 0 (unrelated) to 1 (the same once case, accents and punctuation are ignored): the best of the
 * edit-distance similarity of the whole names (lowered when a word has no close counterpart),
 * word-by-word phonetic agreement (0.9), and a surname alone standing for the full name
 * ("Lavrov" / "Sergei Lavrov", 0.8). Numbers must agree.
 */
export function nameSimilarity(a: string, b: string): number {
  const x = comparable(a);
  const y = comparable(b);
  if (x === '' || y === '') return 0;
  if (x === y) return 1;
  const wx = x.split(' ');
  const wy = y.split(' ');
  const numbers = (words: string[]) => words.filter((word) => /\d/.test(word)).join(' ');
  if (numbers(wx) !== numbers(wy)) return 0;
  // A word of one name with no close word in the other ("Russias" / "Chinas Foreign Ministry")
  // makes them different names, however much else they share.
  const aligned =
    wx.every((word) => wy.some((other) => closeWords(word, other))) &&
    wy.every((word) => wx.some((other) => closeWords(word, other)));
  const edit = (1 - distance(x, y) / Math.max(x.length, y.length)) * (aligned ? 1 : 0.85);
  const phonetic =
    wx.length === wy.length && wx.every((word, i) => soundAlike(word, wy[i] as string)) ? 0.9 : 0;
  const [short, long] = wx.length <= wy.length ? [wx, wy] : [wy, wx];
  const surname = long[long.length - 1] as string;
  const shortForm =
    short.length === 1 &&
    long.length > 1 &&
    surname.length >= 4 &&
    closeWords(short[0] as string, surname)
      ? 0.8
      : 0;
  return Math.max(edit, phonetic, shortForm);
}

export type Similar = {
  kind: NamedKind;
  id: number;
  /** The entity's own name. */
  name: string;
  /** The stored name or alias that came closest. */
  matchedName: string;
  score: number;
};

type Client = Db | Prisma.TransactionClient;

/** Stored people (or organizations) named or aliased exactly `name` (case and accents ignored). */
export async function exactEntities(
  client: Client,
  kind: NamedKind,
  name: string,
  limit = maxCandidates,
): Promise<Similar[]> {
  const normalizedName = normalizeName(name);
  // Two index lookups: Prisma writes `aliases: { some }` inside an OR as a subquery per row.
  const owner = kind === 'Person' ? 'personId' : 'organizationId';
  const aliases = await client.alias.findMany({
    where: { normalizedName, [owner]: { not: null } },
    select: { personId: true, organizationId: true },
    take: limit,
  });
  const query = {
    where: {
      OR: [{ normalizedName }, { id: { in: aliases.map((alias) => alias[owner] as number) } }],
    },
    select: { id: true, name: true },
    orderBy: { id: 'asc' as const },
    take: limit,
  };
  const rows =
    kind === 'Person'
      ? await client.person.findMany(query)
      : await client.organization.findMany(query);
  return rows.map((row) => ({
    kind,
    id: row.id,
    name: row.name,
    matchedName: normalizedName,
    score: 1,
  }));
}

/**
 * Stored people (or organizations) whose name or an alias is at least `minScore` close to
 * `name`, best first (ties by ID). Exact matches of the normalized name always take part.
 */
export async function similarEntities(
  client: Client,
  kind: NamedKind,
  name: string,
  {
    minScore = duplicateScore,
    limit = maxCandidates,
    exclude,
  }: { minScore?: number; limit?: number; exclude?: number } = {},
): Promise<Similar[]> {
  const normalizedName = normalizeName(name);
  const [hits, exact] = await Promise.all([
    nameShortlist(client, kind, normalizedName),
    exactEntities(client, kind, name, limit),
  ]);
  const best = new Map<number, { matchedName: string; score: number }>();
  for (const { id } of exact) best.set(id, { matchedName: normalizedName, score: 1 });
  for (const hit of hits) {
    const score = nameSimilarity(name, hit.name);
    const current = best.get(hit.entityId);
    if (score >= minScore && (!current || score > current.score)) {
      best.set(hit.entityId, { matchedName: hit.name, score });
    }
  }
  if (exclude !== undefined) best.delete(exclude);
  const ids = [...best.keys()];
  if (ids.length === 0) return [];
  const rows =
    kind === 'Person'
      ? await client.person.findMany({
          where: { id: { in: ids } },
          select: { id: true, name: true },
        })
      : await client.organization.findMany({
          where: { id: { in: ids } },
          select: { id: true, name: true },
        });
  return rows
    .map((row) => {
      const match = best.get(row.id) as { matchedName: string; score: number };
      // The entity's own name may be closer than the alias that shortlisted it.
      const score = Math.max(match.score, nameSimilarity(name, row.name));
      return { kind, id: row.id, name: row.name, matchedName: match.matchedName, score };
    })
    .sort((a, b) => b.score - a.score || a.id - b.id)
    .slice(0, limit);
}
