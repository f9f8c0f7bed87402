import { z } from 'zod';
import { sha256 } from '../../ingest/import-article.js';
import { builder } from '../builder.js';
import { VersionedInput } from '../person/person-mutations.js';
import {
  dateColumns,
  defined,
  existing,
  nameField,
  parseInput,
  partialDateField,
  rowId,
  withQuery,
  write,
} from '../shared/write.js';

builder.prismaObjectField('Source', 'version', (t) =>
  t.exposeInt('version', { description: 'Pass it back to update or delete (optimistic locking).' }),
);

const sourceSchema = z.object({
  title: nameField,
  publisher: nameField.nullish(),
  url: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).nullish(),
  publishedOn: partialDateField,
  language: z
    .string()
    .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as "en" or "pt-BR"')
    .nullish(),
});

const CreateSourceInput = builder.inputType('CreateSourceInput', {
  fields: (t) => ({
    title: t.string({ required: true }),
    text: t.string({
      required: true,
      description: 'The full text, kept as evidence.',
      extensions: { longText: true },
    }),
    publisher: t.string(),
    url: t.string(),
    publishedOn: t.string({ description: '"2025", "2025-03" or "2025-03-31".' }),
    language: t.string({ description: 'E.g. "en".' }),
  }),
});

const UpdateSourceInput = builder.inputType('UpdateSourceInput', {
  description:
    'Omitted fields keep their value. The text cannot change: attestations point into it.',
  fields: (t) => ({
    id: t.id({ required: true }),
    version: t.int({ required: true }),
    title: t.string(),
    publisher: t.string(),
    url: t.string(),
    publishedOn: t.string(),
    language: t.string(),
  }),
});

builder.mutationField('createSource', (t) =>
  t.prismaField({
    type: 'Source',
    errors: { dataField: { name: 'source' } },
    args: { input: t.arg({ type: CreateSourceInput, required: true }) },
    resolve: (query, _root, { input: { text, ...input } }, context) =>
      write(context, 'createSource', 'EDITOR', async (writer) => {
        const { publishedOn, ...fields } = parseInput(
          sourceSchema.extend({ text: z.string().min(1, 'must not be empty') }),
          { ...input, text },
        );
        const source = await writer.create('Source', {
          ...fields,
          contentHash: sha256(text),
          ...dateColumns(publishedOn, 'publishedOn', 'publishedPrecision'),
        });
        return withQuery(writer, 'Source', query, source);
      }),
  }),
);

builder.mutationField('updateSource', (t) =>
  t.prismaField({
    type: 'Source',
    errors: { dataField: { name: 'source' } },
    args: { input: t.arg({ type: UpdateSourceInput, required: true }) },
    resolve: (query, _root, { input: { id, version, ...input } }, context) =>
      write(context, 'updateSource', 'EDITOR', async (writer) => {
        const source = rowId(id, ['Source'], ['input', 'id']);
        const { publishedOn, ...fields } = parseInput(sourceSchema.partial(), defined(input));
        const updated = await writer.update(
          'Source',
          source.id,
          { ...defined(fields), ...dateColumns(publishedOn, 'publishedOn', 'publishedPrecision') },
          { expectedVersion: version, path: ['input', 'id'] },
        );
        return withQuery(writer, 'Source', query, updated);
      }),
  }),
);

builder.mutationField('deleteSource', (t) =>
  t.id({
    errors: { dataField: { name: 'deletedId' } },
    description: 'Deletes a source with its attestations; the statements and meetings stay.',
    args: { input: t.arg({ type: VersionedInput, required: true }) },
    resolve: (_root, { input }, context) =>
      write(context, 'deleteSource', 'EDITOR', async (writer) => {
        const { id } = await existing(writer, input.id, ['Source'], ['input', 'id']);
        await writer.deleteWhere('Attestation', { sourceId: id });
        await writer.delete('Source', id, { expectedVersion: input.version });
        return input.id;
      }),
  }),
);
