import type { Model, Writer } from '../../audit/writer.js';
import { builder } from '../builder.js';
import { Entity, typed } from './entity.js';
import { invalid } from './errors.js';
import { existing, named, write } from './write.js';

type EntityType = 'Person' | 'Country' | 'Organization';

// Where each kind of entity is referenced: [model, column, the column that must stay unique
// together with it (a link the survivor already has is dropped, not duplicated)].
const references: Record<EntityType, [Model, string, string?][]> = {
  Person: [
    ['Alias', 'personId', 'normalizedName'],
    ['ExternalId', 'personId'],
    ['Role', 'personId'],
    ['Statement', 'speakerPersonId'],
    ['StatementSubject', 'personId', 'statementId'],
    ['MeetingParticipant', 'personId', 'meetingId'],
  ],
  Organization: [
    ['Alias', 'organizationId', 'normalizedName'],
    ['ExternalId', 'organizationId'],
    ['Role', 'organizationId'],
    ['Statement', 'speakerOrganizationId'],
    ['StatementSubject', 'organizationId', 'statementId'],
  ],
  Country: [
    ['Alias', 'countryId', 'normalizedName'],
    ['ExternalId', 'countryId'],
    ['Person', 'countryId'],
    ['Organization', 'countryId'],
    ['Role', 'countryId'],
    ['Meeting', 'countryId'],
    ['StatementSubject', 'countryId', 'statementId'],
  ],
};

const ownerColumn = { Person: 'personId', Country: 'countryId', Organization: 'organizationId' };

/**
 * Moves everything that refers to the duplicate over to the survivor, keeps the duplicate's
 * names as aliases and its missing details, deletes it and leaves a redirect behind.
 */
async function merge(writer: Writer, type: EntityType, survivorId: number, duplicateId: number) {
  for (const [model, column, uniqueWith] of references[type]) {
    const rows = await writer.delegate(model).findMany({
      where: { [column]: duplicateId },
      orderBy: { id: 'asc' },
    });
    for (const row of rows) {
      const clash =
        uniqueWith &&
        (
          await writer.delegate(model).findMany({
            where: { [column]: survivorId, [uniqueWith]: row[uniqueWith] },
          })
        ).length > 0;
      if (clash) await writer.delete(model, row.id);
      else await writer.update(model, row.id, { [column]: survivorId });
    }
  }
  const survivor = await writer.find(type, survivorId);
  const duplicate = await writer.find(type, duplicateId);
  const name = named(String(duplicate.name));
  const known = await writer.tx.alias.count({
    where: { [ownerColumn[type]]: survivorId, normalizedName: name.normalizedName },
  });
  if (known === 0 && survivor.normalizedName !== name.normalizedName) {
    await writer.create('Alias', { ...name, [ownerColumn[type]]: survivorId });
  }
  const details = ['description', 'countryId'].filter(
    (column) => column in survivor && survivor[column] == null && duplicate[column] != null,
  );
  if (details.length > 0) {
    await writer.update(
      type,
      survivorId,
      Object.fromEntries(details.map((column) => [column, duplicate[column]])),
    );
  }
  await writer.delete(type, duplicateId);
  for (const earlier of await writer.tx.redirect.findMany({
    where: { entityType: type, toId: duplicateId },
  })) {
    await writer.update('Redirect', earlier.id, { toId: survivorId });
  }
  await writer.create('Redirect', { entityType: type, fromId: duplicateId, toId: survivorId });
}

const MergeInput = builder.inputType('MergeEntitiesInput', {
  fields: (t) => ({
    survivor: t.id({ required: true, description: 'The entity that stays.' }),
    duplicate: t.id({
      required: true,
      description: 'The same entity recorded twice: merged into the survivor, then deleted.',
    }),
  }),
});

builder.mutationField('mergeEntities', (t) =>
  t.field({
    type: Entity,
    errors: { dataField: { name: 'survivor' } },
    description:
      'Admin only. Merges two records of one person, country or organization: links move to the survivor, the other name becomes an alias, the old ID redirects. Undo with undoOperation.',
    args: { input: t.arg({ type: MergeInput, required: true }) },
    resolve: (_root, { input }, context) =>
      write(context, 'mergeEntities', 'ADMIN', async (writer) => {
        const types = ['Person', 'Country', 'Organization'] as const;
        const survivor = await existing(writer, input.survivor, types, ['input', 'survivor']);
        const duplicate = await existing(writer, input.duplicate, types, ['input', 'duplicate']);
        if (survivor.type !== duplicate.type) {
          throw invalid(
            ['input', 'duplicate'],
            `is a ${duplicate.type}, the survivor a ${survivor.type}`,
          );
        }
        if (survivor.id === duplicate.id) {
          throw invalid(['input', 'duplicate'], 'is the survivor itself');
        }
        await merge(writer, survivor.type, survivor.id, duplicate.id);
        return typed(await writer.find(survivor.type, survivor.id), survivor.type);
      }),
  }),
);
