// Names close to stored ones: what the import and the create mutations do with them, and the
// curator's list of likely duplicates across the base (to be merged with mergeEntities).
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { Writer } from '../../audit/writer.js';
import { db } from '../../db/client.js';
import { type NamedKind, similarNamePairs } from '../../db/name-index.js';
import {
  type DuplicatePolicy,
  type PossibleDuplicate,
  PossibleDuplicatesError,
} from '../../ingest/import-article.js';
import {
  duplicateScore,
  nameSimilarity,
  type Similar,
  similarEntities,
} from '../../intake/similar-names.js';
import { builder } from '../builder.js';
import { ErrorInterface } from './error-types.js';
import { badInput } from './errors.js';

export const DuplicatePolicyEnum = builder.enumType('DuplicatePolicy', {
  description: 'What to do with a new person or organization whose name is close to a stored one.',
  values: {
    REFUSE: {
      value: 'REFUSE' satisfies DuplicatePolicy,
      description: 'Write nothing and list the close names (PossibleDuplicatesError). The default.',
    },
    USE_MATCH: {
      value: 'USE_MATCH' satisfies DuplicatePolicy,
      description: 'Take the closest stored entity instead of creating one.',
    },
    CREATE: {
      value: 'CREATE' satisfies DuplicatePolicy,
      description: 'Create the new entity anyway (it is still reported).',
    },
  } as const,
});

const SimilarEntityRef = builder.objectRef<Similar>('SimilarEntity').implement({
  description: 'A stored person or organization whose name is close to a given one.',
  fields: (t) => ({
    id: t.id({
      description: 'Its global ID (a "ref" in the article format, an ID for mergeEntities).',
      resolve: (similar) => encodeGlobalID(similar.kind, similar.id),
    }),
    name: t.exposeString('name', { description: 'Its name.' }),
    matchedName: t.exposeString('matchedName', {
      description: 'The stored name or alias that came closest (normalized).',
    }),
    score: t.exposeFloat('score', { description: 'How close, 0 to 1 (1: the same name).' }),
  }),
});

export const PossibleDuplicateRef = builder
  .objectRef<PossibleDuplicate>('PossibleDuplicate')
  .implement({
    description: 'A new name close to stored ones.',
    fields: (t) => ({
      path: t.stringList({
        description: 'Where the input gives it, e.g. ["article", "people", "2"].',
        resolve: (duplicate) => duplicate.path.map(String),
      }),
      name: t.exposeString('name', { description: 'The name as given.' }),
      candidates: t.field({
        type: [SimilarEntityRef],
        description: 'The stored entities it may be, closest first.',
        resolve: (duplicate) => duplicate.candidates,
      }),
    }),
  });

builder.objectType(PossibleDuplicatesError, {
  name: 'PossibleDuplicatesError',
  interfaces: [ErrorInterface],
  description:
    'Names close to stored ones were refused (duplicates: REFUSE); nothing was written. Name the stored entity ("ref" in an article), or choose USE_MATCH or CREATE.',
  fields: (t) => ({
    duplicates: t.field({
      type: [PossibleDuplicateRef],
      description: 'Each refused name with its candidates.',
      resolve: (error) => error.duplicates,
    }),
  }),
});

/**
 * For a create mutation: the stored entity to use instead (USE_MATCH), or null to create; with
 * REFUSE, close names throw.
 */
export async function checkDuplicates(
  writer: Writer,
  kind: NamedKind,
  name: string,
  policy: DuplicatePolicy,
  path: string[],
): Promise<Similar | null> {
  if (policy === 'CREATE') return null;
  const candidates = await similarEntities(writer.tx, kind, name);
  if (candidates.length === 0) return null;
  if (policy === 'USE_MATCH') return candidates[0] as Similar;
  throw new PossibleDuplicatesError([{ path, name, candidates }]);
}

type DuplicatePair = { kind: NamedKind; a: Similar; b: Similar; score: number };

const DuplicatePairRef = builder.objectRef<DuplicatePair>('DuplicatePair').implement({
  description: 'Two stored entities whose names (or aliases) are close: perhaps one entity twice.',
  fields: (t) => ({
    a: t.field({
      type: SimilarEntityRef,
      description: 'The one recorded first.',
      resolve: (pair) => pair.a,
    }),
    b: t.field({
      type: SimilarEntityRef,
      description: 'The one recorded later.',
      resolve: (pair) => pair.b,
    }),
    score: t.exposeFloat('score', { description: 'How close their names are, 0 to 1.' }),
  }),
});

const DuplicateKindEnum = builder.enumType('DuplicateKind', {
  description: 'Which entities to compare.',
  values: {
    PERSON: { value: 'Person', description: 'People.' },
    ORGANIZATION: { value: 'Organization', description: 'Organizations.' },
  } as const,
});

const maxPairs = 100;

builder.queryField('duplicateCandidates', (t) =>
  t.field({
    type: [DuplicatePairRef],
    description: `Pairs of people (or organizations) whose names or aliases are close, closest first (ties by ID): candidates for mergeEntities. At most ${maxPairs}.`,
    args: {
      kind: t.arg({ type: DuplicateKindEnum, required: true, description: 'What to compare.' }),
      first: t.arg.int({ defaultValue: 20, description: `How many pairs (1 to ${maxPairs}).` }),
      minScore: t.arg.float({
        defaultValue: duplicateScore,
        description: 'The least closeness listed, 0 to 1.',
      }),
    },
    resolve: async (_root, { kind, first, minScore }) => {
      const limit = first ?? 20;
      if (limit < 1 || limit > maxPairs) throw badInput('first', `must be 1 to ${maxPairs}`);
      const least = minScore ?? duplicateScore;
      if (!(least >= 0 && least <= 1)) throw badInput('minScore', 'must be 0 to 1');
      const best = new Map<
        string,
        { a: number; b: number; score: number; matched: [string, string] }
      >();
      for (const { a, b } of await similarNamePairs(db(), kind)) {
        if (a.entityId === b.entityId) continue;
        const score = nameSimilarity(a.name, b.name);
        if (score < least) continue;
        const [low, high] = a.entityId < b.entityId ? [a, b] : [b, a];
        const key = `${low.entityId}:${high.entityId}`;
        const current = best.get(key);
        if (!current || score > current.score) {
          best.set(key, {
            a: low.entityId,
            b: high.entityId,
            score,
            matched: [low.name, high.name],
          });
        }
      }
      const top = [...best.values()]
        .sort((x, y) => y.score - x.score || x.a - y.a || x.b - y.b)
        .slice(0, limit);
      const ids = [...new Set(top.flatMap((pair) => [pair.a, pair.b]))];
      const select = { where: { id: { in: ids } }, select: { id: true, name: true } };
      const rows =
        kind === 'Person'
          ? await db().person.findMany(select)
          : await db().organization.findMany(select);
      const names = new Map(rows.map((row) => [row.id, row.name]));
      const entity = (id: number, matchedName: string, score: number): Similar => ({
        kind,
        id,
        name: names.get(id) ?? matchedName,
        matchedName,
        score,
      });
      return top.map((pair) => ({
        kind,
        a: entity(pair.a, pair.matched[0], pair.score),
        b: entity(pair.b, pair.matched[1], pair.score),
        score: pair.score,
      }));
    },
  }),
);
