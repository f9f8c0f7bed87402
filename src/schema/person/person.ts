import type { Prisma } from '../../../prisma/generated/sqlite/client/client.js';
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
import { PartialDateRef, partialDate } from '../shared/partial-date.js';

/** Earliest start first, unknown starts last. */
export const roleOrder = [
  { startDate: { sort: 'asc', nulls: 'last' } },
  { id: 'asc' },
] satisfies Prisma.RoleOrderByWithRelationInput[];

/** The roles without a known end. */
export const currentRoles = {
  where: { endDate: null },
  orderBy: roleOrder,
  take: listCaps.currentRoles,
};

export const Person = builder.prismaNode('Person', {
  id: { field: 'id' },
  select: { id: true },
  nullable: true,
  interfaces: [Entity],
  description: 'A person, named or not (an unnamed official is still a person, described as such).',
  fields: (t) => ({
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    aliases: t.field({
      type: ['String'],
      description: 'Other names and spellings, e.g. "Zelensky" for Volodymyr Zelenskyy.',
      select: {
        aliases: { select: { name: true }, orderBy: { id: 'asc' }, take: listCaps.aliases },
      },
      resolve: (person) => person.aliases.map((alias) => alias.name),
    }),
    externalIds: t.relation('externalIds', {
      type: ExternalIdRef,
      query: { orderBy: { id: 'asc' }, take: listCaps.externalIds },
    }),
    country: t.relation('country', { nullable: true, description: 'Nationality.' }),
    roles: t.relatedConnection('roles', {
      cursor: 'id',
      totalCount: true,
      description: 'Positions held, earliest start first (unknown starts last).',
      query: { orderBy: roleOrder },
    }),
    currentRoles: t.relation('roles', {
      description: 'Positions held now: the roles without a known end, earliest start first.',
      query: currentRoles,
    }),
    recordedAt: t.expose('recordedAt', {
      type: 'DateTime',
      description: 'When this person was recorded in the base.',
    }),
  }),
});

export const Role = builder.prismaNode('Role', {
  id: { field: 'id' },
  select: { id: true },
  nullable: true,
  description: 'A position a person holds for a country and/or an organization, over time.',
  fields: (t) => ({
    title: t.exposeString('title', { description: 'E.g. "Foreign Minister".' }),
    person: t.relation('person'),
    country: t.relation('country', { nullable: true }),
    organization: t.relation('organization', { nullable: true }),
    start: t.field({
      type: PartialDateRef,
      nullable: true,
      select: { startDate: true, startPrecision: true },
      resolve: (role) => partialDate(role.startDate, role.startPrecision),
    }),
    end: t.field({
      type: PartialDateRef,
      nullable: true,
      description: 'Null while the role is held or when its end is unknown.',
      select: { endDate: true, endPrecision: true },
      resolve: (role) => partialDate(role.endDate, role.endPrecision),
    }),
  }),
});

interface PersonFilterValue extends Combinable<PersonFilterValue> {
  name?: string | null;
  country?: string | null;
}

const PersonFilter = builder.inputRef<PersonFilterValue>('PersonFilter').implement({
  description: 'Conditions; all given fields must hold. Combine with AND, OR, NOT.',
  fields: (t) => ({
    name: t.string({
      required: false,
      description: 'Part of the name or of an alias; case and accents are ignored.',
    }),
    country: t.id({ required: false, description: 'The ID of the country of nationality.' }),
    AND: t.field({ type: [PersonFilter], required: false }),
    OR: t.field({ type: [PersonFilter], required: false }),
    NOT: t.field({ type: PersonFilter, required: false }),
  }),
});

function personWhere(filter: PersonFilterValue | null | undefined) {
  return combine(filter, (level, path) => [
    nameMatches(level.name, `${path}.name`) ?? {},
    level.country ? { countryId: decodeId(level.country, ['Country'], `${path}.country`).id } : {},
  ]);
}

builder.queryField('people', (t) =>
  t.prismaConnection({
    type: 'Person',
    cursor: 'id',
    description: 'People, in the order they were recorded.',
    args: {
      filter: t.arg({ type: PersonFilter, required: false }),
      orderBy: t.arg({ type: EntityOrderEnum, required: false }),
    },
    resolve: (query, _parent, { filter, orderBy }) =>
      db().person.findMany({
        ...query,
        where: personWhere(filter),
        orderBy: entityOrderBy(orderBy),
      }),
    totalCount: (_parent, { filter }) => db().person.count({ where: personWhere(filter) }),
  }),
);
