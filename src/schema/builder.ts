import SchemaBuilder from '@pothos/core';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin, { decodeGlobalID } from '@pothos/plugin-relay';
import type PrismaTypes from '../../prisma/generated/sqlite/pothos-types.js';
import { getDatamodel } from '../../prisma/generated/sqlite/pothos-types.js';
import type { Context } from '../context.js';
import { db } from '../db/client.js';
import { badInput } from './shared/errors.js';

const nodeTypes = new Set([
  'Person',
  'Country',
  'Organization',
  'Role',
  'Statement',
  'Meeting',
  'Source',
  'Attestation',
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
  };
  Connection: { totalCount: number | (() => number | Promise<number>) };
}>({
  plugins: [RelayPlugin, PrismaPlugin],
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
    // An ID naming no node type is the client's mistake, not a missing implementation.
    decodeGlobalID: (globalID) => {
      const decoded = decodeGlobalID(globalID);
      if (!nodeTypes.has(decoded.typename) || !/^[1-9]\d{0,15}$/.test(decoded.id)) {
        throw badInput('id', `"${globalID}" is not a valid ID`);
      }
      return decoded;
    },
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

builder.globalConnectionField('totalCount', (t) =>
  t.int({
    description: 'The number of items in the whole connection, not only this page.',
    resolve: (parent) =>
      typeof parent.totalCount === 'function' ? parent.totalCount() : parent.totalCount,
  }),
);
