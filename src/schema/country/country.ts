import { db } from '../../db/client.js';
import { listCaps } from '../../shared/list-caps.js';
import { builder } from '../builder.js';
import { Entity, ExternalIdRef, nameMatches } from '../shared/entity.js';

export const Country = builder.prismaNode('Country', {
  id: { field: 'id' },
  select: { id: true },
  nullable: true,
  interfaces: [Entity],
  fields: (t) => ({
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    isoCode: t.exposeString('iso2', { description: 'ISO 3166-1 alpha-2 code, e.g. "CN".' }),
    isoCode3: t.exposeString('iso3', { description: 'ISO 3166-1 alpha-3 code, e.g. "CHN".' }),
    aliases: t.field({
      type: ['String'],
      description: 'Other names, including metonyms such as "Beijing" for China\'s government.',
      select: {
        aliases: { select: { name: true }, orderBy: { id: 'asc' }, take: listCaps.aliases },
      },
      resolve: (country) => country.aliases.map((alias) => alias.name),
    }),
    externalIds: t.relation('externalIds', {
      type: ExternalIdRef,
      query: { orderBy: { id: 'asc' }, take: listCaps.externalIds },
    }),
    people: t.relatedConnection('people', {
      cursor: 'id',
      totalCount: true,
      description: 'People of this nationality.',
      query: { orderBy: { id: 'asc' } },
    }),
    organizations: t.relatedConnection('organizations', {
      cursor: 'id',
      totalCount: true,
      query: { orderBy: { id: 'asc' } },
    }),
    roles: t.relatedConnection('roles', {
      cursor: 'id',
      totalCount: true,
      description: 'Positions held for this country, e.g. its president or foreign minister.',
      query: { orderBy: { id: 'asc' } },
    }),
    recordedAt: t.expose('recordedAt', { type: 'DateTime' }),
  }),
});

const CountryFilter = builder.inputType('CountryFilter', {
  fields: (t) => ({
    name: t.string({
      required: false,
      description: 'Part of the name or of an alias; case and accents are ignored.',
    }),
    isoCode: t.string({ required: false, description: 'ISO 3166-1 alpha-2 or alpha-3 code.' }),
  }),
});

function countryWhere(
  filter: { name?: string | null; isoCode?: string | null } | null | undefined,
) {
  const code = filter?.isoCode?.toUpperCase();
  return {
    AND: [
      nameMatches(filter?.name, 'filter.name') ?? {},
      code ? { OR: [{ iso2: code }, { iso3: code }] } : {},
    ],
  };
}

builder.queryField('countries', (t) =>
  t.prismaConnection({
    type: 'Country',
    cursor: 'id',
    description: 'Countries, in alphabetical order.',
    args: { filter: t.arg({ type: CountryFilter, required: false }) },
    resolve: (query, _parent, { filter }) =>
      db().country.findMany({
        ...query,
        where: countryWhere(filter),
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
      }),
    totalCount: (_parent, { filter }) => db().country.count({ where: countryWhere(filter) }),
  }),
);
