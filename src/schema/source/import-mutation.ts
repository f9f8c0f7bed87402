import { asConflict } from '../../audit/writer.js';
import { db } from '../../db/client.js';
import { ArticleValidationError } from '../../ingest/article-format.js';
import {
  ImportConflictError,
  type ImportCounts,
  type ImportSummary,
  importArticle,
  importedKinds,
  PossibleDuplicatesError,
} from '../../ingest/import-article.js';
import { builder } from '../builder.js';
import { DuplicatePolicyEnum, PossibleDuplicateRef } from '../shared/duplicates.js';
import { ConflictError, ValidationError } from '../shared/errors.js';
import { authorize } from '../shared/write.js';
import { Source } from './source.js';

builder.scalarType('JSON', {
  description: 'Any JSON value.',
  serialize: (value) => value,
  parseValue: (value) => value,
});

export const ImportCountsRef = builder.objectRef<ImportCounts>('ImportCounts').implement({
  description: 'Rows per kind.',
  fields: (t) =>
    Object.fromEntries(
      importedKinds.map((kind) => [kind, t.int({ resolve: (counts) => counts[kind] })]),
    ),
});

const ArticleImport = builder.objectRef<ImportSummary>('ArticleImport').implement({
  description: 'What importing one article did.',
  fields: (t) => ({
    source: t.prismaField({
      type: Source,
      resolve: (query, summary) =>
        db().source.findUniqueOrThrow({ ...query, where: { id: summary.sourceId } }),
    }),
    created: t.field({ type: ImportCountsRef, resolve: (summary) => summary.created }),
    matched: t.field({
      type: ImportCountsRef,
      description: 'Already in the base: matched, not duplicated.',
      resolve: (summary) => summary.matched,
    }),
    updated: t.field({
      type: ImportCountsRef,
      description: 'Matched rows that got a missing field filled in.',
      resolve: (summary) => summary.updated,
    }),
    possibleDuplicates: t.field({
      type: [PossibleDuplicateRef],
      description:
        'New names close to stored ones, and what the duplicates policy did: matched them (USE_MATCH) or created them (CREATE).',
      resolve: (summary) =>
        summary.possibleDuplicates.map((d) => ({ ...d, path: ['article', ...d.path] })),
    }),
  }),
});

builder.mutationField('importArticle', (t) =>
  t.field({
    type: ArticleImport,
    errors: { dataField: { name: 'import' }, types: [PossibleDuplicatesError] },
    description:
      'Imports one article in the news-kb/article@1 or @1.1 format (see docs/article-format.md), in one transaction. Importing it again changes nothing.',
    args: {
      // Long text: its own format limits each field (src/plugins/input-text.ts).
      article: t.arg({ type: 'JSON', required: true, extensions: { longText: true } }),
      duplicates: t.arg({
        type: DuplicatePolicyEnum,
        defaultValue: 'REFUSE',
        description: 'What to do with new people and organizations named like stored ones.',
      }),
    },
    resolve: async (_root, { article, duplicates }, context) => {
      authorize(context.viewer, 'EDITOR');
      const { viewer } = context;
      const actor =
        viewer.kind === 'key' ? { name: viewer.name, apiKeyId: viewer.apiKeyId } : undefined;
      try {
        return await importArticle(db(), article as never, {
          actor,
          via: 'importArticle',
          duplicates: duplicates ?? 'REFUSE',
        });
      } catch (error) {
        if (error instanceof ArticleValidationError) {
          throw new ValidationError(
            error.issues.map((issue) => ({
              path: ['article', ...issue.path.map(String)],
              message: issue.message,
            })),
          );
        }
        if (error instanceof ImportConflictError) throw new ConflictError(error.message);
        if (error instanceof PossibleDuplicatesError) {
          throw new PossibleDuplicatesError(
            error.duplicates.map((d) => ({ ...d, path: ['article', ...d.path] })),
          );
        }
        throw asConflict(error) ?? error;
      }
    },
  }),
);
