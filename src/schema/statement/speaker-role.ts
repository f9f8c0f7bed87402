// "Statements by sitting foreign ministers": the speaker held a matching role on the statement's
// date. Prisma cannot compare a statement's date with its speaker's role periods, so the matching
// roles are read first (few) and become one date condition each.
import type { Prisma } from '../../../prisma/generated/sqlite/client/client.js';
import { db } from '../../db/client.js';
import { lastDayOf } from '../../shared/partial-date.js';
import { builder } from '../builder.js';
import { badInput } from '../shared/errors.js';
import { decodeId } from '../shared/ids.js';
import { overlapsRange, partialDate } from '../shared/partial-date.js';

export const SpeakerRoleFilter = builder.inputType('SpeakerRoleFilter', {
  description:
    "A role the speaker held when the statement was made (its period overlaps the statement's date; an undated statement matches roles without a known end).",
  fields: (t) => ({
    titles: t.stringList({ required: false, description: 'Any of these exact titles.' }),
    country: t.id({ required: false, description: 'A role for this country.' }),
    organization: t.id({ required: false, description: 'A role in this organization.' }),
  }),
});

const maxRoles = 500;

export async function speakerRoleWhere(
  filter: typeof SpeakerRoleFilter.$inferInput | null | undefined,
): Promise<Prisma.StatementWhereInput> {
  if (!filter) return {};
  if (!filter.titles?.length && !filter.country && !filter.organization) {
    throw badInput('speakerRole', 'needs titles, a country or an organization');
  }
  const roles = await db().role.findMany({
    where: {
      ...(filter.titles?.length ? { title: { in: filter.titles } } : {}),
      ...(filter.country
        ? { countryId: decodeId(filter.country, ['Country'], 'speakerRole.country').id }
        : {}),
      ...(filter.organization
        ? {
            organizationId: decodeId(
              filter.organization,
              ['Organization'],
              'speakerRole.organization',
            ).id,
          }
        : {}),
    },
    orderBy: { id: 'asc' },
    take: maxRoles + 1,
  });
  if (roles.length > maxRoles) {
    throw badInput('speakerRole', `matches more than ${maxRoles} roles: narrow it`);
  }
  // Prisma reads `OR: []` as no condition at all: no matching role must match no statement.
  if (roles.length === 0) return { id: { in: [] } };
  return {
    OR: roles.map((role) => {
      const start = partialDate(role.startDate, role.startPrecision);
      const end = partialDate(role.endDate, role.endPrecision);
      const range = { from: start?.date ?? null, to: end ? lastDayOf(end) : null };
      const dated = overlapsRange(range, 'occurredOn', 'occurredPrecision', 'speakerRole');
      return {
        speakerPersonId: role.personId,
        ...(end
          ? { AND: [{ occurredOn: { not: null } }, dated ?? {}] }
          : dated
            ? { OR: [{ occurredOn: null }, dated] }
            : {}),
      };
    }),
  };
}
