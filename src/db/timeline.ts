// An entity's timeline: statements it made, statements about it and meetings it took part in or
// hosted, as one date-ordered list. A UNION Prisma cannot express; the SQL is the same on both
// databases.
import { database } from './client.js';

export type TimelineRelation = 'SAID' | 'MENTIONED' | 'TOOK_PART' | 'HOSTED';
export type TimelineEntry = {
  kind: 'Statement' | 'Meeting';
  id: number;
  relation: TimelineRelation;
};
export type TimelineOwner = { personId?: number; countryId?: number; organizationId?: number };

/** One page of the owner's timeline (oldest first, undated last) and its length. */
export async function timelinePage(
  owner: TimelineOwner,
  page: { limit: number; offset: number },
): Promise<{ entries: TimelineEntry[]; total: number }> {
  const prisma = database().prisma;
  const person = owner.personId ?? null;
  const country = owner.countryId ?? null;
  const organization = owner.organizationId ?? null;
  const [rows, count] = await Promise.all([
    prisma.$queryRaw<
      { kind: 'Statement' | 'Meeting'; id: number | bigint; relation: TimelineRelation }[]
    >`
      SELECT t.kind, t.id, t.relation FROM (
        SELECT 'Statement' AS kind, s.id, 'SAID' AS relation, s."occurredOn" AS happened
        FROM "Statement" s
        WHERE s."speakerPersonId" = ${person} OR s."speakerOrganizationId" = ${organization}
        UNION ALL
        SELECT 'Statement', s.id, 'MENTIONED', s."occurredOn"
        FROM "StatementSubject" ss JOIN "Statement" s ON s.id = ss."statementId"
        WHERE ss."personId" = ${person} OR ss."countryId" = ${country}
          OR ss."organizationId" = ${organization}
        UNION ALL
        SELECT 'Meeting', m.id, 'TOOK_PART', m."occurredOn"
        FROM "MeetingParticipant" mp JOIN "Meeting" m ON m.id = mp."meetingId"
        WHERE mp."personId" = ${person}
        UNION ALL
        SELECT 'Meeting', m.id, 'HOSTED', m."occurredOn"
        FROM "Meeting" m WHERE m."countryId" = ${country}
      ) t
      ORDER BY (t.happened IS NULL), t.happened, t.kind DESC, t.id, t.relation
      LIMIT ${page.limit} OFFSET ${page.offset}`,
    prisma.$queryRaw<{ total: number | bigint }[]>`
      SELECT
        (SELECT count(*) FROM "Statement" s
          WHERE s."speakerPersonId" = ${person} OR s."speakerOrganizationId" = ${organization})
        + (SELECT count(*) FROM "StatementSubject" ss
          WHERE ss."personId" = ${person} OR ss."countryId" = ${country}
            OR ss."organizationId" = ${organization})
        + (SELECT count(*) FROM "MeetingParticipant" mp WHERE mp."personId" = ${person})
        + (SELECT count(*) FROM "Meeting" m WHERE m."countryId" = ${country}) AS total`,
  ]);
  return {
    entries: rows.map((row) => ({ ...row, id: Number(row.id) })),
    total: Number(count[0]?.total ?? 0),
  };
}
