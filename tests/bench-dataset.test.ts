// The benchmark's generated dataset (scale 0.01) loads through the bulk path, is the same every
// time, keeps the schema's invariants, and the API works on it afterwards: search finds the
// generated words and rows created through the API get fresh ids.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetCounts, ensureDataset, generateDataset, loadDataset } from '../bench/generate.js';
import { connect, type Database } from '../src/db/client.js';
import { lastDayOf } from '../src/shared/partial-date.js';
import { keyHeaders, mutate } from './helpers/curation.js';
import { createEmptyDatabase, testProvider } from './helpers/database.js';
import { data } from './helpers/execute.js';

const dataset = generateDataset(0.01, 1);
let url: string;
let remove: () => Promise<void>;
let database: Database;

beforeAll(async () => {
  ({ url, remove } = await createEmptyDatabase());
  await loadDataset(url, dataset);
  database = connect(url, { poolSize: 4 });
});

afterAll(async () => {
  await database?.close();
  await remove?.();
});

const decodeId = (id: string) => Number(Buffer.from(id, 'base64').toString().split(':')[1]);

describe('the benchmark dataset', () => {
  it('is the same for the same scale and seed, and another for another seed', () => {
    expect(generateDataset(0.01, 1)).toEqual(dataset);
    const other = generateDataset(0.01, 2);
    expect(datasetCounts(other).Person).toBe(datasetCounts(dataset).Person);
    expect(other.rows.statement.slice(0, 20)).not.toEqual(dataset.rows.statement.slice(0, 20));
  });

  it('has the rows a scale asks for', () => {
    expect(datasetCounts(dataset)).toMatchObject({
      Country: 200,
      Person: 100,
      Organization: 20,
      Statement: 2_000,
      Meeting: 200,
      Source: 50,
    });
  });

  it('is loaded whole: every row reads back through Prisma as generated', async () => {
    const delegates = database.prisma as unknown as Record<
      string,
      { findMany(args: object): Promise<object[]> }
    >;
    for (const [model, rows] of Object.entries(dataset.rows)) {
      const stored = await delegates[model]?.findMany({ orderBy: { id: 'asc' } });
      expect(stored, model).toHaveLength(rows.length);
      expect(stored, model).toMatchObject(rows);
    }
    const versions = await database.prisma.statement.groupBy({ by: ['version'], _count: true });
    expect(versions).toEqual([{ version: 1, _count: dataset.rows.statement.length }]);
  });

  it('stores dates the way the API filters them (precision included)', async () => {
    const [from, to] = [Date.UTC(2020, 0, 1), Date.UTC(2020, 11, 31)];
    const expected = dataset.rows.statement.filter((s) => {
      if (!s.occurredOn || !s.occurredPrecision) return false;
      const date = new Date(s.occurredOn);
      const last = lastDayOf({ date, precision: s.occurredPrecision }).getTime();
      return date.getTime() <= to && last >= from;
    }).length;
    expect(expected).toBeGreaterThan(100);
    const result = await data(
      `{ statements(filter: { date: { from: "2020-01-01", to: "2020-12-31" } }, first: 1) {
        totalCount } }`,
    );
    expect(result.statements.totalCount).toBe(expected);
  });

  it('keeps the invariants: one speaker, one subject per row, offsets of excerpts', async () => {
    const { prisma } = database;
    const statements = await prisma.statement.findMany();
    expect(
      statements.every((s) => (s.speakerPersonId === null) !== (s.speakerOrganizationId === null)),
    ).toBe(true);
    const subjects = await prisma.statementSubject.findMany();
    expect(
      subjects.every(
        (s) => [s.personId, s.countryId, s.organizationId].filter((id) => id !== null).length === 1,
      ),
    ).toBe(true);
    const sources = new Map((await prisma.source.findMany()).map((s) => [s.id, s.text]));
    const attestations = await prisma.attestation.findMany();
    expect(attestations.length).toBeGreaterThanOrEqual(statements.length + 200);
    for (const a of attestations) {
      expect(sources.get(a.sourceId)?.slice(a.startOffset, a.endOffset)).toBe(a.excerpt);
    }
    // The latest role is usually current.
    const current = await prisma.role.count({ where: { endDate: null } });
    expect(current).toBeGreaterThan(dataset.rows.person.length / 2);
  });

  it('is indexed for search: every statement saying "sanctions" is found', async () => {
    const saying = dataset.rows.statement.filter((s) => s.text.includes('sanctions')).length;
    expect(saying / dataset.rows.statement.length).toBeGreaterThan(0.05);
    expect(saying / dataset.rows.statement.length).toBeLessThan(0.1);
    const result = await data(
      `{ search(query: "sanctions", types: [STATEMENT], first: 5) {
        totalCount edges { snippet node { ... on Statement { text } } } } }`,
    );
    expect(result.search.totalCount).toBe(saying);
    expect(result.search.edges[0].snippet).toContain('<b>sanctions</b>');
    const person = dataset.rows.person[42];
    const byName = await data(
      `query ($q: String!) { search(query: $q, types: [PERSON], first: 5) {
        edges { node { ... on Person { name } } } } }`,
      { q: `"${person?.name}"` },
    );
    expect(byName.search.edges.map((edge: any) => edge.node.name)).toContain(person?.name);
    const [documents] = await database.prisma.$queryRawUnsafe<{ count: number | bigint }[]>(
      testProvider === 'sqlite'
        ? 'SELECT count(*) AS count FROM search_fts'
        : 'SELECT count(*) AS count FROM search_document',
    );
    const counts = datasetCounts(dataset);
    const searchable = ['Person', 'Country', 'Organization', 'Statement', 'Meeting', 'Source'];
    expect(Number(documents?.count)).toBe(
      searchable.reduce((sum, table) => sum + (counts[table] ?? 0), 0),
    );
  });

  it('is recognized by its fingerprint, and another seed would not be', async () => {
    const reused = await ensureDataset({ provider: testProvider, scale: 0.01, seed: 1, url });
    expect(reused).toEqual({ url, reused: true });
    // Anything else would recreate the database, which is refused for one not named "bench".
    await expect(
      ensureDataset({ provider: testProvider, scale: 0.01, seed: 2, url }),
    ).rejects.toThrow(/refusing/);
  });

  it('gives rows created through the API fresh ids', async () => {
    const editor = await keyHeaders('EDITOR');
    const created = await mutate(
      'createPerson',
      { name: 'Bulk Loaded Newcomer' },
      '... on CreatePersonSuccess { person { id name } }',
      editor,
    );
    expect(created.person.name).toBe('Bulk Loaded Newcomer');
    expect(decodeId(created.person.id)).toBe(dataset.rows.person.length + 1);
  });
});
