// The shortest chain of meetings and statements linking two entities: breadth-first over
// "met in a meeting" and "spoke about", one level at a time (three batched lookups a level), bounded.
import { db } from '../../db/client.js';
import { builder } from '../builder.js';
import { Meeting } from '../meeting/meeting.js';
import { Entity, type EntityTypeName, typed } from '../shared/entity.js';
import { EntityRefInput, refTarget } from '../shared/entity-ref.js';
import { badInput } from '../shared/errors.js';
import { kindOfRow, markKind } from '../shared/load-by-kind.js';
import { Statement } from '../statement/statement.js';

const maxDepthLimit = 6;

type Key = `${EntityTypeName}:${number}`;
type Via = { kind: 'Statement' | 'Meeting'; id: number };
type Step = { from: object; to: object; via: object };

const PathLink = builder.unionType('PathLink', {
  description: 'What links two entities on a path: a meeting or a statement.',
  types: [Statement, Meeting],
  resolveType: (row) => kindOfRow(row) as 'Statement' | 'Meeting',
});

const PathStep = builder.objectRef<Step>('PathStep').implement({
  fields: (t) => ({
    from: t.field({ type: Entity, resolve: (s) => s.from }),
    to: t.field({ type: Entity, resolve: (s) => s.to }),
    via: t.field({
      type: PathLink,
      description: 'A meeting both took part in, or a statement one made about the other.',
      resolve: (s) => s.via as typeof PathLink.$inferType,
    }),
  }),
});

const EntityPath = builder.objectRef<Step[]>('EntityPath').implement({
  description: 'A shortest chain of meetings and statements between two entities.',
  fields: (t) => ({
    length: t.int({ description: 'The number of steps.', resolve: (steps) => steps.length }),
    steps: t.field({ type: [PathStep], resolve: (steps) => steps }),
  }),
});

const subjectKey = (s: {
  personId: number | null;
  countryId: number | null;
  organizationId: number | null;
}): Key | null =>
  s.personId != null
    ? `Person:${s.personId}`
    : s.countryId != null
      ? `Country:${s.countryId}`
      : s.organizationId != null
        ? `Organization:${s.organizationId}`
        : null;

const speakerKey = (s: {
  speakerPersonId: number | null;
  speakerOrganizationId: number | null;
}): Key =>
  s.speakerPersonId != null
    ? `Person:${s.speakerPersonId}`
    : `Organization:${s.speakerOrganizationId ?? 0}`;

/** Neighbours of a frontier, each with the link that reaches it. */
async function neighbours(frontier: Key[]): Promise<[Key, Key, Via][]> {
  const ids = (type: EntityTypeName) =>
    frontier.filter((k) => k.startsWith(`${type}:`)).map((k) => Number(k.split(':')[1]));
  const [people, countries, organizations] = [ids('Person'), ids('Country'), ids('Organization')];
  const subjectSelect = { personId: true, countryId: true, organizationId: true } as const;
  const [participations, said, mentioned] = await Promise.all([
    db().meetingParticipant.findMany({
      where: { personId: { in: people } },
      select: {
        personId: true,
        meeting: { select: { id: true, participants: { select: { personId: true } } } },
      },
      orderBy: { id: 'asc' },
    }),
    db().statement.findMany({
      where: {
        OR: [{ speakerPersonId: { in: people } }, { speakerOrganizationId: { in: organizations } }],
      },
      select: {
        id: true,
        speakerPersonId: true,
        speakerOrganizationId: true,
        subjects: { select: subjectSelect },
      },
      orderBy: { id: 'asc' },
    }),
    db().statementSubject.findMany({
      where: {
        OR: [
          { personId: { in: people } },
          { countryId: { in: countries } },
          { organizationId: { in: organizations } },
        ],
      },
      select: {
        ...subjectSelect,
        statement: { select: { id: true, speakerPersonId: true, speakerOrganizationId: true } },
      },
      orderBy: { id: 'asc' },
    }),
  ]);
  const links: [Key, Key, Via][] = [];
  for (const p of participations) {
    for (const other of p.meeting.participants) {
      links.push([
        `Person:${p.personId}`,
        `Person:${other.personId}`,
        { kind: 'Meeting', id: p.meeting.id },
      ]);
    }
  }
  for (const s of said) {
    const speaker = speakerKey(s);
    for (const subject of s.subjects) {
      const key = subjectKey(subject);
      if (key) links.push([speaker, key, { kind: 'Statement', id: s.id }]);
    }
  }
  for (const m of mentioned) {
    const key = subjectKey(m);
    const speaker = speakerKey(m.statement);
    if (key) links.push([key, speaker, { kind: 'Statement', id: m.statement.id }]);
  }
  return links;
}

// Only the keys: the entity and link types load the columns the document asks for, batched.
function entityRef(key: Key): object {
  const [type, raw] = key.split(':') as [EntityTypeName, string];
  return typed({ id: Number(raw) }, type);
}

const viaRef = (via: Via): object => markKind({ id: via.id }, via.kind);

builder.queryField('path', (t) =>
  t.field({
    type: EntityPath,
    nullable: true,
    description: `The shortest chain of meetings (people who met) and statements (a speaker and what it spoke about) linking two people, countries or organizations; null when none has at most \`maxDepth\` steps (at most ${maxDepthLimit}).`,
    args: {
      from: t.arg({
        type: EntityRefInput,
        required: true,
        description: 'Where the chain starts: a person, country or organization.',
      }),
      to: t.arg({ type: EntityRefInput, required: true, description: 'Where the chain ends.' }),
      maxDepth: t.arg.int({ required: false, defaultValue: 4 }),
    },
    resolve: async (_parent, args) => {
      const maxDepth = args.maxDepth ?? 4;
      if (maxDepth < 1 || maxDepth > maxDepthLimit) {
        throw badInput(
          'maxDepth',
          `must be between 1 and ${maxDepthLimit}: longer chains are too costly to search`,
        );
      }
      const types = ['Person', 'Country', 'Organization'] as const;
      const from = refTarget(args.from, types, 'from');
      const to = refTarget(args.to, types, 'to');
      if (!from || !to) return null;
      const start: Key = `${from.type}:${from.id}`;
      const goal: Key = `${to.type}:${to.id}`;
      const reachedBy = new Map<Key, { previous: Key; via: Via } | null>([[start, null]]);
      let frontier: Key[] = [start];
      for (let depth = 0; depth < maxDepth && frontier.length && !reachedBy.has(goal); depth++) {
        const next: Key[] = [];
        for (const [here, there, via] of await neighbours(frontier)) {
          if (reachedBy.has(there)) continue;
          reachedBy.set(there, { previous: here, via });
          next.push(there);
        }
        frontier = next;
      }
      if (!reachedBy.has(goal)) return null;
      const chain: { from: Key; to: Key; via: Via }[] = [];
      for (let key = goal; ; ) {
        const step = reachedBy.get(key);
        if (!step) break;
        chain.unshift({ from: step.previous, to: key, via: step.via });
        key = step.previous;
      }
      return chain.map((step) => ({
        from: entityRef(step.from),
        to: entityRef(step.to),
        via: viaRef(step.via),
      }));
    },
  }),
);
