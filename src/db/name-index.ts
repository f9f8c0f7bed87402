// Fuzzy name lookup per provider. The indexes live outside Prisma's model (hand-written
// migrations `*_name_index`): SQLite's FTS5 table `name_trigram` (trigram tokenizer),
// PostgreSQL's `name_index` with a pg_trgm GIN index, both kept in step by triggers on Person,
// Organization and Alias. They only shortlist: src/intake/similar-names.ts scores the shortlist.
import type { Prisma } from '../../prisma/generated/sqlite/client/client.js';
import type { Db } from './client.js';
import type { Provider } from './provider.js';

export type NamedKind = 'Person' | 'Organization';

/** Tables the name-index migrations create, which Prisma's schema must not treat as drift. */
export const nameIndexTables: Record<Provider, readonly string[]> = {
  sqlite: [
    'name_trigram',
    'name_trigram_config',
    'name_trigram_content',
    'name_trigram_data',
    'name_trigram_docsize',
    'name_trigram_idx',
  ],
  postgresql: ['name_index'],
};

type Client = Db | Prisma.TransactionClient;

/** The provider a client (or a transaction's client) talks to. */
export function providerOfClient(client: Client): Provider {
  // Prisma keeps it on every client, transaction clients included; it has no public accessor.
  return (client as unknown as { _activeProvider: string })._activeProvider === 'postgresql'
    ? 'postgresql'
    : 'sqlite';
}

/** The distinct trigrams of a normalized name, as the trigram tokenizer and pg_trgm see it. */
export function trigramsOf(name: string): string[] {
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= name.length; i++) grams.add(name.slice(i, i + 3));
  return [...grams];
}

export type NameHit = { entityId: number; name: string };

/**
 * Up to `limit` names or aliases of `kind` sharing the most trigrams with `normalizedName`
 * (itself normalized as the stored names are), best first. Names of fewer than three
 * characters have no trigram and find nothing here; exact lookups cover them.
 */
export async function nameShortlist(
  client: Client,
  kind: NamedKind,
  normalizedName: string,
  limit = 30,
): Promise<NameHit[]> {
  if (providerOfClient(client) === 'postgresql') {
    // `%` (trigram similarity above pg_trgm's threshold, 0.3 by default) is what the GIN index
    // answers; the closer bound only trims what is sorted.
    return client.$queryRawUnsafe<NameHit[]>(
      `SELECT entity_id AS "entityId", name FROM name_index
        WHERE kind = $1 AND name % $2 AND similarity(name, $2) >= 0.4
        ORDER BY similarity(name, $2) DESC, key
        LIMIT $3`,
      kind,
      normalizedName,
      limit,
    );
  }
  const grams = trigramsOf(normalizedName);
  if (grams.length === 0) return [];
  // Each trigram quoted (doubled quotes inside), so no name is read as FTS5 syntax.
  const match = grams.map((gram) => `"${gram.replaceAll('"', '""')}"`).join(' OR ');
  const rows = await client.$queryRawUnsafe<{ entityId: number | bigint; name: string }[]>(
    `SELECT entity_id AS entityId, name FROM name_trigram
      WHERE name_trigram MATCH ? AND kind = ?
      ORDER BY rank, rowid
      LIMIT ?`,
    match,
    kind,
    limit,
  );
  return rows.map((row) => ({ entityId: Number(row.entityId), name: row.name }));
}

export type NamePair = { a: NameHit; b: NameHit };

/**
 * Pairs of names (or aliases) of two different entities of `kind` that the trigram index finds
 * alike: on PostgreSQL one self-join through the GIN index; on SQLite one index lookup per name.
 */
export async function similarNamePairs(client: Client, kind: NamedKind): Promise<NamePair[]> {
  if (providerOfClient(client) === 'postgresql') {
    const rows = await client.$queryRawUnsafe<
      { aId: number; aName: string; bId: number; bName: string }[]
    >(
      `SELECT a.entity_id AS "aId", a.name AS "aName", b.entity_id AS "bId", b.name AS "bName"
        FROM name_index a JOIN name_index b
          ON b.kind = a.kind AND b.entity_id > a.entity_id AND b.name % a.name
        WHERE a.kind = $1`,
      kind,
    );
    return rows.map((row) => ({
      a: { entityId: row.aId, name: row.aName },
      b: { entityId: row.bId, name: row.bName },
    }));
  }
  const names = await client.$queryRawUnsafe<{ entityId: number | bigint; name: string }[]>(
    'SELECT entity_id AS entityId, name FROM name_trigram WHERE kind = ? ORDER BY rowid',
    kind,
  );
  const pairs: NamePair[] = [];
  for (const row of names) {
    const a = { entityId: Number(row.entityId), name: row.name };
    for (const b of await nameShortlist(client, kind, a.name, 10)) {
      if (b.entityId > a.entityId) pairs.push({ a, b });
    }
  }
  return pairs;
}
