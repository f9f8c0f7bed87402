// Citation exports read back with maintained parsers: csv-parse for the CSV, bibtex-parser for
// BibTeX, JSON for CSL-JSON.
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import { parse as parseCsvText } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../src/db/client.js';
import { data, failure, idOf } from './helpers/execute.js';
import { useSeededDatabase } from './helpers/seeded.js';

useSeededDatabase();

const citations = async (format: string, filter?: unknown) =>
  (
    await data(
      'query ($format: CitationFormat!, $filter: StatementFilter) { statementCitations(format: $format, filter: $filter) }',
      { format, filter },
    )
  ).statementCitations as string;

const parseCsv = (text: string) =>
  parseCsvText(text, { columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];

describe('citations export', () => {
  it('writes CSV rows with global IDs, speaker, subjects and stances that read back', async () => {
    const trump = await idOf('people', 'Trump');
    const text = await citations('CSV', { speaker: { name: 'Trump' } });
    expect(text.split('\r\n')[0]).toBe(
      'statement_id,date,speaker,speaker_id,kind,text,subjects,source_id,source_title,publisher,url,published_on,excerpt',
    );
    const rows = parseCsv(text);
    expect(rows).toHaveLength(4);
    const { statements, sources } = await data(
      `query ($id: ID!) { statements(filter: { speaker: { id: $id } }, first: 10) { edges { node { id text
        attestations(first: 1) { edges { node { excerpt } } } } } }
        sources(first: 1) { edges { node { id title } } } }`,
      { id: trump },
    );
    expect(rows.map((r) => r.statement_id)).toEqual(statements.edges.map((e: any) => e.node.id));
    expect(rows.map((r) => r.text)).toEqual(statements.edges.map((e: any) => e.node.text));
    expect(rows.map((r) => r.excerpt)).toEqual(
      statements.edges.map((e: any) => e.node.attestations.edges[0].node.excerpt),
    );
    for (const row of rows) {
      expect(row).toMatchObject({
        date: '2025-03-30',
        speaker: 'Donald Trump',
        speaker_id: trump,
        source_id: sources.edges[0].node.id,
        source_title: sources.edges[0].node.title,
        published_on: '2025-03-31',
      });
    }
    expect(rows.map((r) => r.subjects)).toContain(
      'Vladimir Putin (CRITICIZES); Volodymyr Zelenskyy (CRITICIZES)',
    );
  });

  it('bounds the export', async () => {
    const error = await failure('{ statementCitations(format: CSV, first: 5000) }');
    expect(error).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'first: must be between 0 and 1000',
    });
  });
});

describe('a source with a publisher, a URL and hostile text', () => {
  const hostile = '=HYPERLINK("http://evil.example","click")';
  let sourceId = 0;
  let statementId = 0;

  beforeAll(async () => {
    const source = await db().source.create({
      data: {
        title: 'Tariffs {up} 50% & more_news',
        publisher: 'The "Daily", Ltd',
        url: 'https://news.example/tariffs?a=1&b=2',
        text: 'x',
        contentHash: 'test-citations',
        publishedOn: new Date('2025-04-01'),
        publishedPrecision: 'MONTH',
        recordedAt: new Date('2025-04-03T10:00:00Z'),
      },
    });
    const speaker = await db().person.findFirstOrThrow({ where: { name: 'Donald Trump' } });
    const statement = await db().statement.create({
      data: { text: hostile, kind: 'QUOTE', speakerPersonId: speaker.id },
    });
    await db().attestation.create({
      data: {
        sourceId: source.id,
        statementId: statement.id,
        excerpt: '+1 -2 @cmd\tx',
        startOffset: 0,
        endOffset: 1,
      },
    });
    sourceId = source.id;
    statementId = statement.id;
  });

  afterAll(async () => {
    await db().statement.delete({ where: { id: statementId } });
    await db().source.delete({ where: { id: sourceId } });
  });

  const sourceFilter = async () => {
    const { sources } = await data('{ sources(first: 5) { edges { node { id title } } } }');
    const node = sources.edges.find((e: any) => e.node.title.startsWith('Tariffs')).node;
    return { source: node.id };
  };

  it('guards CSV cells a spreadsheet would run as formulas, quotes the rest per RFC 4180', async () => {
    const [row] = parseCsv(await citations('CSV', await sourceFilter()));
    expect(row?.text).toBe(`'${hostile}`);
    expect(row?.excerpt).toBe("'+1 -2 @cmd\tx");
    expect(row?.publisher).toBe('The "Daily", Ltd');
    expect(row?.url).toBe('https://news.example/tariffs?a=1&b=2');
  });

  it('cites it in BibTeX that a BibTeX parser reads back field by field', async () => {
    const bib = parseBibtex(await citations('BIBTEX', await sourceFilter()));
    expect(bib.errors).toEqual([]);
    expect(bib.entries).toHaveLength(1);
    const [entry] = bib.entries;
    expect(entry?.type).toBe('article');
    expect(entry?.fields).toMatchObject({
      title: 'Tariffs {up} 50% & more_news',
      journal: 'The "Daily", Ltd',
      publisher: ['The "Daily", Ltd'],
      url: 'https://news.example/tariffs?a=1&b=2',
      date: '2025-04',
      urldate: '2025-04-03',
      entrysubtype: 'newspaper',
    });
  });

  it('cites it in CSL-JSON with publisher, URL, issued and accessed dates', async () => {
    const [entry, ...rest] = JSON.parse(await citations('CSL_JSON', await sourceFilter()));
    expect(rest).toEqual([]);
    expect(entry).toEqual({
      id: expect.stringMatching(/^source\d+-2025$/),
      type: 'article-newspaper',
      title: 'Tariffs {up} 50% & more_news',
      'container-title': 'The "Daily", Ltd',
      publisher: 'The "Daily", Ltd',
      URL: 'https://news.example/tariffs?a=1&b=2',
      issued: { 'date-parts': [[2025, 4]] },
      accessed: { 'date-parts': [[2025, 4, 3]] },
    });
  });
});
