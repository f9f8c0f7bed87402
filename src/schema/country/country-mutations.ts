import { z } from 'zod';
import { builder } from '../builder.js';
import { VersionedInput } from '../person/person-mutations.js';
import {
  defined,
  descriptionField,
  existing,
  named,
  nameField,
  parseInput,
  rowId,
  withQuery,
  write,
} from '../shared/write.js';

builder.prismaObjectField('Country', 'version', (t) =>
  t.exposeInt('version', { description: 'Pass it back to update or delete (optimistic locking).' }),
);

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
// ICU knows every assigned ISO 3166-1 alpha-2 code; for anything else it echoes the code back.
const isAssigned = (code: string) => {
  const name = regionNames.of(code);
  return name !== undefined && name !== code && name !== 'Unknown Region';
};
const iso2 = z
  .string()
  .regex(/^[A-Z]{2}$/, { message: 'must be two upper-case letters', abort: true })
  .refine(isAssigned, 'is not an ISO 3166-1 alpha-2 country code');
const iso3 = z.string().regex(/^[A-Z]{3}$/, 'must be three upper-case letters');

const countryFields = { name: nameField, iso2, iso3, description: descriptionField };
const createSchema = z.object(countryFields);
const updateSchema = z.object({ ...countryFields }).partial();

const CreateCountryInput = builder.inputType('CreateCountryInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    iso2: t.string({ required: true, description: 'ISO 3166-1 alpha-2, e.g. "CN".' }),
    iso3: t.string({ required: true, description: 'ISO 3166-1 alpha-3, e.g. "CHN".' }),
    description: t.string(),
  }),
});

const UpdateCountryInput = builder.inputType('UpdateCountryInput', {
  description: 'Omitted fields keep their value.',
  fields: (t) => ({
    id: t.id({ required: true }),
    version: t.int({ required: true, description: 'The version you read.' }),
    name: t.string(),
    iso2: t.string(),
    iso3: t.string(),
    description: t.string(),
  }),
});

builder.mutationField('createCountry', (t) =>
  t.prismaField({
    type: 'Country',
    errors: { dataField: { name: 'country' } },
    args: { input: t.arg({ type: CreateCountryInput, required: true }) },
    resolve: (query, _root, { input }, context) =>
      write(context, 'createCountry', 'EDITOR', async (writer) => {
        const { name, ...rest } = parseInput(createSchema, input);
        return withQuery(
          writer,
          'Country',
          query,
          writer.create('Country', { ...named(name), ...rest }),
        );
      }),
  }),
);

builder.mutationField('updateCountry', (t) =>
  t.prismaField({
    type: 'Country',
    errors: { dataField: { name: 'country' } },
    args: { input: t.arg({ type: UpdateCountryInput, required: true }) },
    resolve: (query, _root, { input: { id, version, ...input } }, context) =>
      write(context, 'updateCountry', 'EDITOR', async (writer) => {
        const { id: rowIdValue } = rowId(id, ['Country'], ['input', 'id']);
        const { name, ...rest } = parseInput(updateSchema, defined(input));
        return withQuery(
          writer,
          'Country',
          query,
          writer.update(
            'Country',
            rowIdValue,
            { ...(name === undefined ? {} : named(name)), ...rest },
            { expectedVersion: version, path: ['input', 'id'] },
          ),
        );
      }),
  }),
);

builder.mutationField('deleteCountry', (t) =>
  t.id({
    errors: { dataField: { name: 'deletedId' } },
    description: 'Deletes the country; people, organizations and meetings keep their rows.',
    args: { input: t.arg({ type: VersionedInput, required: true }) },
    resolve: (_root, { input }, context) =>
      write(context, 'deleteCountry', 'EDITOR', async (writer) => {
        const { id } = await existing(writer, input.id, ['Country'], ['input', 'id']);
        await writer.delete('Country', id, { expectedVersion: input.version });
        return input.id;
      }),
  }),
);
