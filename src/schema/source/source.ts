import { db } from '../../db/client.js';
import { builder } from '../builder.js';
import { DateRangeInput, overlapsRange, partialDateField } from '../shared/partial-date.js';

export const Source = builder.prismaNode('Source', {
  id: { field: 'id' },
  // Only the columns asked for: a source's full text is large and rarely wanted.
  select: { id: true },
  nullable: true,
  description: 'A published text, usually a news article, that reports statements and meetings.',
  fields: (t) => ({
    title: t.exposeString('title'),
    publisher: t.exposeString('publisher', { nullable: true }),
    url: t.exposeString('url', { nullable: true }),
    publishedOn: t.field({
      ...partialDateField('publishedOn', 'publishedPrecision'),
      description: 'When it was published: the date its knowledge was reported.',
    }),
    language: t.exposeString('language', { nullable: true, description: 'BCP 47 tag, e.g. "en".' }),
    text: t.exposeString('text', {
      description: 'The full text, kept so that the evidence survives a dead link.',
    }),
    contentHash: t.exposeString('contentHash', { description: 'SHA-256 of the text, in hex.' }),
    recordedAt: t.expose('recordedAt', { type: 'DateTime' }),
    attestations: t.relatedConnection('attestations', {
      cursor: 'id',
      totalCount: true,
      description: 'The statements and meetings this source reports, in text order.',
      query: { orderBy: [{ startOffset: 'asc' }, { id: 'asc' }] },
    }),
  }),
});

builder.prismaNode('Attestation', {
  id: { field: 'id' },
  select: { id: true },
  nullable: true,
  description: "A source's support for a statement or a meeting: the excerpt and where it stands.",
  fields: (t) => ({
    source: t.relation('source'),
    statement: t.relation('statement', { nullable: true }),
    meeting: t.relation('meeting', { nullable: true }),
    excerpt: t.exposeString('excerpt'),
    startOffset: t.exposeInt('startOffset', {
      description: "Index of the excerpt's first character in the source text (UTF-16 units).",
    }),
    endOffset: t.exposeInt('endOffset', { description: "Index just past the excerpt's end." }),
    recordedAt: t.expose('recordedAt', { type: 'DateTime' }),
  }),
});

const SourceFilter = builder.inputType('SourceFilter', {
  fields: (t) => ({
    url: t.string({ required: false }),
    publishedOn: t.field({ type: DateRangeInput, required: false }),
  }),
});

function sourceWhere(filter: typeof SourceFilter.$inferInput | null | undefined) {
  const conditions: object[] = [];
  if (filter?.url != null) conditions.push({ url: filter.url });
  const published = overlapsRange(
    filter?.publishedOn,
    'publishedOn',
    'publishedPrecision',
    'filter.publishedOn',
  );
  if (published) conditions.push(published);
  return { AND: conditions };
}

builder.queryField('sources', (t) =>
  t.prismaConnection({
    type: 'Source',
    cursor: 'id',
    description: 'Sources, newest publication first.',
    args: { filter: t.arg({ type: SourceFilter, required: false }) },
    resolve: (query, _parent, { filter }) =>
      db().source.findMany({
        ...query,
        where: sourceWhere(filter),
        orderBy: [{ publishedOn: { sort: 'desc', nulls: 'last' } }, { id: 'desc' }],
      }),
    totalCount: (_parent, { filter }) => db().source.count({ where: sourceWhere(filter) }),
  }),
);
