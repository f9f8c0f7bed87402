import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin, { decodeGlobalID } from '@pothos/plugin-relay';
import type PrismaTypes from '../../prisma/generated/sqlite/pothos-types.js';
import { getDatamodel } from '../../prisma/generated/sqlite/pothos-types.js';
import type { Context } from '../context.js';
import { db } from '../db/client.js';
import { defaultPageSize, maxPageSize } from './page-size.js';
import { auditReaders } from './shared/audit-readers.js';
import {
  AuthorizationError,
  badInput,
  ConflictError,
  NotFoundError,
  requireRole,
  ValidationError,
} from './shared/errors.js';
import { nodeTypes, rowIdOf } from './shared/ids.js';
import { redirectOf } from './shared/redirects.js';

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Scalars: {
    Date: { Input: Date; Output: Date };
    DateTime: { Input: Date; Output: Date };
    JSON: { Input: unknown; Output: unknown };
  };
  Connection: { totalCount: number | (() => number | Promise<number>) };
}>({
  plugins: [ErrorsPlugin, RelayPlugin, PrismaPlugin],
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    firstArgOptions: {
      description: `The first this many (1 to ${maxPageSize}); without first or last, the first ${defaultPageSize}.`,
    },
    lastArgOptions: {
      description: `The last this many (1 to ${maxPageSize}); not together with first.`,
    },
    afterArgOptions: { description: 'Continue after this cursor (an endCursor of a page).' },
    beforeArgOptions: { description: 'Continue before this cursor (a startCursor of a page).' },
    cursorType: 'String',
    edgesFieldOptions: {
      nullable: false,
      description: 'The items on this page, each with its cursor.',
    },
    nodeFieldOptions: { nullable: false, description: 'The item itself.' },
    cursorFieldOptions: { description: 'Where this item stands, to pass as after or before.' },
    pageInfoFieldOptions: { description: 'Where this page stands in the whole connection.' },
    pageInfoTypeOptions: { description: 'Where a page stands in its connection, and its cursors.' },
    hasNextPageFieldOptions: { description: 'Whether more items follow this page.' },
    hasPreviousPageFieldOptions: { description: 'Whether more items come before this page.' },
    startCursorFieldOptions: {
      description: 'The cursor of the first item on this page; null on an empty page.',
    },
    endCursorFieldOptions: {
      description: 'The cursor of the last item on this page; null on an empty page.',
    },
    nodeTypeOptions: { description: 'Anything that can be fetched by its global ID.' },
    defaultConnectionTypeOptions: {
      description: 'A page of items, with the cursors to fetch the next or previous page.',
    },
    defaultEdgeTypeOptions: { description: 'One item on a page, with its cursor.' },
    defaultPayloadTypeOptions: { description: 'What a mutation returns.' },
    defaultMutationInputTypeOptions: { description: 'The input of a mutation.' },
    // An ID naming no node type is the client's mistake, not a missing implementation.
    // Pothos's resolveNode callbacks load `args.id(s)` whatever they are passed, so a redirect
    // (a merged-away ID) is followed by pointing the arguments at the survivor first.
    nodeQueryOptions: {
      description:
        'The node with this global ID (a merged-away ID leads to its survivor), or null.',
      args: { id: { description: 'A global ID.' } },
      resolve: async (_root, args, _context, _info, resolveNode) => {
        const node = await resolveNode(args.id);
        if (node != null) return node;
        const target = await redirectOf(args.id);
        if (!target) return null;
        args.id = target;
        return resolveNode(target);
      },
    },
    nodesQueryOptions: {
      description: 'The nodes with these global IDs, in the same order; null where none exists.',
      args: { ids: { description: 'Global IDs.' } },
      resolve: async (_root, args, _context, _info, resolveNodes) => {
        args.ids = await Promise.all(args.ids.map(async (id) => (await redirectOf(id)) ?? id));
        return resolveNodes(args.ids);
      },
    },
    decodeGlobalID: (globalID, context) => {
      const decoded = decodeGlobalID(globalID);
      if (!nodeTypes.has(decoded.typename) || rowIdOf(decoded.id) === undefined) {
        throw badInput('id', `"${globalID}" is not a valid ID`);
      }
      if (decoded.typename === 'Change')
        requireRole(context.viewer, auditReaders, 'the audit trail');
      return decoded;
    },
  },
  errors: {
    defaultTypes: [AuthorizationError, ValidationError, NotFoundError, ConflictError],
    defaultResultOptions: {
      name: ({ fieldName }) => `${capitalize(fieldName)}Success`,
      description: 'The outcome of a field that succeeded; its value is in data.',
    },
    defaultUnionOptions: {
      name: ({ fieldName }) => `${capitalize(fieldName)}Result`,
      description: 'Either the success of a field or the error that stopped it.',
    },
  },
  prisma: {
    client: () => db(),
    dmmf: getDatamodel(),
    exposeDescriptions: true,
    filterConnectionTotalCount: true,
    defaultConnectionSize: defaultPageSize,
    maxConnectionSize: maxPageSize,
    // A forgotten `...query` silently turns nested selections into extra queries.
    onUnusedQuery: process.env.NODE_ENV === 'production' ? null : 'error',
  },
});

builder.queryType({});
builder.mutationType({});

builder.globalConnectionField('totalCount', (t) =>
  t.int({
    description: 'The number of items in the whole connection, not only this page.',
    resolve: (parent) =>
      typeof parent.totalCount === 'function' ? parent.totalCount() : parent.totalCount,
  }),
);

function capitalize(name: string) {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
