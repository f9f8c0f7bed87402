import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { db } from '../../db/client.js';
import { builder } from '../builder.js';
import { badInput } from '../shared/errors.js';
import { rowIdOf } from '../shared/ids.js';

export const Change = builder.prismaNode('Change', {
  id: { field: 'id' },
  nullable: true,
  description:
    'One row changed by a mutation or an import: the audit trail. Changes made together share an operation.',
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime' }),
    actor: t.exposeString('actor', {
      description: 'The name of the API key used, or "system" (seed, command-line import).',
    }),
    via: t.exposeString('via', { description: 'The mutation or import, e.g. "updatePerson".' }),
    operation: t.exposeString('operation', {
      description: 'Identifies everything one mutation or import changed.',
    }),
    entity: t.id({
      description: 'The ID of the node concerned (it may have been deleted since).',
      resolve: (change) => encodeGlobalID(change.entityType, change.entityId),
    }),
    entityType: t.exposeString('entityType'),
    model: t.exposeString('model', {
      description: 'The table of the row that changed: the node itself, or a link such as Alias.',
    }),
    rowId: t.exposeInt('rowId'),
    action: t.exposeString('action', { description: 'CREATE, UPDATE or DELETE.' }),
    before: t.exposeString('before', {
      nullable: true,
      description: 'The row as JSON before the change.',
    }),
    after: t.exposeString('after', { nullable: true, description: 'The row as JSON after it.' }),
  }),
});

builder.queryField('changes', (t) =>
  t.prismaConnection({
    type: 'Change',
    cursor: 'id',
    description: 'The audit trail, oldest first: of one node (with its links) or of everything.',
    args: { entity: t.arg.id({ required: false }) },
    resolve: (query, _root, { entity }) =>
      db().change.findMany({ ...query, where: changeWhere(entity), orderBy: { id: 'asc' } }),
    totalCount: (_root, { entity }) => db().change.count({ where: changeWhere(entity) }),
  }),
);

function changeWhere(entity: string | null | undefined) {
  if (!entity) return {};
  let decoded: { typename: string; id: string } | undefined;
  try {
    decoded = decodeGlobalID(entity);
  } catch {}
  const id = decoded && rowIdOf(decoded.id);
  if (!decoded || id === undefined) {
    throw badInput('entity', `"${entity}" is not a valid ID`);
  }
  return { entityType: decoded.typename, entityId: id };
}
