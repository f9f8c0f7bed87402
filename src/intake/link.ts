// Linking a draft to what the base knows: each person, organization and country the extractor
// found becomes a `ref` to the stored entity it names (format 1.1), with the runner-ups and
// their scores for the curator. A new entity is proposed only when nothing stored is close.
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { Prisma } from '../../prisma/generated/sqlite/client/client.js';
import { type Db, db } from '../db/client.js';
import { type ArticleDocument, articleFormat11 } from '../ingest/article-format.js';
import { normalizeName } from '../shared/normalize-name.js';
import { parsePartialDate } from '../shared/partial-date.js';
import {
  exactEntities,
  linkScore,
  maxCandidates,
  type Similar,
  similarEntities,
} from './similar-names.js';

type Client = Db | Prisma.TransactionClient;
type DraftPerson = ArticleDocument['people'][number];
type DraftOrganization = ArticleDocument['organizations'][number];
type Candidate = { ref: string; name: string; score: number };

/** Listed for the curator from this score up; linked from `linkScore` up. */
const candidateScore = 0.6;
/** A role held at the article's date, matched by title and country, when the name says nothing. */
const roleScore = 0.9;
/** How far ahead of the runner-up a match must be to be taken without a curator. */
const lead = 0.05;

const round = (score: number) => Math.round(score * 1000) / 1000;
const candidateOf = (similar: Similar): Candidate => ({
  ref: encodeGlobalID(similar.kind, similar.id),
  name: similar.name,
  score: round(similar.score),
});

/** The draft with matched entities as refs (names kept) and candidates listed; writes nothing. */
export async function linkDraft(
  document: ArticleDocument,
  client: Client = db(),
): Promise<ArticleDocument> {
  const isoOfKey = new Map(
    document.countries.map((country) => [country.key, country.iso2 ?? undefined]),
  );
  const storedCountries = await client.country.findMany({
    where: { iso2: { in: document.countries.flatMap((c) => (c.iso2 ? [c.iso2] : [])) } },
    select: { id: true, iso2: true },
  });
  const countryIdOfIso = new Map(storedCountries.map((row) => [row.iso2, row.id]));
  const countryIdOfKey = (key: string | undefined) => {
    const iso2 = key === undefined ? undefined : isoOfKey.get(key);
    return iso2 === undefined ? undefined : countryIdOfIso.get(iso2);
  };
  const on = document.source.publishedOn ? parsePartialDate(document.source.publishedOn) : null;

  const countries = document.countries.map((country) => {
    if (country.ref !== undefined) return country;
    const id = country.iso2 ? countryIdOfIso.get(country.iso2) : undefined;
    if (id === undefined) return country;
    const { iso2: _iso2, iso3: _iso3, ...rest } = country;
    return { ...rest, ref: encodeGlobalID('Country', id) };
  });

  const organizations: DraftOrganization[] = [];
  for (const organization of document.organizations) {
    const iso2 = organization.country ? isoOfKey.get(organization.country) : undefined;
    organizations.push(await linkEntity(client, 'Organization', organization, iso2));
  }
  const people: DraftPerson[] = [];
  for (const person of document.people) {
    const iso2 = person.country ? isoOfKey.get(person.country) : undefined;
    const linked = await linkEntity(client, 'Person', person, iso2);
    people.push(
      linked.ref === undefined
        ? await linkByRole(client, linked, countryIdOfKey, on?.date)
        : linked,
    );
  }
  return { ...document, format: articleFormat11, countries, organizations, people };
}

/** By name; a stored entity of another country (ISO code) is listed, never linked. */
async function linkEntity<T extends DraftPerson | DraftOrganization>(
  client: Client,
  kind: 'Person' | 'Organization',
  entity: T,
  iso2: string | undefined,
): Promise<T> {
  if (entity.ref !== undefined || entity.name === undefined) return entity;
  // Exact names and aliases first: a fuzzy search is needed only when none is stored.
  const exact = await exactEntities(client, kind, entity.name, 4);
  const found =
    exact.length > 0
      ? exact
      : await similarEntities(client, kind, entity.name, { minScore: candidateScore, limit: 4 });
  if (found.length === 0) return entity;
  const countries = await storedCountries(
    client,
    kind,
    found.map((similar) => similar.id),
  );
  const compatible = (similar: Similar) => {
    const theirs = countries.get(similar.id);
    return iso2 === undefined || theirs == null || theirs === iso2;
  };
  const [best, second] = found;
  const taken =
    best &&
    best.score >= linkScore &&
    (!second || second.score < best.score - lead) &&
    compatible(best)
      ? best
      : undefined;
  const candidates = found.filter((similar) => similar !== taken).map(candidateOf);
  if (!taken) return { ...entity, candidates };
  return { ...entity, ref: encodeGlobalID(kind, taken.id), candidates };
}

async function storedCountries(client: Client, kind: 'Person' | 'Organization', ids: number[]) {
  const select = {
    where: { id: { in: ids } },
    select: { id: true, country: { select: { iso2: true } } },
  };
  const rows =
    kind === 'Person'
      ? await client.person.findMany(select)
      : await client.organization.findMany(select);
  return new Map(rows.map((row) => [row.id, row.country?.iso2]));
}

// A name that is a description ("Unnamed senior Russian security official", "the foreign
// minister") rather than a proper name: lower-case words other than name particles.
const descriptive = (name: string) =>
  /^(unnamed|the|a|an)\b/i.test(name) ||
  name.split(/\s+/).filter((word) => /^\p{Ll}/u.test(word)).length > 1;

/**
 * "The Russian foreign minister": the one stored person holding a role of that title for that
 * country at the article's date. Linked when the draft's name is only a description; otherwise
 * listed as a candidate.
 */
async function linkByRole(
  client: Client,
  person: DraftPerson,
  countryIdOfKey: (key: string | undefined) => number | undefined,
  on: Date | undefined,
): Promise<DraftPerson> {
  const holders = new Map<number, string>();
  for (const role of person.roles ?? []) {
    const countryId = countryIdOfKey(role.country);
    if (countryId === undefined) continue;
    const title = normalizeName(role.title);
    const rows = await client.role.findMany({
      where: {
        countryId,
        ...(on
          ? {
              AND: [
                { OR: [{ startDate: null }, { startDate: { lte: on } }] },
                { OR: [{ endDate: null }, { endDate: { gte: on } }] },
              ],
            }
          : {}),
      },
      select: { title: true, person: { select: { id: true, name: true } } },
      take: 50,
    });
    for (const row of rows) {
      if (normalizeName(row.title) === title) holders.set(row.person.id, row.person.name);
    }
  }
  if (holders.size === 0) return person;
  const found = [...holders].map(([id, name]) => ({
    ref: encodeGlobalID('Person', id),
    name,
    score: roleScore,
  }));
  const candidates = [...(person.candidates ?? []), ...found]
    .filter(
      (candidate, index, all) => all.findIndex((other) => other.ref === candidate.ref) === index,
    )
    .slice(0, maxCandidates);
  const [only] = found;
  if (found.length === 1 && only && person.name !== undefined && descriptive(person.name)) {
    return { ...person, ref: only.ref, candidates: candidates.filter((c) => c !== only) };
  }
  return { ...person, candidates };
}
