// Exports of a statement selection for papers: CSV (one row per statement and source) and the
// sources as CSL-JSON or BibTeX citations.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { stringify } from 'csv-stringify/sync';
import { db } from '../../db/client.js';
import { formatPartialDate } from '../../shared/partial-date.js';
import { builder } from '../builder.js';
import { badInput } from '../shared/errors.js';
import { partialDate } from '../shared/partial-date.js';
import { StatementFilter, StatementOrderEnum, statementOrderBy, statementWhere } from './filter.js';

const CitationFormatEnum = builder.enumType('CitationFormat', {
  description: 'How `statementCitations` writes the export.',
  values: {
    CSV: {
      description:
        'One row per statement and source, with a header row (RFC 4180): global IDs, speaker, subjects with stances, source and excerpt. Cells starting with =, +, -, @, tab or CR get a leading quote, so spreadsheets do not run them.',
    },
    CSL_JSON: { description: 'The sources as a CSL-JSON array (Zotero, Pandoc, citeproc).' },
    BIBTEX: {
      description:
        'The sources as BibTeX (biblatex) @article entries: title, journal and publisher, date, URL and the date it was recorded (urldate).',
    },
  } as const,
});

const maxStatements = 1000;

const csvColumns = [
  'statement_id',
  'date',
  'speaker',
  'speaker_id',
  'kind',
  'text',
  'subjects',
  'source_id',
  'source_title',
  'publisher',
  'url',
  'published_on',
  'excerpt',
];

type SourceRow = {
  id: number;
  title: string;
  publisher: string | null;
  url: string | null;
  publishedOn: Date | null;
  publishedPrecision: 'DAY' | 'MONTH' | 'YEAR' | null;
  language: string | null;
  recordedAt: Date;
};

// A cell a spreadsheet would run as a formula gets a leading quote (OWASP, CSV injection).
const formulaStart = /^[=+\-@\t\r]/;
const guardFormula = (text: string) => (formulaStart.test(text) ? `'${text}` : text);

/** The date parts of a day, for CSL-JSON. */
const dayParts = (date: Date) => [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];

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
        ...(s.publisher ? { 'container-title': s.publisher, publisher: s.publisher } : {}),
        ...(s.url ? { URL: s.url } : {}),
        ...(parts ? { issued: { 'date-parts': [parts] } } : {}),
        accessed: { 'date-parts': [dayParts(s.recordedAt)] },
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
      // Sources record no authors: entries name none rather than guess.
      const fields = [
        ['title', `{${bibtexText(s.title)}}`],
        s.publisher ? ['journal', `{${bibtexText(s.publisher)}}`] : null,
        s.publisher ? ['publisher', `{${bibtexText(s.publisher)}}`] : null,
        ['entrysubtype', '{newspaper}'],
        issued ? ['date', `{${formatPartialDate(issued)}}`] : null,
        issued ? ['year', `{${issued.date.getUTCFullYear()}}`] : null,
        s.url ? ['url', `{${s.url.replace(/[{}\\]/g, '')}}`] : null,
        ['urldate', `{${s.recordedAt.toISOString().slice(0, 10)}}`],
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
          subjects: {
            orderBy: { id: 'asc' },
            include: {
              person: { select: { name: true } },
              country: { select: { name: true } },
              organization: { select: { name: true } },
            },
          },
          attestations: { include: { source: true }, orderBy: { id: 'asc' } },
        },
      });
      if (format === 'CSV') {
        const rows = statements.flatMap((s) => {
          const date = partialDate(s.occurredOn, s.occurredPrecision);
          const speaker = s.speakerPersonId
            ? encodeGlobalID('Person', s.speakerPersonId)
            : s.speakerOrganizationId
              ? encodeGlobalID('Organization', s.speakerOrganizationId)
              : null;
          const subjects = s.subjects
            .map((subject) => {
              const name = (subject.person ?? subject.country ?? subject.organization)?.name;
              return subject.stance ? `${name} (${subject.stance})` : name;
            })
            .join('; ');
          const common = {
            statement_id: encodeGlobalID('Statement', s.id),
            date: date ? formatPartialDate(date) : null,
            speaker: s.speakerPerson?.name ?? s.speakerOrganization?.name ?? null,
            speaker_id: speaker,
            kind: s.kind,
            text: s.text,
            subjects,
          };
          const attestations = s.attestations.length ? s.attestations : [null];
          return attestations.map((a) => {
            const published = a && partialDate(a.source.publishedOn, a.source.publishedPrecision);
            return {
              ...common,
              source_id: a ? encodeGlobalID('Source', a.source.id) : null,
              source_title: a?.source.title ?? null,
              publisher: a?.source.publisher ?? null,
              url: a?.source.url ?? null,
              published_on: published ? formatPartialDate(published) : null,
              excerpt: a?.excerpt ?? null,
            };
          });
        });
        return stringify(rows, {
          header: true,
          columns: csvColumns,
          record_delimiter: 'windows',
          cast: { string: guardFormula },
        });
      }
      const sources = new Map<number, SourceRow>();
      for (const s of statements)
        for (const a of s.attestations) sources.set(a.source.id, a.source);
      const list = [...sources.values()].sort((a, b) => a.id - b.id);
      return format === 'CSL_JSON' ? cslJson(list) : bibtex(list);
    },
  }),
);
