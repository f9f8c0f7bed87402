// Writes the base (or one entity's neighbourhood) back out as news-kb/article@1 documents, one
// per source, such that importing them into an empty database gives the same knowledge back.
import type { Db } from '../db/client.js';
import { normalizeName } from '../shared/normalize-name.js';
import { formatPartialDate } from '../shared/partial-date.js';
import { type ArticleInput, articleFormat } from './article-format.js';

export type EntityRef = { type: 'Person' | 'Country' | 'Organization'; id: number };

type Kind = 'country' | 'organization' | 'person';
const kindOf = { Person: 'person', Country: 'country', Organization: 'organization' } as const;

const date = (value: Date | null, precision: 'DAY' | 'MONTH' | 'YEAR' | null) =>
  value && precision ? formatPartialDate({ date: value, precision }) : null;

/** Article documents, one per source that attests something exported; sources in id order. */
export async function exportArticles(prisma: Db, entity?: EntityRef): Promise<ArticleInput[]> {
  const byId = { orderBy: { id: 'asc' as const } };
  const names = { aliases: byId, externalIds: byId };
  const [countries, organizations, people] = await Promise.all([
    prisma.country.findMany({ ...byId, include: names }),
    prisma.organization.findMany({ ...byId, include: names }),
    prisma.person.findMany({ ...byId, include: { ...names, roles: byId } }),
  ]);
  const keys = new Map<string, string>();
  const used = new Set<string>();
  for (const [kind, rows] of [
    ['country', countries],
    ['organization', organizations],
    ['person', people],
  ] as const) {
    for (const row of rows) {
      const base =
        normalizeName(row.name)
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-+|-+$/g, '') || kind;
      let key = base;
      for (let n = 2; used.has(key); n++) key = `${base}-${n}`;
      used.add(key);
      keys.set(`${kind}:${row.id}`, key);
    }
  }
  const keyOf = (kind: Kind, id: number | null) =>
    id === null ? undefined : (keys.get(`${kind}:${id}`) as string);

  const involves = entity
    ? (owner: {
        personId?: number | null;
        countryId?: number | null;
        organizationId?: number | null;
      }) =>
        (entity.type === 'Person' && owner.personId === entity.id) ||
        (entity.type === 'Country' && owner.countryId === entity.id) ||
        (entity.type === 'Organization' && owner.organizationId === entity.id)
    : () => true;

  const sources = await prisma.source.findMany({
    ...byId,
    include: {
      attestations: {
        ...byId,
        include: {
          statement: { include: { subjects: byId } },
          meeting: { include: { participants: byId } },
        },
      },
    },
  });
  const articles: ArticleInput[] = [];
  const exported = new Set<string>();
  for (const source of sources) {
    const needed = new Set<string>();
    const statements = source.attestations.flatMap(({ statement, excerpt }) => {
      if (!statement) return [];
      const speaker = statement.speakerPersonId
        ? `person:${statement.speakerPersonId}`
        : `organization:${statement.speakerOrganizationId}`;
      const subjects = statement.subjects.map((s) =>
        s.personId !== null
          ? `person:${s.personId}`
          : s.countryId !== null
            ? `country:${s.countryId}`
            : `organization:${s.organizationId}`,
      );
      const relevant =
        !entity ||
        speaker === `${kindOf[entity.type]}:${entity.id}` ||
        statement.subjects.some(involves);
      if (!relevant) return [];
      needed.add(speaker);
      for (const subject of subjects) needed.add(subject);
      return [
        {
          key: `statement-${statement.id}`,
          speaker: keys.get(speaker) as string,
          text: statement.text,
          kind: statement.kind,
          date: date(statement.occurredOn, statement.occurredPrecision),
          about: statement.subjects.map((s, i) => ({
            subject: keys.get(subjects[i] as string) as string,
            stance: s.stance,
          })),
          excerpt,
          confidence: statement.confidence,
          verification: statement.verification,
        },
      ];
    });
    const meetings = source.attestations.flatMap(({ meeting, excerpt }) => {
      if (!meeting) return [];
      if (entity && !(entity.type === 'Person' && meeting.participants.some(involves))) {
        if (!(entity.type === 'Country' && meeting.countryId === entity.id)) return [];
      }
      for (const p of meeting.participants) needed.add(`person:${p.personId}`);
      if (meeting.countryId !== null) needed.add(`country:${meeting.countryId}`);
      return [
        {
          key: `meeting-${meeting.id}`,
          kind: meeting.kind,
          status: meeting.status,
          topic: meeting.topic,
          placeName: meeting.placeName,
          country: keyOf('country', meeting.countryId),
          date: date(meeting.occurredOn, meeting.occurredPrecision),
          participants: meeting.participants.map((p) => keyOf('person', p.personId) as string),
          excerpt,
          confidence: meeting.confidence,
          verification: meeting.verification,
        },
      ];
    });
    if (statements.length === 0 && meetings.length === 0) continue;
    if (articles.length === 0) {
      // Entities no source mentions travel with the first article, so nothing is left behind.
      if (entity) needed.add(`${kindOf[entity.type]}:${entity.id}`);
      else for (const key of keys.keys()) needed.add(key);
    }
    closeOver(needed, { people, organizations });
    for (const key of needed) exported.add(key);
    articles.push({
      format: articleFormat,
      source: {
        title: source.title,
        publisher: source.publisher,
        url: source.url,
        publishedOn: date(source.publishedOn, source.publishedPrecision),
        language: source.language,
        text: source.text,
      },
      countries: countries
        .filter((c) => needed.has(`country:${c.id}`))
        .map((c) => ({
          key: keyOf('country', c.id) as string,
          ...described(c),
          iso2: c.iso2,
          iso3: c.iso3,
        })),
      organizations: organizations
        .filter((o) => needed.has(`organization:${o.id}`))
        .map((o) => ({
          key: keyOf('organization', o.id) as string,
          ...described(o),
          country: keyOf('country', o.countryId),
        })),
      people: people
        .filter((p) => needed.has(`person:${p.id}`))
        .map((p) => ({
          key: keyOf('person', p.id) as string,
          ...described(p),
          country: keyOf('country', p.countryId),
          roles: p.roles.map((r) => ({
            title: r.title,
            country: keyOf('country', r.countryId),
            organization: keyOf('organization', r.organizationId),
            start: date(r.startDate, r.startPrecision) ?? undefined,
            end: date(r.endDate, r.endPrecision) ?? undefined,
          })),
        })),
      statements,
      meetings,
    });
  }
  return articles;
}

function described(row: {
  name: string;
  description: string | null;
  aliases: { name: string }[];
  externalIds: { scheme: string; value: string }[];
}) {
  return {
    name: row.name,
    description: row.description ?? undefined,
    aliases: row.aliases.map((alias) => alias.name),
    externalIds: row.externalIds.map(({ scheme, value }) => ({ scheme, value })),
  };
}

/** Adds the entities that the needed ones refer to: nationality, role countries and bodies. */
function closeOver(
  needed: Set<string>,
  rows: {
    people: {
      id: number;
      countryId: number | null;
      roles: { countryId: number | null; organizationId: number | null }[];
    }[];
    organizations: { id: number; countryId: number | null }[];
  },
) {
  for (const person of rows.people) {
    if (!needed.has(`person:${person.id}`)) continue;
    if (person.countryId !== null) needed.add(`country:${person.countryId}`);
    for (const role of person.roles) {
      if (role.countryId !== null) needed.add(`country:${role.countryId}`);
      if (role.organizationId !== null) needed.add(`organization:${role.organizationId}`);
    }
  }
  for (const organization of rows.organizations) {
    if (needed.has(`organization:${organization.id}`) && organization.countryId !== null) {
      needed.add(`country:${organization.countryId}`);
    }
  }
}
