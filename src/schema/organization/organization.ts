import { db } from '../../db/client.js';
import { listCaps } from '../../shared/list-caps.js';
import { builder } from '../builder.js';
import {
  Entity,
  EntityOrderEnum,
  ExternalIdRef,
  entityOrderBy,
  nameMatches,
} from '../shared/entity.js';
import { type Combinable, combine } from '../shared/filter-logic.js';
import { decodeId } from '../shared/ids.js';

export const Organization = builder.prismaNode('Organization', {
  id: { field: 'id' },
  select: { id: true },
  nullable: true,
  interfaces: [Entity],
  description: 'A government body, agency, company or other organization.',
  fields: (t) => ({
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    aliases: t.field({
      type: ['String'],
      select: {
        aliases: { select: { name: true }, orderBy: { id: 'asc' }, take: listCaps.aliases },
      },
      resolve: (organization) => organization.aliases.map((alias) => alias.name),
    }),
    externalIds: t.relation('externalIds', {
      type: ExternalIdRef,
      query: { orderBy: { id: 'asc' }, take: listCaps.externalIds },
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

interface OrganizationFilterValue extends Combinable<OrganizationFilterValue> {
  name?: string | null;
  country?: string | null;
}

const OrganizationFilter = builder
  .inputRef<OrganizationFilterValue>('OrganizationFilter')
  .implement({
    description: 'Conditions; all given fields must hold. Combine with AND, OR, NOT.',
    fields: (t) => ({
      name: t.string({
        required: false,
        description: 'Part of the name or of an alias; case and accents are ignored.',
      }),
      country: t.id({ required: false, description: "The ID of the organization's country." }),
      AND: t.field({ type: [OrganizationFilter], required: false }),
      OR: t.field({ type: [OrganizationFilter], required: false }),
      NOT: t.field({ type: OrganizationFilter, required: false }),
    }),
  });

function organizationWhere(filter: OrganizationFilterValue | null | undefined) {
  return combine(filter, (level, path) => [
    nameMatches(level.name, `${path}.name`) ?? {},
    level.country ? { countryId: decodeId(level.country, ['Country'], `${path}.country`).id } : {},
  ]);
}

builder.queryField('organizations', (t) =>
  t.prismaConnection({
    type: 'Organization',
    cursor: 'id',
    args: {
      filter: t.arg({ type: OrganizationFilter, required: false }),
      orderBy: t.arg({ type: EntityOrderEnum, required: false }),
    },
    resolve: (query, _parent, { filter, orderBy }) =>
      db().organization.findMany({
        ...query,
        where: organizationWhere(filter),
        orderBy: entityOrderBy(orderBy),
      }),
    totalCount: (_parent, { filter }) =>
      db().organization.count({ where: organizationWhere(filter) }),
  }),
);
