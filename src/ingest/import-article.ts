// Merges one article's knowledge into the database: what is already known is matched and kept,
// only what is missing is added, so importing the same article twice changes nothing.
import { createHash } from 'node:crypto';
import type { Prisma } from '../../prisma/generated/sqlite/client/client.js';
import { type Actor, asConflict, audited, systemActor, Writer } from '../audit/writer.js';
import type { Db } from '../db/client.js';
import { checkpoint, transaction } from '../db/transaction.js';
import { eventBus } from '../events/bus.js';
import { publishCommitted } from '../events/changes.js';
import { type Similar, similarEntities } from '../intake/similar-names.js';
import { normalizeName } from '../shared/normalize-name.js';
import { parsePartialDate } from '../shared/partial-date.js';
import {
  type Article,
  type ArticleInput,
  ArticleValidationError,
  checkArticle,
} from './article-format.js';
import { type RefType, refIssues, resolveRef } from './refs.js';

type Tx = Prisma.TransactionClient;

export const importedKinds = [
  'sources',
  'countries',
  'organizations',
  'people',
  'aliases',
  'externalIds',
  'roles',
  'statements',
  'statementSubjects',
  'meetings',
  'meetingParticipants',
  'attestations',
] as const;

export type ImportedKind = (typeof importedKinds)[number];
export type ImportCounts = Record<ImportedKind, number>;
/** A person or organization of the article whose name is close to stored ones. */
export type PossibleDuplicate = {
  /** Where the article declares it, e.g. ["people", 2]. */
  path: (string | number)[];
  name: string;
  /** Stored entities, closest first. */
  candidates: Similar[];
};

/**
 * Rows created, rows found already present, which of those got a missing field filled in, and
 * the names close to stored ones (what `duplicates` did with them).
 */
export type ImportSummary = {
  sourceId: number;
  created: ImportCounts;
  matched: ImportCounts;
  updated: ImportCounts;
  possibleDuplicates: PossibleDuplicate[];
};

/**
 * What to do with a new person or organization whose name is close to a stored one: refuse the
 * article (nothing written, the candidates listed), use the closest match, or create it anyway.
 */
export const duplicatePolicies = ['REFUSE', 'USE_MATCH', 'CREATE'] as const;
export type DuplicatePolicy = (typeof duplicatePolicies)[number];

/** Who imports, through what (recorded in the audit trail with every row written). */
export type ImportOptions = { actor?: Actor; via?: string; duplicates?: DuplicatePolicy };

/** Names close to stored ones, refused by the REFUSE policy; nothing was imported. */
export class PossibleDuplicatesError extends Error {
  override name = 'PossibleDuplicatesError';
  constructor(readonly duplicates: PossibleDuplicate[]) {
    const names = duplicates.map(
      (d) =>
        `${d.path.join('.')} "${d.name}" (${d.candidates.map((c) => `"${c.name}"`).join(', ')})`,
    );
    super(
      `names close to stored ones: ${names.join('; ')}. Use "ref", or import with duplicates USE_MATCH or CREATE`,
    );
  }
}

/** The article contradicts what the database already holds; nothing was imported. */
export class ImportConflictError extends Error {
  override name = 'ImportConflictError';
}

type EntityKind = 'country' | 'organization' | 'person';
type Names = 'name' | 'aliases' | 'externalIds';
type Entity = { kind: EntityKind; id: number };
/** Exactly one of the three is set: an alias, external id or subject belongs to one entity. */
type Owner = { personId: number | null; countryId: number | null; organizationId: number | null };

function ownerOf({ kind, id }: Entity): Owner {
  return {
    personId: kind === 'person' ? id : null,
    countryId: kind === 'country' ? id : null,
    organizationId: kind === 'organization' ? id : null,
  };
}

function speakerOf({ kind, id }: Entity) {
  if (kind === 'country') throw new ImportConflictError('a country cannot be a speaker');
  return {
    speakerPersonId: kind === 'person' ? id : null,
    speakerOrganizationId: kind === 'organization' ? id : null,
  };
}

const sameOwner = (row: Owner, owner: Owner) =>
  row.personId === owner.personId &&
  row.countryId === owner.countryId &&
  row.organizationId === owner.organizationId;

function dateColumns(value: string | null | undefined) {
  const parsed = value ? parsePartialDate(value) : null;
  return { date: parsed?.date ?? null, precision: parsed?.precision ?? null };
}

/** The fields of `values` that are known while the row still lacks them. */
function missing<Values extends object>(row: object, values: Values): Partial<Values> {
  const current = row as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(values).filter(([field, value]) => value != null && current[field] == null),
  ) as Partial<Values>;
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The longest an import's transaction may run outside a request (the command line); a request's
 * import ends with the request (src/db/transaction.ts). Articles are bounded (maxArticleEntries).
 */
const importTimeoutMs = 300_000;

/**
 * Imports one article's knowledge in a single transaction: a failure leaves the database as it
 * was. Entities are matched before anything is created (see the match functions below).
 */
export async function importArticle(
  prisma: Db,
  input: ArticleInput,
  { actor = systemActor, via = 'import', duplicates = 'REFUSE' }: ImportOptions = {},
  origin = 'the article',
): Promise<ImportSummary> {
  // Format problems and refs naming nothing are reported together, in one round.
  const checked = checkArticle(input);
  const unresolved = await refIssues(prisma, input);
  const issues = [...('issues' in checked ? checked.issues : []), ...unresolved];
  if (issues.length > 0 || !('article' in checked)) {
    throw new ArticleValidationError(origin, issues);
  }
  const { article } = checked;
  // Two imports of overlapping articles at once can both miss a row and both create it; the
  // loser's unique violation rolls it back, and trying again matches the winner's rows.
  for (let attempt = 1; ; attempt++) {
    try {
      let writer: Writer | undefined;
      const summary = await transaction(
        prisma,
        (tx) => {
          writer = new Writer(tx, actor, via);
          return new Importer(audited(writer), article, duplicates).run();
        },
        importTimeoutMs,
      );
      if (writer) publishCommitted(writer.changes);
      eventBus().publish('importFinished', {
        sourceId: summary.sourceId,
        created: summary.created,
      });
      return summary;
    } catch (error) {
      if (attempt >= 3 || !asConflict(error)) throw error;
    }
  }
}

const zeros = (): ImportCounts =>
  Object.fromEntries(importedKinds.map((kind) => [kind, 0])) as ImportCounts;

class Importer {
  private readonly summary = {
    created: zeros(),
    matched: zeros(),
    updated: zeros(),
    possibleDuplicates: [] as PossibleDuplicate[],
  };
  private readonly entities = new Map<string, Entity>();
  /** Each speaker's statements (normalized text to id), read once: an article quotes few speakers. */
  private readonly statementsBySpeaker = new Map<string, Map<string, number>>();

  constructor(
    private readonly tx: Tx,
    private readonly article: Article,
    private readonly duplicates: DuplicatePolicy,
  ) {}

  async run(): Promise<ImportSummary> {
    const sourceId = await this.source();
    // Other requests run between rows; a request answered TIMEOUT stops here, rolled back.
    for (const country of this.article.countries) {
      await checkpoint();
      await this.country(country);
    }
    for (const [index, organization] of this.article.organizations.entries()) {
      await checkpoint();
      await this.organization(organization, index);
    }
    for (const [index, person] of this.article.people.entries()) {
      await checkpoint();
      await this.person(person, index);
    }
    // Refused names were not created; every one is reported before anything else is tried.
    if (this.refusing()) {
      throw new PossibleDuplicatesError(this.summary.possibleDuplicates);
    }
    for (const statement of this.article.statements) {
      await checkpoint();
      await this.statement(statement, sourceId);
    }
    for (const meeting of this.article.meetings) {
      await checkpoint();
      await this.meeting(meeting, sourceId);
    }
    return { sourceId, ...this.summary };
  }

  private count(outcome: 'created' | 'matched', kind: ImportedKind, by = 1) {
    this.summary[outcome][kind] += by;
  }

  /** Whether a matched row lacks fields the article knows (then counted as updated). */
  private filled(kind: ImportedKind, changes: object): boolean {
    const changed = Object.keys(changes).length > 0;
    if (changed) this.summary.updated[kind] += 1;
    return changed;
  }

  private entity(key: string): Entity {
    const entity = this.entities.get(key);
    if (!entity) throw new ImportConflictError(`"${key}" names no country, organization or person`);
    return entity;
  }

  private idOf(key: string, kind: EntityKind): number {
    const entity = this.entity(key);
    if (entity.kind !== kind) throw new ImportConflictError(`"${key}" is not a ${kind}`);
    return entity.id;
  }

  private optionalId(key: string | undefined, kind: EntityKind): number | null {
    return key === undefined ? null : this.idOf(key, kind);
  }

  /** By URL when the article has one, else (or then) by the hash of its text. */
  private async source(): Promise<number> {
    const { text, url, publishedOn, ...rest } = this.article.source;
    const contentHash = sha256(text);
    const published = dateColumns(publishedOn);
    const byUrl = url ? await this.tx.source.findUnique({ where: { url } }) : null;
    if (byUrl && byUrl.contentHash !== contentHash) {
      throw new ImportConflictError(`the source at ${url} is already recorded with another text`);
    }
    const existing = byUrl ?? (await this.tx.source.findUnique({ where: { contentHash } }));
    if (existing) {
      this.count('matched', 'sources');
      const changes = missing(existing, {
        url,
        publisher: rest.publisher,
        language: rest.language,
        publishedOn: published.date,
        publishedPrecision: published.precision,
      });
      if (this.filled('sources', changes)) {
        await this.tx.source.update({ where: { id: existing.id }, data: changes });
      }
      return existing.id;
    }
    const created = await this.tx.source.create({
      data: {
        ...rest,
        url,
        text,
        contentHash,
        publishedOn: published.date,
        publishedPrecision: published.precision,
      },
    });
    this.count('created', 'sources');
    return created.id;
  }

  /** The stored entity a `ref` names (checked before the transaction; it may have gone since). */
  private async referenced(ref: string, type: RefType): Promise<number> {
    const resolved = await resolveRef(this.tx, ref, type);
    if ('problem' in resolved) throw new ImportConflictError(resolved.problem);
    return resolved.id;
  }

  /**
   * A new person's or organization's name close to stored ones: recorded, and by the policy
   * refused (undefined: nothing is created), matched to the closest, or created anyway (null).
   */
  private async duplicateOf(
    kind: 'Person' | 'Organization',
    name: string,
    path: (string | number)[],
  ): Promise<Similar | null | undefined> {
    const candidates = await similarEntities(this.tx, kind, name);
    if (candidates.length === 0) return null;
    this.summary.possibleDuplicates.push({ path, name, candidates });
    if (this.duplicates === 'REFUSE') return undefined;
    return this.duplicates === 'USE_MATCH' ? (candidates[0] as Similar) : null;
  }

  private refusing() {
    return this.duplicates === 'REFUSE' && this.summary.possibleDuplicates.length > 0;
  }

  /** By ISO 3166-1 alpha-2 code. */
  private async country(country: Article['countries'][number]) {
    if (country.ref !== undefined) {
      const id = await this.referenced(country.ref, 'Country');
      this.count('matched', 'countries');
      const existing = await this.tx.country.findUniqueOrThrow({ where: { id } });
      const changes = missing(existing, { description: country.description });
      if (this.filled('countries', changes)) {
        await this.tx.country.update({ where: { id }, data: changes });
      }
      await this.identify(country.key, { kind: 'country', id }, country);
      return;
    }
    // The format guarantees both codes for a country declared without a ref.
    const iso2 = country.iso2 as string;
    const iso3 = country.iso3 as string;
    const existing = await this.tx.country.findUnique({ where: { iso2 } });
    let id: number;
    if (existing) {
      if (existing.iso3 !== iso3) {
        throw new ImportConflictError(
          `country ${iso2} has iso3 ${existing.iso3} in the database, ${iso3} in the article`,
        );
      }
      this.count('matched', 'countries');
      const changes = missing(existing, { description: country.description });
      if (this.filled('countries', changes)) {
        await this.tx.country.update({ where: { id: existing.id }, data: changes });
      }
      id = existing.id;
    } else {
      const created = await this.tx.country.create({
        data: {
          name: country.name as string,
          normalizedName: normalizeName(country.name as string),
          iso2,
          iso3,
          description: country.description,
        },
      });
      this.count('created', 'countries');
      id = created.id;
    }
    await this.identify(country.key, { kind: 'country', id }, country);
  }

  private async organization(organization: Article['organizations'][number], index: number) {
    const countryId = this.optionalId(organization.country, 'country');
    let existing: Awaited<ReturnType<Tx['organization']['findUnique']>> | undefined;
    if (organization.ref !== undefined) {
      const id = await this.referenced(organization.ref, 'Organization');
      existing = await this.tx.organization.findUniqueOrThrow({ where: { id } });
    } else {
      const normalizedName = normalizeName(organization.name as string);
      const candidates = await this.tx.organization.findMany({
        where: { OR: [{ normalizedName }, { aliases: { some: { normalizedName } } }] },
        orderBy: { id: 'asc' },
      });
      existing = bestMatch(candidates, normalizedName, countryId);
      if (!existing) {
        const path = ['organizations', index];
        const match = await this.duplicateOf('Organization', organization.name as string, path);
        if (match === undefined) return;
        if (match)
          existing = await this.tx.organization.findUniqueOrThrow({ where: { id: match.id } });
      }
    }
    let id: number;
    if (existing) {
      this.count('matched', 'organizations');
      const changes = missing(existing, { description: organization.description, countryId });
      if (this.filled('organizations', changes)) {
        await this.tx.organization.update({ where: { id: existing.id }, data: changes });
      }
      id = existing.id;
    } else {
      const name = organization.name as string;
      const created = await this.tx.organization.create({
        data: {
          name,
          normalizedName: normalizeName(name),
          description: organization.description,
          countryId,
        },
      });
      this.count('created', 'organizations');
      id = created.id;
    }
    await this.identify(organization.key, { kind: 'organization', id }, organization);
  }

  private async person(person: Article['people'][number], index: number) {
    const countryId = this.optionalId(person.country, 'country');
    let existing: Awaited<ReturnType<Tx['person']['findUnique']>> | undefined;
    if (person.ref !== undefined) {
      const id = await this.referenced(person.ref, 'Person');
      existing = await this.tx.person.findUniqueOrThrow({ where: { id } });
    } else {
      const normalizedName = normalizeName(person.name as string);
      const candidates = await this.tx.person.findMany({
        where: { OR: [{ normalizedName }, { aliases: { some: { normalizedName } } }] },
        orderBy: { id: 'asc' },
      });
      existing = bestMatch(candidates, normalizedName, countryId);
      if (!existing) {
        const match = await this.duplicateOf('Person', person.name as string, ['people', index]);
        if (match === undefined) return;
        if (match) existing = await this.tx.person.findUniqueOrThrow({ where: { id: match.id } });
      }
    }
    let id: number;
    if (existing) {
      this.count('matched', 'people');
      const changes = missing(existing, { description: person.description, countryId });
      if (this.filled('people', changes)) {
        await this.tx.person.update({ where: { id: existing.id }, data: changes });
      }
      id = existing.id;
    } else {
      const name = person.name as string;
      const created = await this.tx.person.create({
        data: {
          name,
          normalizedName: normalizeName(name),
          description: person.description,
          countryId,
        },
      });
      this.count('created', 'people');
      id = created.id;
    }
    await this.identify(person.key, { kind: 'person', id }, person);
    // A role's organization may be one refused above: the article is refused anyway.
    if (this.refusing()) return;
    for (const role of person.roles) await this.role(id, role);
  }

  /** Records the entity under its key and adds the aliases and external ids it lacks. */
  private async identify(
    key: string,
    entity: Entity,
    { name, aliases, externalIds }: Pick<Article['countries'][number], Names>,
  ) {
    this.entities.set(key, entity);
    const owner = ownerOf(entity);
    const stored = await this.tx.alias.findMany({ where: owner, select: { normalizedName: true } });
    const known = new Set(stored.map((alias) => alias.normalizedName));
    const seen = new Set(name === undefined ? [] : [normalizeName(name)]);
    for (const alias of aliases) {
      const normalizedName = normalizeName(alias);
      if (seen.has(normalizedName)) continue;
      seen.add(normalizedName);
      if (known.has(normalizedName)) {
        this.count('matched', 'aliases');
        continue;
      }
      await this.tx.alias.create({ data: { name: alias, normalizedName, ...owner } });
      this.count('created', 'aliases');
    }
    for (const { scheme, value } of externalIds) {
      const existing = await this.tx.externalId.findUnique({
        where: { scheme_value: { scheme, value } },
      });
      if (existing && !sameOwner(existing, owner)) {
        throw new ImportConflictError(
          `${scheme} ${value} (given for "${key}") already identifies another ${kindOf(existing)}`,
        );
      }
      if (existing) {
        this.count('matched', 'externalIds');
        continue;
      }
      await this.tx.externalId.create({ data: { scheme, value, ...owner } });
      this.count('created', 'externalIds');
    }
  }

  /** By person, title (normalized), country and organization. */
  private async role(personId: number, role: Article['people'][number]['roles'][number]) {
    const countryId = this.optionalId(role.country, 'country');
    const organizationId = this.optionalId(role.organization, 'organization');
    const start = dateColumns(role.start);
    const end = dateColumns(role.end);
    const dates = {
      startDate: start.date,
      startPrecision: start.precision,
      endDate: end.date,
      endPrecision: end.precision,
    };
    const title = normalizeName(role.title);
    const candidates = await this.tx.role.findMany({
      where: { personId, countryId, organizationId },
      orderBy: { id: 'asc' },
    });
    const existing = candidates.find((candidate) => normalizeName(candidate.title) === title);
    if (existing) {
      this.count('matched', 'roles');
      const changes = missing(existing, dates);
      if (this.filled('roles', changes)) {
        await this.tx.role.update({ where: { id: existing.id }, data: changes });
      }
      return;
    }
    await this.tx.role.create({
      data: { personId, title: role.title, countryId, organizationId, ...dates },
    });
    this.count('created', 'roles');
  }

  /** By speaker and normalized text. */
  private async statement(statement: Article['statements'][number], sourceId: number) {
    const entity = this.entity(statement.speaker);
    const speaker = speakerOf(entity);
    const text = normalizeName(statement.text);
    const known = await this.statementsOf(`${entity.kind}:${entity.id}`, speaker);
    let id = known.get(text);
    if (id !== undefined) {
      this.count('matched', 'statements');
    } else {
      const occurred = dateColumns(statement.date);
      const created = await this.tx.statement.create({
        data: {
          text: statement.text,
          kind: statement.kind,
          ...speaker,
          occurredOn: occurred.date,
          occurredPrecision: occurred.precision,
          confidence: statement.confidence,
          verification: statement.verification,
        },
      });
      this.count('created', 'statements');
      id = created.id;
      known.set(text, id);
    }
    const statementId = id;
    const subjects = await this.tx.statementSubject.findMany({ where: { statementId } });
    for (const { subject, stance } of statement.about) {
      const owner = ownerOf(this.entity(subject));
      if (subjects.some((row) => sameOwner(row, owner))) {
        this.count('matched', 'statementSubjects');
        continue;
      }
      await this.tx.statementSubject.create({ data: { statementId, ...owner, stance } });
      this.count('created', 'statementSubjects');
    }
    await this.attest(sourceId, { statementId, meetingId: null }, statement.excerpt);
  }

  private async statementsOf(key: string, speaker: ReturnType<typeof speakerOf>) {
    let known = this.statementsBySpeaker.get(key);
    if (!known) {
      const rows = await this.tx.statement.findMany({
        where: speaker,
        select: { id: true, text: true },
        orderBy: { id: 'desc' },
      });
      // The first (lowest id) of equal texts wins, as it did when matched one by one.
      known = new Map(rows.map((row) => [normalizeName(row.text), row.id]));
      this.statementsBySpeaker.set(key, known);
    }
    return known;
  }

  /** By kind, date and the exact set of participants. */
  private async meeting(meeting: Article['meetings'][number], sourceId: number) {
    const ids = new Set(meeting.participants.map((key) => this.idOf(key, 'person')));
    const personIds = [...ids].sort((a, b) => a - b);
    const occurred = dateColumns(meeting.date);
    const countryId = this.optionalId(meeting.country, 'country');
    const candidates = await this.tx.meeting.findMany({
      where: { kind: meeting.kind, occurredOn: occurred.date },
      include: { participants: { select: { personId: true } } },
      orderBy: { id: 'asc' },
    });
    const existing = candidates.find((candidate) => {
      const theirs = candidate.participants.map((participant) => participant.personId);
      return theirs.length === personIds.length && theirs.every((id) => ids.has(id));
    });
    let meetingId: number;
    if (existing) {
      this.count('matched', 'meetings');
      this.count('matched', 'meetingParticipants', personIds.length);
      const { topic, placeName } = meeting;
      const changes = missing(existing, { topic, placeName, countryId });
      if (this.filled('meetings', changes)) {
        await this.tx.meeting.update({ where: { id: existing.id }, data: changes });
      }
      meetingId = existing.id;
    } else {
      const created = await this.tx.meeting.create({
        data: {
          kind: meeting.kind,
          status: meeting.status,
          topic: meeting.topic,
          placeName: meeting.placeName,
          countryId,
          occurredOn: occurred.date,
          occurredPrecision: occurred.precision,
          confidence: meeting.confidence,
          verification: meeting.verification,
        },
      });
      for (const personId of personIds) {
        await this.tx.meetingParticipant.create({ data: { meetingId: created.id, personId } });
      }
      this.count('created', 'meetings');
      this.count('created', 'meetingParticipants', personIds.length);
      meetingId = created.id;
    }
    await this.attest(sourceId, { statementId: null, meetingId }, meeting.excerpt);
  }

  /** One attestation per source and statement (or meeting), at the excerpt's first occurrence. */
  private async attest(
    sourceId: number,
    target: { statementId: number; meetingId: null } | { statementId: null; meetingId: number },
    excerpt: string,
  ) {
    const existing = await this.tx.attestation.findFirst({ where: { sourceId, ...target } });
    if (existing) {
      this.count('matched', 'attestations');
      return;
    }
    const startOffset = this.article.source.text.indexOf(excerpt);
    if (startOffset < 0) throw new ImportConflictError(`not in the source text: ${excerpt}`);
    await this.tx.attestation.create({
      data: { sourceId, ...target, excerpt, startOffset, endOffset: startOffset + excerpt.length },
    });
    this.count('created', 'attestations');
  }
}

/**
 * Among rows named (or aliased) `normalizedName`, the first whose country does not contradict
 * the article's, preferring a row whose own name matches over one matched by an alias.
 */
function bestMatch<Row extends { id: number; normalizedName: string; countryId: number | null }>(
  candidates: Row[],
  normalizedName: string,
  countryId: number | null,
): Row | undefined {
  const compatible = candidates.filter(
    (row) => countryId === null || row.countryId === null || row.countryId === countryId,
  );
  return compatible.find((row) => row.normalizedName === normalizedName) ?? compatible[0];
}

const kindOf = (owner: Owner) =>
  owner.personId !== null ? 'person' : owner.countryId !== null ? 'country' : 'organization';
