// Property-based tests: arbitrary documents, variables, filters and article files never produce
// a server error or corrupt what is stored. CI runs a fixed seed; FC_RUNS=1000 FC_SEED=<n>
// npm test runs a bigger or different search.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import {
  type GraphQLField,
  type GraphQLSchema,
  getNamedType,
  isInterfaceType,
  isLeafType,
  isNonNullType,
  isObjectType,
  isUnionType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { database } from '../src/db/client.js';
import { ArticleValidationError } from '../src/ingest/article-format.js';
import { ImportConflictError, importArticle } from '../src/ingest/import-article.js';
import { seedArticlePath } from '../src/ingest/seed.js';
import { schema } from '../src/schema/index.js';
import { execute } from './helpers/execute.js';
import { useSeededDatabase } from './helpers/seeded.js';

useSeededDatabase();

const settings = {
  seed: Number(process.env.FC_SEED ?? 20261127),
  numRuns: Number(process.env.FC_RUNS ?? 40),
};

function expectNoServerError(result: { status: number; errors?: readonly { extensions?: any }[] }) {
  expect(result.status).toBeLessThan(500);
  for (const error of result.errors ?? []) {
    expect(error.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
  }
}

const nastyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('%', '_', '\\', "'", '"', '\u0000', '\ud800', 'Zelenský', '', ' ', '*', 'a%_\\'),
);
const idLike = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.base64String({ maxLength: 24 }),
  fc
    .tuple(
      fc.constantFrom('Person', 'Country', 'Statement', 'Nope', ''),
      fc.string({ maxLength: 12 }),
    )
    .map(([type, key]) => Buffer.from(`${type}:${key}`).toString('base64')),
);
const dateLike = fc.oneof(
  fc
    .date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  fc.string({ maxLength: 12 }),
);
const pageSize = fc.integer({ min: -3, max: 130 });

describe('filters and variables', () => {
  it('never fail with a server error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          name: fc.option(nastyString),
          id: fc.option(idLike),
          from: fc.option(dateLike),
          to: fc.option(dateLike),
          first: pageSize,
          after: fc.option(fc.string({ maxLength: 20 })),
        }),
        async ({ name, id, from, to, first, after }) => {
          const result = await execute(
            `query ($name: String, $id: ID, $ref: EntityRef, $from: Date, $to: Date, $first: Int, $after: String) {
              people(filter: { name: $name, country: $ref }, first: $first, after: $after) { totalCount edges { node { name } } }
              statements(filter: { subject: $ref, speaker: $ref, date: { from: $from, to: $to } }, first: $first) { totalCount }
              meetings(filter: { participant: $ref, date: { from: $from, to: $to } }, first: $first) { totalCount }
              node(id: $id) { id }
            }`,
            { name, id, ref: id == null ? null : name ? { name } : { id }, from, to, first, after },
          );
          expectNoServerError(result);
        },
      ),
      settings,
    );
  });
});

type Field = GraphQLField<unknown, unknown>;

/** A random selection on `typeName`, `depth` levels deep at most, with random page sizes. */
function selectionOn(schema: GraphQLSchema, typeName: string, depth: number): fc.Arbitrary<string> {
  const type = schema.getType(typeName);
  if (isUnionType(type)) {
    return fc
      .subarray([...type.getTypes()], { minLength: 1 })
      .chain((members) =>
        fc
          .tuple(...members.map((m) => selectionOn(schema, m.name, depth)))
          .map((parts) => parts.map((part, i) => `... on ${members[i]?.name} ${part}`).join(' ')),
      )
      .map((inner) => `{ __typename ${inner} }`);
  }
  if (!isObjectType(type) && !isInterfaceType(type)) return fc.constant('');
  const fields = Object.values(type.getFields()) as Field[];
  // Fields whose required arguments, if any, are page sizes (given below); optional ones are left out.
  const usable = fields.filter((f) => {
    const required = f.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
    if (required.some((a) => a.name !== 'first')) return false;
    return isLeafType(getNamedType(f.type)) || depth > 0;
  });
  if (usable.length === 0) return fc.constant('{ __typename }');
  return fc
    .subarray(usable, { minLength: 1, maxLength: Math.min(4, usable.length) })
    .chain((chosen) =>
      fc.tuple(
        ...chosen.map((field) => {
          const named = getNamedType(field.type);
          if (isLeafType(named)) return fc.constant(field.name);
          const args = field.args.some((a) => a.name === 'first')
            ? pageSize.map((n) => `(first: ${n})`)
            : fc.constant('');
          return fc
            .tuple(args, selectionOn(schema, named.name, depth - 1))
            .map(([a, inner]) => `${field.name}${a} ${inner || '{ __typename }'}`);
        }),
      ),
    )
    .map((parts) => `{ ${parts.join(' ')} }`);
}

describe('documents', () => {
  it('built at random from the schema never fail with a server error', async () => {
    await fc.assert(
      fc.asyncProperty(selectionOn(schema, 'Query', 4), async (selection) => {
        expectNoServerError(await execute(selection));
      }),
      settings,
    );
  });
});

describe('article files', () => {
  const seedArticle = JSON.parse(readFileSync(seedArticlePath, 'utf8'));
  seedArticle.source.text = readFileSync(
    join(dirname(seedArticlePath), seedArticle.source.textFile),
    'utf8',
  );
  delete seedArticle.source.textFile;

  const paths = (value: unknown, prefix: (string | number)[] = []): (string | number)[][] =>
    value && typeof value === 'object'
      ? Object.entries(value).flatMap(([key, child]) => {
          const path = [...prefix, Array.isArray(value) ? Number(key) : key];
          return [path, ...paths(child, path)];
        })
      : [];
  const allPaths = paths(seedArticle).filter((p) => p[0] !== 'source' || p[1] !== 'text');

  const mutation = fc.record({
    path: fc.constantFrom(...allPaths),
    value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), nastyString, fc.constant(undefined)),
  });

  it('are imported whole or refused with a validation or conflict error, never half-written', async () => {
    const prisma = database().prisma;
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const article = structuredClone(seedArticle);
        article.source.text = `${seedArticle.source.text}\n${mutations.length}`;
        for (const { path, value } of mutations) {
          let target = article;
          for (const key of path.slice(0, -1)) target = target?.[key];
          if (target && typeof target === 'object') {
            const key = path.at(-1) as string;
            if (value === undefined) delete target[key];
            else target[key] = value;
          }
        }
        const before = await prisma.attestation.count();
        try {
          await importArticle(prisma, article);
        } catch (error) {
          expect(
            error instanceof ArticleValidationError || error instanceof ImportConflictError,
            String(error),
          ).toBe(true);
          expect(await prisma.attestation.count()).toBe(before);
        }
        // Invariants hold whatever happened: one speaker per statement, exact excerpts.
        const statements = await prisma.statement.findMany({
          select: { speakerPersonId: true, speakerOrganizationId: true },
        });
        for (const s of statements)
          expect((s.speakerPersonId === null) !== (s.speakerOrganizationId === null)).toBe(true);
        const attestations = await prisma.attestation.findMany({
          include: { source: { select: { text: true } } },
        });
        for (const a of attestations)
          expect(a.source.text.slice(a.startOffset, a.endOffset)).toBe(a.excerpt);
      }),
      { ...settings, numRuns: Math.max(5, Math.round(settings.numRuns / 2)) },
    );
  });
});
