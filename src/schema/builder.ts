import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin, { decodeGlobalID } from '@pothos/plugin-relay';
import type PrismaTypes from '../../prisma/generated/sqlite/pothos-types.js';
import { getDatamodel } from '../../prisma/generated/sqlite/pothos-types.js';
import type { Context } from '../context.js';
import { db } from '../db/client.js';
import {
  AuthorizationError,
  badInput,
  ConflictError,
  NotFoundError,
  ValidationError,
} from './shared/errors.js';
import { rowIdOf } from './shared/ids.js';
import { redirectOf } from './shared/redirects.js';

const nodeTypes = new Set([
  'Person',
  'Country',
  'Organization',
  'Role',
  'Statement',
  'Meeting',
  'Source',
  'Attestation',
  'Change',
]);

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
    cursorType: 'String',
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
    // An ID naming no node type is the client's mistake, not a missing implementation.
    // Pothos's resolveNode callbacks load `args.id(s)` whatever they are passed, so a redirect
    // (a merged-away ID) is followed by pointing the arguments at the survivor first.
    nodeQueryOptions: {
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
      resolve: async (_root, args, _context, _info, resolveNodes) => {
        args.ids = await Promise.all(args.ids.map(async (id) => (await redirectOf(id)) ?? id));
        return resolveNodes(args.ids);
      },
    },
    decodeGlobalID: (globalID) => {
      const decoded = decodeGlobalID(globalID);
      if (!nodeTypes.has(decoded.typename) || rowIdOf(decoded.id) === undefined) {
        throw badInput('id', `"${globalID}" is not a valid ID`);
      }
      return decoded;
    },
  },
  errors: {
    defaultTypes: [AuthorizationError, ValidationError, NotFoundError, ConflictError],
    defaultResultOptions: { name: ({ fieldName }) => `${capitalize(fieldName)}Success` },
    defaultUnionOptions: { name: ({ fieldName }) => `${capitalize(fieldName)}Result` },
  },
  prisma: {
    client: () => db(),
    dmmf: getDatamodel(),
    exposeDescriptions: true,
    filterConnectionTotalCount: true,
    defaultConnectionSize: 20,
    maxConnectionSize: 100,
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
