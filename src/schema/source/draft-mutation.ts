// draftArticle: the extractor and the linker behind one mutation. It returns a draft in the
// article format for a curator to edit and import; it writes nothing.
import type { ArticleDocument } from '../../ingest/article-format.js';
import { DraftInputError, type DraftInputErrorCode, draftFromText } from '../../intake/draft.js';
import { linkDraft } from '../../intake/link.js';
import { builder } from '../builder.js';
import { ErrorInterface } from '../shared/error-types.js';
import { authorize } from '../shared/write.js';

const problems = {
  EMPTY_TEXT: 'The text is empty or only white space.',
  NUL_CHARACTER: 'The text holds NUL characters (binary data?).',
  BINARY_FILE: 'The text is not readable text.',
  TOO_LARGE: 'The text is longer than the limit for one article.',
  NOT_ENGLISH: 'The text is not English (only English articles can be drafted for now).',
  INVALID_DATE: 'publishedOn is not a real date YYYY-MM-DD.',
} satisfies Record<DraftInputErrorCode, string>;

const DraftProblemEnum = builder.enumType('DraftProblem', {
  description: 'Why an article cannot be drafted.',
  values: Object.fromEntries(
    Object.entries(problems).map(([code, description]) => [code, { description }]),
  ) as Record<DraftInputErrorCode, { description: string }>,
});

builder.objectType(DraftInputError, {
  name: 'DraftInputError',
  interfaces: [ErrorInterface],
  description: 'The article cannot be drafted; `code` says why, `path` names the input field.',
  fields: (t) => ({
    code: t.field({
      type: DraftProblemEnum,
      description: 'Why.',
      resolve: (error) => error.code,
    }),
    path: t.stringList({
      description: 'The input field, e.g. ["input", "text"].',
      resolve: (error) => ['input', error.code === 'INVALID_DATE' ? 'publishedOn' : 'text'],
    }),
  }),
});

const DraftArticleInput = builder.inputType('DraftArticleInput', {
  description: 'A raw English news article.',
  fields: (t) => ({
    text: t.string({
      required: true,
      // Long text: bounded by the request's body size, while the request is read.
      extensions: { longText: true },
      description: 'The full text; its first line is not taken as the headline here (see title).',
    }),
    publishedOn: t.string({
      description: 'YYYY-MM-DD: relative dates ("on Tuesday") are resolved against it.',
    }),
    url: t.string({ description: 'Where it was published.' }),
    title: t.string({ description: 'The headline.' }),
  }),
});

type Draft = { document: ArticleDocument };
type EntityCandidates = NonNullable<ArticleDocument['people'][number]['candidates']>;
type DraftEntity = {
  collection: 'countries' | 'organizations' | 'people';
  key: string;
  name: string | undefined;
  ref: string | undefined;
  candidates: EntityCandidates;
};

const DraftCandidateRef = builder.objectRef<EntityCandidates[number]>('DraftCandidate').implement({
  description: 'A stored entity that a drafted one may be.',
  fields: (t) => ({
    ref: t.exposeString('ref', { description: 'Its global ID.' }),
    name: t.exposeString('name', { description: 'Its name.' }),
    score: t.exposeFloat('score', { description: 'How close the names are, 0 to 1.' }),
  }),
});

const DraftEntityRef = builder.objectRef<DraftEntity>('DraftEntity').implement({
  description: 'A person, organization or country the draft names, and what it was linked to.',
  fields: (t) => ({
    collection: t.exposeString('collection', {
      description: 'Where the draft lists it: countries, organizations or people.',
    }),
    key: t.exposeString('key', { description: 'Its key in the draft.' }),
    name: t.exposeString('name', { nullable: true, description: 'The name in the text.' }),
    ref: t.exposeString('ref', {
      nullable: true,
      description: 'The stored entity it was linked to; null: proposed as new.',
    }),
    candidates: t.field({
      type: [DraftCandidateRef],
      description: 'Other stored entities it may be, closest first.',
      resolve: (entity) => entity.candidates,
    }),
  }),
});

const DraftRef = builder.objectRef<Draft>('ArticleDraft').implement({
  description: 'A draft to edit and pass to importArticle.',
  fields: (t) => ({
    document: t.field({
      type: 'JSON',
      description:
        'The draft in the news-kb/article@1.1 format: statements and meetings EXTRACTED with confidences.',
      resolve: (draft) => draft.document,
    }),
    entities: t.field({
      type: [DraftEntityRef],
      description: 'Every entity of the draft with its link and candidates, for review.',
      resolve: ({ document }) =>
        (['countries', 'organizations', 'people'] as const).flatMap((collection) =>
          document[collection].map((entity) => ({
            collection,
            key: entity.key,
            name: entity.name,
            ref: entity.ref,
            candidates: entity.candidates ?? [],
          })),
        ),
    }),
  }),
});

builder.mutationField('draftArticle', (t) =>
  t.field({
    type: DraftRef,
    errors: { dataField: { name: 'draft' }, types: [DraftInputError] },
    description:
      'Editors: drafts the knowledge of a raw English article (people, organizations, countries, statements, meetings) linked to the stored entities. Writes nothing; edit the draft and import it with importArticle.',
    args: {
      input: t.arg({ type: DraftArticleInput, required: true, description: 'The article.' }),
    },
    resolve: async (_root, { input }, context) => {
      authorize(context.viewer, 'EDITOR');
      const document = draftFromText({
        text: input.text,
        publishedOn: input.publishedOn ?? undefined,
        url: input.url ?? undefined,
        title: input.title ?? undefined,
      });
      return { document: await linkDraft(document) };
    },
  }),
);
