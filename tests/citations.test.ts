import { describe, expect, it } from 'vitest';
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

// RFC 4180, enough to read back what the export wrote.
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('citations export', () => {
  it('writes CSV rows that read back to the statements, for any filter', async () => {
    const trump = await idOf('people', 'Trump');
    const rows = parseCsv(await citations('CSV', { speaker: { id: trump } }));
    expect(rows[0]).toEqual([
      'statement_id',
      'date',
      'speaker',
      'kind',
      'text',
      'source_title',
      'publisher',
      'url',
      'published_on',
      'excerpt',
    ]);
    expect(rows).toHaveLength(5);
    const { statements } = await data(
      'query ($id: ID!) { statements(filter: { speaker: { id: $id } }, first: 10) { edges { node { text } } } }',
      { id: trump },
    );
    expect(rows.slice(1).map((r) => r[4])).toEqual(statements.edges.map((e: any) => e.node.text));
    for (const row of rows.slice(1)) {
      expect(row.slice(1, 4)).toEqual(['2025-03-30', 'Donald Trump', expect.any(String)]);
      expect(row[8]).toBe('2025-03-31');
    }
  });

  it('cites the sources as CSL-JSON and BibTeX', async () => {
    const csl = JSON.parse(await citations('CSL_JSON'));
    expect(csl).toEqual([
      {
        id: expect.stringMatching(/^source\d+-2025$/),
        type: 'article-newspaper',
        title: 'Chinese Foreign Minister Wang Yi in Moscow for talks with Sergei Lavrov',
        issued: { 'date-parts': [[2025, 3, 31]] },
        language: 'en',
      },
    ]);
    const bib = await citations('BIBTEX');
    expect(bib).toBe(
      `@article{${csl[0].id},\n  title = {Chinese Foreign Minister Wang Yi in Moscow for talks with Sergei Lavrov},\n  date = {2025-03-31},\n  year = {2025},\n  langid = {en}\n}`,
    );
  });

  it("escapes BibTeX's special characters and CSV's quotes", async () => {
    const source = await db().source.create({
      data: {
        title: 'Tariffs {up} 50% & more_news',
        publisher: 'The "Daily", Ltd',
        text: 'x',
        contentHash: 'test-escape',
        publishedOn: new Date('2025-04'),
        publishedPrecision: 'MONTH',
      },
    });
    const speaker = await db().person.findFirstOrThrow({ where: { name: 'Donald Trump' } });
    const statement = await db().statement.create({
      data: { text: 'He said "no", then, "yes".', kind: 'QUOTE', speakerPersonId: speaker.id },
    });
    await db().attestation.create({
      data: {
        sourceId: source.id,
        statementId: statement.id,
        excerpt: 'x',
        startOffset: 0,
        endOffset: 1,
      },
    });
    try {
      const { sources } = await data('{ sources(first: 1) { edges { node { id title } } } }');
      expect(sources.edges[0].node.title).toBe(source.title);
      const filter = { source: sources.edges[0].node.id };
      expect(await citations('BIBTEX', filter)).toContain(
        'title = {Tariffs \\{up\\} 50\\% \\& more\\_news},\n  journal = {The "Daily", Ltd},\n  date = {2025-04},',
      );
      const rows = parseCsv(await citations('CSV', filter));
      expect(rows[1]?.[4]).toBe('He said "no", then, "yes".');
      expect(rows[1]?.[6]).toBe('The "Daily", Ltd');
    } finally {
      await db().statement.delete({ where: { id: statement.id } });
      await db().source.delete({ where: { id: source.id } });
    }
  });

  it('bounds the export', async () => {
    const error = await failure('{ statementCitations(format: CSV, first: 5000) }');
    expect(error).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'first: must be between 0 and 1000',
    });
  });
});
