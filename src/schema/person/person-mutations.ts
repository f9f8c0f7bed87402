import { z } from 'zod';
import { PossibleDuplicatesError } from '../../ingest/import-article.js';
import { builder } from '../builder.js';
import { checkDuplicates, DuplicatePolicyEnum } from '../shared/duplicates.js';
import { ConflictError, invalid } from '../shared/errors.js';
import {
  checkOrder,
  dateColumns,
  defined,
  descriptionField,
  existing,
  named,
  nameField,
  parseInput,
  partialDateField,
  rowId,
  withQuery,
  write,
} from '../shared/write.js';

for (const type of ['Person', 'Role'] as const) {
  builder.prismaObjectField(type, 'version', (t) =>
    t.exposeInt('version', {
      description: 'Pass it back to update or delete (optimistic locking).',
    }),
  );
}

const personSchema = z.object({ name: nameField, description: descriptionField });

const CreatePersonInput = builder.inputType('CreatePersonInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    duplicates: t.field({
      type: DuplicatePolicyEnum,
      defaultValue: 'REFUSE',
      description:
        "When the name is close to a stored person's: refuse (the default), return that person, or create anyway.",
    }),
    description: t.string(),
    country: t.id({ description: 'The ID of the country of nationality.' }),
  }),
});

const UpdatePersonInput = builder.inputType('UpdatePersonInput', {
  description: 'Omitted fields keep their value; null clears description and country.',
  fields: (t) => ({
    id: t.id({ required: true }),
    version: t.int({ required: true, description: 'The version you read.' }),
    name: t.string(),
    description: t.string(),
    country: t.id(),
  }),
});

export const VersionedInput = builder.inputType('VersionedInput', {
  description: 'A row to delete, at the version you read.',
  fields: (t) => ({ id: t.id({ required: true }), version: t.int({ required: true }) }),
});

/** The countryId column for an optional country ID (undefined leaves it alone). */
export async function countryColumn(
  writer: Parameters<Parameters<typeof write>[3]>[0],
  country: string | null | undefined,
  path: string[],
) {
  if (country === undefined) return {};
  if (country === null) return { countryId: null };
  return { countryId: (await existing(writer, country, ['Country'], path)).id };
}

builder.mutationField('createPerson', (t) =>
  t.prismaField({
    type: 'Person',
    errors: { dataField: { name: 'person' }, types: [PossibleDuplicatesError] },
    args: { input: t.arg({ type: CreatePersonInput, required: true }) },
    resolve: (query, _root, { input }, context) =>
      write(context, 'createPerson', 'EDITOR', async (writer) => {
        const { name, description } = parseInput(personSchema, {
          name: input.name,
          description: input.description,
        });
        const match = await checkDuplicates(writer, 'Person', name, input.duplicates ?? 'REFUSE', [
          'input',
          'name',
        ]);
        if (match) return withQuery(writer, 'Person', query, { id: match.id });
        const country = await countryColumn(writer, input.country, ['input', 'country']);
        return withQuery(
          writer,
          'Person',
          query,
          writer.create('Person', { ...named(name), description, ...country }),
        );
      }),
  }),
);

builder.mutationField('updatePerson', (t) =>
  t.prismaField({
    type: 'Person',
    errors: { dataField: { name: 'person' } },
    args: { input: t.arg({ type: UpdatePersonInput, required: true }) },
    resolve: (query, _root, { input: { id, version, country, ...input } }, context) =>
      write(context, 'updatePerson', 'EDITOR', async (writer) => {
        const person = rowId(id, ['Person'], ['input', 'id']);
        const { name, description } = parseInput(personSchema.partial(), defined(input));
        return withQuery(
          writer,
          'Person',
          query,
          writer.update(
            'Person',
            person.id,
            {
              ...(name === undefined ? {} : named(name)),
              ...defined({ description }),
              ...(await countryColumn(writer, country, ['input', 'country'])),
            },
            { expectedVersion: version, path: ['input', 'id'] },
          ),
        );
      }),
  }),
);

builder.mutationField('deletePerson', (t) =>
  t.id({
    errors: { dataField: { name: 'deletedId' } },
    description:
      'Deletes a person with their aliases, roles and links; refused while they are the speaker of statements (delete those or merge the person instead).',
    args: { input: t.arg({ type: VersionedInput, required: true }) },
    resolve: (_root, { input }, context) =>
      write(context, 'deletePerson', 'EDITOR', async (writer) => {
        const { id } = await existing(writer, input.id, ['Person'], ['input', 'id']);
        const spoken = await writer.tx.statement.count({ where: { speakerPersonId: id } });
        if (spoken > 0) {
          throw new ConflictError(`the person is the speaker of ${spoken} statements`);
        }
        const target = { type: 'Person', id };
        for (const model of [
          'Alias',
          'ExternalId',
          'Role',
          'StatementSubject',
          'MeetingParticipant',
        ] as const) {
          await writer.deleteWhere(model, { personId: id }, target);
        }
        await writer.delete('Person', id, { expectedVersion: input.version });
        return input.id;
      }),
  }),
);

const roleSchema = z.object({
  title: nameField,
  start: partialDateField,
  end: partialDateField,
});

const CreateRoleInput = builder.inputType('CreateRoleInput', {
  fields: (t) => ({
    person: t.id({ required: true }),
    title: t.string({ required: true, description: 'E.g. "Foreign Minister".' }),
    country: t.id(),
    organization: t.id(),
    start: t.string({ description: '"2025", "2025-01" or "2025-01-20".' }),
    end: t.string({ description: 'As precise as known; omit while the role is held.' }),
  }),
});

const UpdateRoleInput = builder.inputType('UpdateRoleInput', {
  description: 'Omitted fields keep their value; null clears country, organization and dates.',
  fields: (t) => ({
    id: t.id({ required: true }),
    version: t.int({ required: true }),
    title: t.string(),
    country: t.id(),
    organization: t.id(),
    start: t.string(),
    end: t.string(),
  }),
});

type RoleLinks = { country?: string | null; organization?: string | null };

async function roleLinks(writer: Parameters<typeof countryColumn>[0], input: RoleLinks) {
  const organizationId =
    input.organization === undefined
      ? {}
      : {
          organizationId:
            input.organization === null
              ? null
              : (
                  await existing(
                    writer,
                    input.organization,
                    ['Organization'],
                    ['input', 'organization'],
                  )
                ).id,
        };
  return {
    ...(await countryColumn(writer, input.country, ['input', 'country'])),
    ...organizationId,
  };
}

builder.mutationField('createRole', (t) =>
  t.prismaField({
    type: 'Role',
    errors: { dataField: { name: 'role' } },
    args: { input: t.arg({ type: CreateRoleInput, required: true }) },
    resolve: (query, _root, { input }, context) =>
      write(context, 'createRole', 'EDITOR', async (writer) => {
        const { title, start, end } = parseInput(roleSchema, input);
        checkOrder(start, end, ['input', 'end']);
        const person = await existing(writer, input.person, ['Person'], ['input', 'person']);
        const links = await roleLinks(writer, input);
        if (!links.countryId && !links.organizationId) {
          throw invalid(['input', 'country'], 'a role needs a country, an organization or both');
        }
        return withQuery(
          writer,
          'Role',
          query,
          writer.create('Role', {
            personId: person.id,
            title,
            ...links,
            ...dateColumns(start, 'startDate', 'startPrecision'),
            ...dateColumns(end, 'endDate', 'endPrecision'),
          }),
        );
      }),
  }),
);

builder.mutationField('updateRole', (t) =>
  t.prismaField({
    type: 'Role',
    errors: { dataField: { name: 'role' } },
    args: { input: t.arg({ type: UpdateRoleInput, required: true }) },
    resolve: (query, _root, { input: { id, version, country, organization, ...input } }, context) =>
      write(context, 'updateRole', 'EDITOR', async (writer) => {
        const role = await existing(writer, id, ['Role'], ['input', 'id']);
        const { title, start, end } = parseInput(roleSchema.partial(), defined(input));
        const current = role.row;
        const text = (date: Date | null) => date?.toISOString().slice(0, 10);
        checkOrder(
          start === undefined ? text(current.startDate) : start,
          end === undefined ? text(current.endDate) : end,
          ['input', 'end'],
        );
        const links = await roleLinks(writer, { country, organization });
        const merged = { ...role.row, ...links };
        if (!merged.countryId && !merged.organizationId) {
          throw invalid(['input', 'country'], 'a role needs a country, an organization or both');
        }
        return withQuery(
          writer,
          'Role',
          query,
          writer.update(
            'Role',
            role.id,
            {
              ...defined({ title }),
              ...links,
              ...dateColumns(start, 'startDate', 'startPrecision'),
              ...dateColumns(end, 'endDate', 'endPrecision'),
            },
            { expectedVersion: version, path: ['input', 'id'] },
          ),
        );
      }),
  }),
);

builder.mutationField('deleteRole', (t) =>
  t.id({
    errors: { dataField: { name: 'deletedId' } },
    args: { input: t.arg({ type: VersionedInput, required: true }) },
    resolve: (_root, { input }, context) =>
      write(context, 'deleteRole', 'EDITOR', async (writer) => {
        const { id } = await existing(writer, input.id, ['Role'], ['input', 'id']);
        await writer.delete('Role', id, { expectedVersion: input.version });
        return input.id;
      }),
  }),
);
