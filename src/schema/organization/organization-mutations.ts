import { z } from 'zod';
import { PossibleDuplicatesError } from '../../ingest/import-article.js';
import { builder } from '../builder.js';
import { countryColumn, VersionedInput } from '../person/person-mutations.js';
import { checkDuplicates, DuplicatePolicyEnum } from '../shared/duplicates.js';
import { ConflictError } from '../shared/errors.js';
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

builder.prismaObjectField('Organization', 'version', (t) =>
  t.exposeInt('version', { description: 'Pass it back to update or delete (optimistic locking).' }),
);

const organizationSchema = z.object({ name: nameField, description: descriptionField });

const CreateOrganizationInput = builder.inputType('CreateOrganizationInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    duplicates: t.field({
      type: DuplicatePolicyEnum,
      defaultValue: 'REFUSE',
      description:
        "When the name is close to a stored organization's: refuse (the default), return that organization, or create anyway.",
    }),
    description: t.string(),
    country: t.id(),
  }),
});

const UpdateOrganizationInput = builder.inputType('UpdateOrganizationInput', {
  description: 'Omitted fields keep their value; null clears description and country.',
  fields: (t) => ({
    id: t.id({ required: true }),
    version: t.int({ required: true }),
    name: t.string(),
    description: t.string(),
    country: t.id(),
  }),
});

builder.mutationField('createOrganization', (t) =>
  t.prismaField({
    type: 'Organization',
    errors: { dataField: { name: 'organization' }, types: [PossibleDuplicatesError] },
    args: { input: t.arg({ type: CreateOrganizationInput, required: true }) },
    resolve: (query, _root, { input }, context) =>
      write(context, 'createOrganization', 'EDITOR', async (writer) => {
        const { name, description } = parseInput(organizationSchema, {
          name: input.name,
          description: input.description,
        });
        const match = await checkDuplicates(
          writer,
          'Organization',
          name,
          input.duplicates ?? 'REFUSE',
          ['input', 'name'],
        );
        if (match) return withQuery(writer, 'Organization', query, { id: match.id });
        const country = await countryColumn(writer, input.country, ['input', 'country']);
        return withQuery(
          writer,
          'Organization',
          query,
          writer.create('Organization', { ...named(name), description, ...country }),
        );
      }),
  }),
);

builder.mutationField('updateOrganization', (t) =>
  t.prismaField({
    type: 'Organization',
    errors: { dataField: { name: 'organization' } },
    args: { input: t.arg({ type: UpdateOrganizationInput, required: true }) },
    resolve: (query, _root, { input: { id, version, country, ...input } }, context) =>
      write(context, 'updateOrganization', 'EDITOR', async (writer) => {
        const organization = rowId(id, ['Organization'], ['input', 'id']);
        const { name, description } = parseInput(organizationSchema.partial(), defined(input));
        return withQuery(
          writer,
          'Organization',
          query,
          writer.update(
            'Organization',
            organization.id,
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

builder.mutationField('deleteOrganization', (t) =>
  t.id({
    errors: { dataField: { name: 'deletedId' } },
    description:
      'Deletes an organization with its aliases and links; refused while it is the speaker of statements.',
    args: { input: t.arg({ type: VersionedInput, required: true }) },
    resolve: (_root, { input }, context) =>
      write(context, 'deleteOrganization', 'EDITOR', async (writer) => {
        const { id } = await existing(writer, input.id, ['Organization'], ['input', 'id']);
        const spoken = await writer.tx.statement.count({ where: { speakerOrganizationId: id } });
        if (spoken > 0) {
          throw new ConflictError(`the organization is the speaker of ${spoken} statements`);
        }
        const target = { type: 'Organization', id };
        for (const model of ['Alias', 'ExternalId', 'StatementSubject'] as const) {
          await writer.deleteWhere(model, { organizationId: id }, target);
        }
        for (const role of await writer.tx.role.findMany({ where: { organizationId: id } })) {
          await writer.update('Role', role.id, { organizationId: null });
        }
        await writer.delete('Organization', id, { expectedVersion: input.version });
        return input.id;
      }),
  }),
);
