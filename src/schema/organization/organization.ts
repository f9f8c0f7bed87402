import { db } from '../../db/client.js';
import { builder } from '../builder.js';
import { Entity, ExternalIdRef, nameMatches } from '../shared/entity.js';
import { decodeId } from '../shared/ids.js';

export const Organization = builder.prismaNode('Organization', {
  id: { field: 'id' },
  nullable: true,
  interfaces: [Entity],
  description: 'A government body, agency, company or other organization.',
  fields: (t) => ({
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    aliases: t.field({
      type: ['String'],
      select: { aliases: { select: { name: true }, orderBy: { id: 'asc' } } },
      resolve: (organization) => organization.aliases.map((alias) => alias.name),
    }),
    externalIds: t.relation('externalIds', {
      type: ExternalIdRef,
      query: { orderBy: { id: 'asc' } },
    }),
    country: t.relation('country', { nullable: true }),
    roles: t.relatedConnection('roles', {
      cursor: 'id',
      totalCount: true,
      description: 'Positions held in this organization, e.g. its spokespeople.',
      query: { orderBy: { id: 'asc' } },
    }),
    recordedAt: t.expose('recordedAt', { type: 'DateTime' }),
  }),
});

const OrganizationFilter = builder.inputType('OrganizationFilter', {
  fields: (t) => ({
    name: t.string({
      required: false,
      description: 'Part of the name or of an alias; case and accents are ignored.',
    }),
    country: t.id({ required: false, description: "The ID of the organization's country." }),
  }),
});

function organizationWhere(
  filter: { name?: string | null; country?: string | null } | null | undefined,
) {
  return {
    AND: [
      nameMatches(filter?.name, 'filter.name') ?? {},
      filter?.country
        ? { countryId: decodeId(filter.country, ['Country'], 'filter.country').id }
        : {},
    ],
  };
}

builder.queryField('organizations', (t) =>
  t.prismaConnection({
    type: 'Organization',
    cursor: 'id',
    args: { filter: t.arg({ type: OrganizationFilter, required: false }) },
    resolve: (query, _parent, { filter }) =>
      db().organization.findMany({
        ...query,
        where: organizationWhere(filter),
        orderBy: { id: 'asc' },
      }),
    totalCount: (_parent, { filter }) =>
      db().organization.count({ where: organizationWhere(filter) }),
  }),
);
