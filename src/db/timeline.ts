// Entities' timelines: statements each made, statements about it and meetings it took part in or
// hosted, as one date-ordered list per entity. A UNION with window functions that Prisma cannot
// express; the SQL is the same on both databases. One call answers a whole page of entities.
import { Prisma } from '../../prisma/generated/sqlite/client/client.js';
import { database } from './client.js';

export type TimelineRelation = 'SAID' | 'MENTIONED' | 'TOOK_PART' | 'HOSTED';
export type TimelineEntry = {
  kind: 'Statement' | 'Meeting';
  id: number;
  relation: TimelineRelation;
};
export type TimelineOwnerType = 'Person' | 'Country' | 'Organization';
export type TimelinePage = { entries: TimelineEntry[]; total: number };

function branches(type: TimelineOwnerType, ids: number[]): Prisma.Sql {
  const list = Prisma.join(ids);
  const said = (column: Prisma.Sql) => Prisma.sql`
    SELECT ${column} AS owner, 'Statement' AS kind, s.id AS id, 'SAID' AS relation,
      s."occurredOn" AS happened
    FROM "Statement" s WHERE ${column} IN (${list})`;
  const mentioned = (column: Prisma.Sql) => Prisma.sql`
    SELECT ${column} AS owner, 'Statement' AS kind, s.id AS id, 'MENTIONED' AS relation,
      s."occurredOn" AS happened
    FROM "StatementSubject" ss JOIN "Statement" s ON s.id = ss."statementId"
    WHERE ${column} IN (${list})`;
  switch (type) {
    case 'Person':
      return Prisma.sql`${said(Prisma.sql`s."speakerPersonId"`)}
        UNION ALL ${mentioned(Prisma.sql`ss."personId"`)}
        UNION ALL SELECT mp."personId", 'Meeting', m.id, 'TOOK_PART', m."occurredOn"
          FROM "MeetingParticipant" mp JOIN "Meeting" m ON m.id = mp."meetingId"
          WHERE mp."personId" IN (${list})`;
    case 'Organization':
      return Prisma.sql`${said(Prisma.sql`s."speakerOrganizationId"`)}
        UNION ALL ${mentioned(Prisma.sql`ss."organizationId"`)}`;
    case 'Country':
      return Prisma.sql`${mentioned(Prisma.sql`ss."countryId"`)}
        UNION ALL SELECT m."countryId", 'Meeting', m.id, 'HOSTED', m."occurredOn"
          FROM "Meeting" m WHERE m."countryId" IN (${list})`;
  }
}

/** The same page (oldest first, undated last) of each owner's timeline, and its length. */
export async function timelinePages(
  type: TimelineOwnerType,
  ids: number[],
  page: { limit: number; offset: number },
): Promise<Map<number, TimelinePage>> {
  const prisma = database().prisma;
  const union = branches(type, ids);
  const [rows, counts] = await Promise.all([
    prisma.$queryRaw<
      {
        owner: number | bigint;
        kind: 'Statement' | 'Meeting';
        id: number | bigint;
        relation: TimelineRelation;
      }[]
    >`
      WITH t AS (${union}),
      ranked AS (
        SELECT t.owner, t.kind, t.id, t.relation, ROW_NUMBER() OVER (
          PARTITION BY t.owner
          ORDER BY (t.happened IS NULL), t.happened, t.kind DESC, t.id, t.relation
        ) AS rn
        FROM t
      )
      SELECT owner, kind, id, relation FROM ranked
      WHERE rn > ${page.offset} AND rn <= ${page.offset + page.limit}
      ORDER BY owner, rn`,
    prisma.$queryRaw<{ owner: number | bigint; total: number | bigint }[]>`
      WITH t AS (${union}) SELECT owner, count(*) AS total FROM t GROUP BY owner`,
  ]);
  const pages = new Map<number, TimelinePage>(ids.map((id) => [id, { entries: [], total: 0 }]));
  for (const row of counts) {
    const owned = pages.get(Number(row.owner));
    if (owned) owned.total = Number(row.total);
  }
  for (const row of rows) {
    pages.get(Number(row.owner))?.entries.push({
      kind: row.kind,
      id: Number(row.id),
      relation: row.relation,
    });
  }
  return pages;
}
