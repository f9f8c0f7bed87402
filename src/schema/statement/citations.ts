// Exports of a statement selection for papers: CSV (one row per statement and source) and the
// sources as CSL-JSON or BibTeX citations.
import { db } from '../../db/client.js';
import { formatPartialDate } from '../../shared/partial-date.js';
import { builder } from '../builder.js';
import { badInput } from '../shared/errors.js';
import { partialDate } from '../shared/partial-date.js';
import { StatementFilter, StatementOrderEnum, statementOrderBy, statementWhere } from './filter.js';

const CitationFormatEnum = builder.enumType('CitationFormat', {
  values: {
    CSV: { description: 'One row per statement and source, with a header row (RFC 4180).' },
    CSL_JSON: { description: 'The sources as a CSL-JSON array (Zotero, Pandoc, citeproc).' },
    BIBTEX: { description: 'The sources as BibTeX @article entries.' },
  } as const,
});

const maxStatements = 1000;

type SourceRow = {
  id: number;
  title: string;
  publisher: string | null;
  url: string | null;
  publishedOn: Date | null;
  publishedPrecision: 'DAY' | 'MONTH' | 'YEAR' | null;
  language: string | null;
};

function csvField(value: string | number | null): string {
  const text = value == null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function sourceKey(source: SourceRow): string {
  const year = source.publishedOn?.getUTCFullYear() ?? 'nd';
  return `source${source.id}-${year}`;
}

function cslJson(sources: SourceRow[]): string {
  return JSON.stringify(
    sources.map((s) => {
      const issued = partialDate(s.publishedOn, s.publishedPrecision);
      const parts = issued ? formatPartialDate(issued).split('-').map(Number) : null;
      return {
        id: sourceKey(s),
        type: 'article-newspaper',
        title: s.title,
        ...(s.publisher ? { 'container-title': s.publisher } : {}),
        ...(s.url ? { URL: s.url } : {}),
        ...(parts ? { issued: { 'date-parts': [parts] } } : {}),
        ...(s.language ? { language: s.language } : {}),
      };
    }),
    null,
    2,
  );
}

// BibTeX's special characters, escaped so that a title cannot break the entry.
function bibtexText(text: string): string {
  return text.replace(/[\\{}%&$#_^~]/g, (c) =>
    c === '\\' ? '\\textbackslash{}' : c === '^' ? '\\^{}' : c === '~' ? '\\~{}' : `\\${c}`,
  );
}

function bibtex(sources: SourceRow[]): string {
  return sources
    .map((s) => {
      const issued = partialDate(s.publishedOn, s.publishedPrecision);
      const fields = [
        ['title', `{${bibtexText(s.title)}}`],
        s.publisher ? ['journal', `{${bibtexText(s.publisher)}}`] : null,
        issued ? ['date', `{${formatPartialDate(issued)}}`] : null,
        issued ? ['year', `{${issued.date.getUTCFullYear()}}`] : null,
        s.url ? ['url', `{${s.url.replace(/[{}\\]/g, '')}}`] : null,
        s.language ? ['langid', `{${bibtexText(s.language)}}`] : null,
      ].filter((f): f is string[] => f !== null);
      return `@article{${sourceKey(s)},\n${fields.map(([k, v]) => `  ${k} = ${v}`).join(',\n')}\n}`;
    })
    .join('\n\n');
}

builder.queryField('statementCitations', (t) =>
  t.string({
    description: `The statements \`statements\` would return for this filter and order (at most ${maxStatements}), exported as CSV, or their sources as CSL-JSON or BibTeX.`,
    args: {
      format: t.arg({ type: CitationFormatEnum, required: true }),
      filter: t.arg({ type: StatementFilter, required: false }),
      orderBy: t.arg({ type: StatementOrderEnum, required: false }),
      first: t.arg.int({
        required: false,
        defaultValue: 100,
        description: `At most ${maxStatements}.`,
      }),
    },
    resolve: async (_parent, { format, filter, orderBy, first }) => {
      const take = first ?? 100;
      if (take < 0 || take > maxStatements) {
        throw badInput('first', `must be between 0 and ${maxStatements}`);
      }
      const statements = await db().statement.findMany({
        where: statementWhere(filter),
        orderBy: statementOrderBy(orderBy),
        take,
        include: {
          speakerPerson: { select: { name: true } },
          speakerOrganization: { select: { name: true } },
          attestations: { include: { source: true }, orderBy: { id: 'asc' } },
        },
      });
      if (format === 'CSV') {
        const header = [
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
        ];
        const rows = statements.flatMap((s) => {
          const date = partialDate(s.occurredOn, s.occurredPrecision);
          const common = [
            s.id,
            date ? formatPartialDate(date) : null,
            s.speakerPerson?.name ?? s.speakerOrganization?.name ?? null,
            s.kind,
            s.text,
          ];
          const attestations = s.attestations.length ? s.attestations : [null];
          return attestations.map((a) => {
            const published = a && partialDate(a.source.publishedOn, a.source.publishedPrecision);
            return [
              ...common,
              a?.source.title ?? null,
              a?.source.publisher ?? null,
              a?.source.url ?? null,
              published ? formatPartialDate(published) : null,
              a?.excerpt ?? null,
            ];
          });
        });
        return `${[header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
      }
      const sources = new Map<number, SourceRow>();
      for (const s of statements)
        for (const a of s.attestations) sources.set(a.source.id, a.source);
      const list = [...sources.values()].sort((a, b) => a.id - b.id);
      return format === 'CSL_JSON' ? cslJson(list) : bibtex(list);
    },
  }),
);
