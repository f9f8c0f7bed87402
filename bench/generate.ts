// The benchmark's dataset: a deterministic generator with a scale knob, loaded through the
// project's bulk path (src/ingest/bulk-load.ts) into SQLite or PostgreSQL.
//
//   npx tsx bench/generate.ts --scale 1 [--provider postgresql|sqlite] [--database <url>]
//     [--seed 1] [--reuse]
//
// Scale 1: 200 countries (at every scale), 10,000 people with roles and aliases, 2,000
// organizations, 200,000 statements with 1-4 subjects, 20,000 meetings with 2-6 participants and
// 5,000 sources attesting them. The same scale and seed always give the same rows.
import { createHash } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { type Provider, providerOf, redact } from '../src/db/provider.js';
import { sqliteFilePath } from '../src/db/sqlite-url.js';
import {
  type BulkLoadReport,
  type BulkModel,
  type BulkRows,
  bulkLoad,
  bulkModels,
  tableOf,
} from '../src/ingest/bulk-load.js';
import { normalizeName } from '../src/shared/normalize-name.js';
import { parsePartialDate } from '../src/shared/partial-date.js';

/** Bump on any change to what the generator produces, so stored datasets are regenerated. */
export const generatorVersion = 2;

export type Dataset = {
  scale: number;
  seed: number;
  generatorVersion: number;
  rows: Required<
    Pick<
      BulkRows,
      | 'country'
      | 'organization'
      | 'person'
      | 'alias'
      | 'role'
      | 'source'
      | 'statement'
      | 'statementSubject'
      | 'meeting'
      | 'meetingParticipant'
      | 'attestation'
    >
  >;
};

type Rows = Dataset['rows'];

/** How many of each generated thing a scale gives. */
export function datasetSize(scale: number) {
  if (!Number.isFinite(scale) || scale <= 0 || scale > 100) {
    throw new Error(`the scale must be a number above 0 and at most 100, got ${scale}`);
  }
  const times = (count: number, least = 1) => Math.max(least, Math.round(count * scale));
  return {
    countries: 200,
    // A meeting has up to 6 distinct participants.
    people: times(10_000, 6),
    organizations: times(2_000, 2),
    statements: times(200_000),
    meetings: times(20_000),
    sources: times(5_000),
  };
}

/** mulberry32: small, fast and the same on every platform. */
class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(below: number): number {
    return Math.floor(this.next() * below);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  /** One of `entries`' values, each as likely as its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let left = this.next() * total;
    for (const [value, weight] of entries) {
      left -= weight;
      if (left < 0) return value;
    }
    return (entries.at(-1) as readonly [T, number])[0];
  }

  /** 0..n-1 in a random order. */
  permutation(n: number): number[] {
    const items = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [items[i], items[j]] = [items[j] as number, items[i] as number];
    }
    return items;
  }
}

/**
 * Zipf-Mandelbrot popularity over n items (weight 1 / (rank + offset)), ranks shuffled over the
 * items: a few are picked very often, most rarely. The offset keeps the head from dominating.
 */
function popularity(random: Random, n: number, offset: number): () => number {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let rank = 0; rank < n; rank++) {
    total += 1 / (rank + 1 + offset);
    cumulative[rank] = total;
  }
  const itemOfRank = random.permutation(n);
  return () => {
    const target = random.next() * total;
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((cumulative[middle] as number) < target) low = middle + 1;
      else high = middle;
    }
    return itemOfRank[low] as number;
  };
}

// Vocabulary. Country roots begin with distinct letters and the suffixes' code letters differ,
// so every country gets unique ISO-like codes.
const countryRoots = [
  'Arv',
  'Bel',
  'Cor',
  'Dan',
  'Esk',
  'Fal',
  'Gor',
  'Hal',
  'Istr',
  'Jor',
  'Kar',
  'Lum',
  'Mor',
  'Nov',
  'Ostr',
  'Pal',
  'Quel',
  'Ros',
  'Sev',
  'Tal',
];
const countrySuffixes: readonly (readonly [string, string])[] = [
  ['ania', 'N'],
  ['istan', 'S'],
  ['oria', 'R'],
  ['land', 'L'],
  ['eria', 'E'],
  ['ova', 'V'],
  ['enia', 'I'],
  ['adia', 'D'],
  ['ica', 'C'],
  ['uria', 'U'],
];
const regions = ['Northern Europe', 'the Caucasus', 'Central Asia', 'the Sahel', 'the Andes'];
const cityEndings = ['grad', 'ville', 'polis', 'burg', 'ford', 'mouth', 'haven', 'dorf', 'ia'];

const firstNames = [
  'Anna',
  'Boris',
  'Chen',
  'Dara',
  'Emil',
  'Farah',
  'Goran',
  'Hana',
  'Ivo',
  'Jana',
  'Kofi',
  'Lena',
  'Milos',
  'Nadia',
  'Omar',
  'Petra',
  'Rafael',
  'Sofia',
  'Tomas',
  'Ulla',
  'Viktor',
  'Wen',
  'Yusuf',
  'Zofia',
  'José',
  'Zoë',
  'Ahmed',
  'Beatriz',
  'Carlos',
  'Dmitri',
  'Elif',
  'Felipe',
  'Grace',
  'Hiroshi',
  'Ingrid',
  'Jamal',
  'Keiko',
  'Luis',
  'Maria',
  'Nikolai',
  'Olga',
  'Pavel',
  'Rania',
  'Samir',
  'Tatiana',
  'Umar',
  'Vera',
  'Wei',
];
const lastHeads = ['Ka', 'Lo', 'Mi', 'Na', 'Or', 'Pe', 'Ra', 'Si', 'Ta', 'Vo', 'Ze', 'Du'];
const lastMiddles = ['ran', 'vel', 'mor', 'sik', 'len', 'dor', 'bar', 'tis', 'gan', 'rov', 'mel'];
const lastTails = ['ov', 'ez', 'ski', 'son', 'ard', 'ini', 'ek', 'ath', 'ura', 'ens', 'ic', 'o'];
const lastNameCount = lastHeads.length * lastMiddles.length * lastTails.length;

const internationalOrganizations = [
  'United Assembly of Nations',
  'Global Trade Organization',
  'International Energy Forum',
  'Council of Northern States',
  'Southern Economic Community',
  'International Court of Arbitration',
  'World Health Assembly',
  'Atlantic Defence Alliance',
  'Eastern Cooperation Organization',
  'Continental Development Bank',
];
const internationalTitles = ['Secretary-General', 'Special Envoy', 'President', 'Spokesperson'];

/** National organizations: name from the country's name, an alias, the titles held in them. */
const organizationKinds: readonly {
  name: (country: string) => string;
  alias: (country: string, iso3: string) => string;
  titles: readonly string[];
}[] = [
  {
    name: (c) => `Ministry of Foreign Affairs of ${c}`,
    alias: (c) => `${c} Foreign Ministry`,
    titles: ['Foreign Minister', 'Deputy Foreign Minister', 'Spokesperson'],
  },
  {
    name: (c) => `Ministry of Defence of ${c}`,
    alias: (c) => `${c} Defence Ministry`,
    titles: ['Defence Minister', 'Chief of Staff', 'Spokesperson'],
  },
  {
    name: (c) => `Central Bank of ${c}`,
    alias: (_, iso3) => `${iso3} Central Bank`,
    titles: ['Governor', 'Chief Economist'],
  },
  {
    name: (c) => `${c} National Assembly`,
    alias: (c) => `Parliament of ${c}`,
    titles: ['Speaker', 'Member of Parliament'],
  },
  {
    name: (c) => `${c} State Energy Company`,
    alias: (_, iso3) => `${iso3}Energy`,
    titles: ['Chief Executive', 'Chair'],
  },
  {
    name: (c) => `${c} Broadcasting Corporation`,
    alias: (_, iso3) => `${iso3}BC`,
    titles: ['Director-General', 'Chief Correspondent'],
  },
  {
    name: (c) => `${c} Institute for Strategic Studies`,
    alias: (_, iso3) => `${iso3}ISS`,
    titles: ['Director', 'Senior Fellow'],
  },
  {
    name: (c) => `${c} People's Party`,
    alias: (c) => `People's Party of ${c}`,
    titles: ['Party Leader', 'General Secretary'],
  },
  {
    name: (c) => `${c} Democratic Union`,
    alias: (_, iso3) => `${iso3} DU`,
    titles: ['Party Leader', 'Chair'],
  },
  {
    name: (c) => `${c} Armed Forces`,
    alias: (c) => `Military of ${c}`,
    titles: ['Commander-in-Chief', 'Chief of Staff'],
  },
  {
    name: (c) => `${c} Intelligence Service`,
    alias: (_, iso3) => `${iso3} Intelligence`,
    titles: ['Director', 'Deputy Director'],
  },
  {
    name: (c) => `${c} Chamber of Commerce`,
    alias: (c) => `Chamber of Commerce of ${c}`,
    titles: ['President', 'Chair'],
  },
];
const countryTitles = [
  'President',
  'Prime Minister',
  'Foreign Minister',
  'Defence Minister',
  'Finance Minister',
  'Ambassador to the United Assembly',
  'Opposition Leader',
  'Senator',
];

// Statement and meeting topics with their weights: "sanctions" is in about 7% of statements.
const topics: readonly (readonly [string, number])[] = [
  ['sanctions', 7],
  ['the ceasefire', 6],
  ['trade tariffs', 6],
  ['energy supplies', 6],
  ['border security', 6],
  ['the peace negotiations', 6],
  ['election monitoring', 5],
  ['refugee flows', 5],
  ['climate finance', 5],
  ['arms exports', 5],
  ['the grain corridor', 4],
  ['nuclear safety', 4],
  ['cyber attacks', 5],
  ['debt relief', 4],
  ['fishing rights', 3],
  ['water rights', 3],
  ['pipeline construction', 4],
  ['military exercises', 5],
  ['human rights', 5],
  ['drought relief', 2],
];

type Stance = 'SUPPORTS' | 'CRITICIZES' | 'NEUTRAL' | 'DENIES';
const stances: readonly (readonly [Stance, number])[] = [
  ['CRITICIZES', 35],
  ['SUPPORTS', 30],
  ['NEUTRAL', 25],
  ['DENIES', 10],
];
// How each kind of statement words its stance toward the first subject.
const pastVerbs: Record<Stance, readonly string[]> = {
  CRITICIZES: ['criticized', 'condemned', 'accused', 'warned'],
  SUPPORTS: ['praised', 'backed', 'welcomed', 'endorsed'],
  NEUTRAL: ['discussed', 'commented on', 'addressed', 'spoke about'],
  DENIES: ['rejected claims by', 'dismissed accusations from', 'denied reports about'],
};
const presentVerbs: Record<Stance, string> = {
  CRITICIZES: 'condemn',
  SUPPORTS: 'stand with',
  NEUTRAL: 'are in contact with',
  DENIES: 'reject the claims of',
};
const reportedOutcomes = ['stalled', 'made progress', 'resumed', 'broken down'];
const settings = [
  '',
  ' during a press conference in {city}',
  ' in an interview with {publisher}',
  ' at a summit in {city}',
  ' on state television',
  ' in a written statement',
  ' after talks in {city}',
  ' ahead of a parliamentary vote',
];
const publishers = [
  'Global Wire',
  'The Daily Ledger',
  'Continental Times',
  'Northern Herald',
  'World Dispatch',
  'The Evening Courier',
  'Capital Post',
  'Harbor News',
  'The Observer Review',
  'Pacific Tribune',
  'Morning Standard',
  'Union Press Agency',
];
const meetingKinds = [
  ['TALKS', 35],
  ['CALL', 15],
  ['VISIT', 20],
  ['SUMMIT', 5],
  ['DISCUSSION', 20],
  ['OTHER', 5],
] as const;
type MeetingKind = (typeof meetingKinds)[number][0];
const meetingLabels: Record<MeetingKind, string> = {
  TALKS: 'Talks',
  CALL: 'Phone call',
  VISIT: 'Visit',
  SUMMIT: 'Summit',
  DISCUSSION: 'Discussion',
  OTHER: 'Meeting',
};

// Every date falls in these years; one day in milliseconds.
const firstDay = Date.UTC(2015, 0, 1);
const lastDay = Date.UTC(2026, 9, 31);
const day = 86_400_000;
const dayCount = (lastDay - firstDay) / day + 1;
// Countries, organizations and people were all recorded before the first news item.
const entitiesRecordedAt = new Date(Date.UTC(2014, 11, 31));

const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

type DateColumns = { date: Date | null; precision: 'DAY' | 'MONTH' | 'YEAR' | null };

/** A date known to a day mostly, else to a month or a year; undated with `undated` chance. */
function partialDate(random: Random, time: number, undated: number): DateColumns {
  if (random.chance(undated)) return { date: null, precision: null };
  const text = random.weighted([
    [isoDay(time), 90],
    [isoDay(time).slice(0, 7), 7],
    [isoDay(time).slice(0, 4), 3],
  ]);
  const parsed = parsePartialDate(text);
  return { date: parsed?.date ?? null, precision: parsed?.precision ?? null };
}

const joinNames = (names: string[]) =>
  names.length <= 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Something a source attests: its excerpt and a short form for the source's headline. */
type Attested = {
  kind: 'statement' | 'meeting';
  id: number;
  excerpt: string;
  headline: string;
  source: number;
  secondSource: number | null;
};

/** The dataset for `scale` and `seed`: the same arguments always give identical rows. */
export function generateDataset(scale: number, seed = 1): Dataset {
  const size = datasetSize(scale);
  const random = new Random(seed);
  const rows: Rows = {
    country: [],
    organization: [],
    person: [],
    alias: [],
    role: [],
    source: [],
    statement: [],
    statementSubject: [],
    meeting: [],
    meetingParticipant: [],
    attestation: [],
  };
  // Versions are left to the column default (1), like every first version.
  const entity = { recordedAt: entitiesRecordedAt, updatedAt: entitiesRecordedAt };

  // Countries, each with an alias and three cities for meeting places and datelines.
  const cities: string[][] = [];
  for (let i = 0; i < size.countries; i++) {
    const root = countryRoots[Math.floor(i / countrySuffixes.length) % countryRoots.length] ?? '';
    const [suffix, code] = countrySuffixes[i % countrySuffixes.length] ?? ['', ''];
    const name = `${root}${suffix}`;
    rows.country.push({
      id: i + 1,
      name,
      normalizedName: normalizeName(name),
      iso2: `${root.charAt(0)}${code}`,
      iso3: `${root.slice(0, 2).toUpperCase()}${code}`,
      description: `A country in ${regions[i % regions.length]}.`,
      ...entity,
    });
    cities.push(
      [0, 3, 6].map((k) => {
        const stem = countryRoots[(i + k * 7) % countryRoots.length] ?? '';
        return `${stem}${cityEndings[(i + k) % cityEndings.length]}`;
      }),
    );
  }
  const countryName = (id: number) => rows.country[id - 1]?.name ?? '';
  const cityOf = (countryId: number) => random.pick(cities[countryId - 1] ?? ['']);
  let aliasId = 0;
  const addAlias = (name: string, owner: 'personId' | 'countryId' | 'organizationId', id: number) =>
    rows.alias.push({
      id: ++aliasId,
      name,
      normalizedName: normalizeName(name),
      personId: owner === 'personId' ? id : null,
      countryId: owner === 'countryId' ? id : null,
      organizationId: owner === 'organizationId' ? id : null,
    });
  for (const country of rows.country)
    addAlias(`Republic of ${country.name}`, 'countryId', country.id);

  // Organizations: a few international bodies, then national ones (kinds x countries).
  const international = Math.min(
    internationalOrganizations.length,
    Math.max(1, Math.floor(size.organizations / 200)),
  );
  const organizationTitles: (readonly string[])[] = [];
  for (let i = 0; i < size.organizations; i++) {
    const id = i + 1;
    let name: string;
    let alias: string | null = null;
    let countryId: number | null = null;
    let description: string;
    if (i < international) {
      name = internationalOrganizations[i] as string;
      description = 'An international organization.';
      organizationTitles.push(internationalTitles);
    } else {
      const n = i - international;
      countryId = (n % size.countries) + 1;
      const kindIndex = Math.floor(n / size.countries);
      const kind = organizationKinds[kindIndex % organizationKinds.length];
      if (!kind) throw new Error('unreachable');
      const round = Math.floor(kindIndex / organizationKinds.length);
      const country = rows.country[countryId - 1];
      name = kind.name(countryName(countryId)) + (round ? ` (${round + 1})` : '');
      if (random.chance(0.4)) alias = kind.alias(countryName(countryId), country?.iso3 ?? '');
      description = `An organization of ${countryName(countryId)}.`;
      organizationTitles.push(kind.titles);
    }
    rows.organization.push({
      id,
      name,
      normalizedName: normalizeName(name),
      description,
      countryId,
      ...entity,
    });
    if (alias && normalizeName(alias) !== normalizeName(name))
      addAlias(alias, 'organizationId', id);
  }

  /** Mostly one of the country's own organizations; else any, international ones included. */
  const organizationFor = (countryId: number | null): number => {
    const national = size.organizations - international;
    const kinds = countryId ? Math.ceil((national - (countryId - 1)) / size.countries) : 0;
    if (!countryId || kinds <= 0 || random.chance(0.15)) return random.int(size.organizations) + 1;
    return international + countryId + random.int(kinds) * size.countries;
  };

  // People: a nationality most of the time, 1-3 roles over time (the latest usually current),
  // 0-2 aliases, and a description from the latest role.
  let roleId = 0;
  for (let i = 0; i < size.people; i++) {
    const id = i + 1;
    const first = firstNames[i % firstNames.length] as string;
    // Multiplying by a number prime to the count spreads neighbours over different last names.
    const lastIndex = (Math.floor(i / firstNames.length) * 1013) % lastNameCount;
    const last =
      (lastHeads[lastIndex % lastHeads.length] as string) +
      lastMiddles[Math.floor(lastIndex / lastHeads.length) % lastMiddles.length] +
      lastTails[Math.floor(lastIndex / (lastHeads.length * lastMiddles.length))];
    const round = Math.floor(i / (firstNames.length * lastNameCount));
    const name = `${first} ${last}${round ? ` ${round + 1}` : ''}`;
    const countryId = random.chance(0.92) ? random.int(size.countries) + 1 : null;

    const roleCount = random.weighted([
      [1, 50],
      [2, 35],
      [3, 15],
    ]);
    let start = Date.UTC(2000, 0, 1) + random.int(23 * 365) * day;
    let latest = '';
    for (let r = 0; r < roleCount; r++) {
      const next = start + (365 + random.int(6 * 365)) * day;
      const isLast = r === roleCount - 1 || next > lastDay - 30 * day;
      let title: string;
      let roleCountry: number | null;
      let organizationId: number | null = null;
      if (random.chance(0.6)) {
        organizationId = organizationFor(countryId);
        title = random.pick(organizationTitles[organizationId - 1] ?? countryTitles);
        roleCountry = rows.organization[organizationId - 1]?.countryId ?? null;
      } else {
        title = random.pick(countryTitles);
        roleCountry = countryId ?? random.int(size.countries) + 1;
      }
      // Earlier roles ended shortly before the next began; the latest one usually goes on.
      const ends = !isLast || random.chance(0.15);
      const end = isLast ? Math.min(next, lastDay) : next - random.int(30) * day;
      const startColumns = partialDate(random, start, 0.05);
      const endColumns = ends
        ? partialDate(random, Math.max(end, start + day), 0)
        : { date: null, precision: null };
      rows.role.push({
        id: ++roleId,
        personId: id,
        title,
        countryId: roleCountry,
        organizationId,
        startDate: startColumns.date,
        startPrecision: startColumns.precision,
        endDate: endColumns.date,
        endPrecision: endColumns.precision,
        recordedAt: entitiesRecordedAt,
      });
      const where = organizationId
        ? (rows.organization[organizationId - 1]?.name ?? '')
        : countryName(roleCountry ?? 0);
      latest = `${ends ? 'Former ' : ''}${title}, ${where}.`;
      if (isLast) break;
      start = next;
    }
    rows.person.push({
      id,
      name,
      normalizedName: normalizeName(name),
      description: latest,
      countryId,
      ...entity,
    });
    const variants = [
      `${first.charAt(0)}. ${last}`,
      last.replace(/v/g, 'w').replace(/k/g, 'c'),
      `${first} ${last.replace(/ov$/, 'off').replace(/ski$/, 'sky')}`,
    ].filter((alias, index, all) => {
      const normalized = normalizeName(alias);
      return (
        normalized !== normalizeName(name) &&
        all.findIndex((other) => normalizeName(other) === normalized) === index
      );
    });
    const aliasCount = Math.min(
      variants.length,
      random.weighted([
        [0, 40],
        [1, 40],
        [2, 20],
      ]),
    );
    for (const alias of variants.slice(0, aliasCount)) addAlias(alias, 'personId', id);
  }
  const personName = (id: number) => rows.person[id - 1]?.name ?? '';
  const organizationName = (id: number) => rows.organization[id - 1]?.name ?? '';

  // Sources: publication days spread over the years, ids in date order; texts come last.
  const sourceDays = Array.from({ length: size.sources }, () => random.int(dayCount)).sort(
    (a, b) => a - b,
  );
  // The last day's news too has a source reporting it.
  sourceDays[size.sources - 1] = dayCount - 1;
  /** The index of a source published on or soon after `time` (or any, for an unknown date). */
  const sourceFor = (time: number | null): number => {
    if (time === null) return random.int(size.sources);
    const target = Math.floor((time - firstDay) / day);
    let low = 0;
    let high = size.sources;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((sourceDays[middle] as number) < target) low = middle + 1;
      else high = middle;
    }
    return Math.min(size.sources - 1, low + random.int(3));
  };
  /** Sometimes a later report of the same thing. */
  const otherSource = (index: number): number | null =>
    index < size.sources - 1 && random.chance(0.15)
      ? Math.min(size.sources - 1, index + 1 + random.int(10))
      : null;
  const attested: Attested[] = [];

  // Statements: popular speakers and subjects (Zipf), 1-4 distinct subjects with stances.
  const speakerPerson = popularity(random, size.people, 10);
  const speakerOrganization = popularity(random, size.organizations, 5);
  const subjectPerson = popularity(random, size.people, 10);
  const subjectCountry = popularity(random, size.countries, 5);
  const subjectOrganization = popularity(random, size.organizations, 10);
  let subjectId = 0;
  for (let i = 0; i < size.statements; i++) {
    const id = i + 1;
    const byPerson = random.chance(0.9);
    const speakerId = (byPerson ? speakerPerson() : speakerOrganization()) + 1;
    const speaker = byPerson ? personName(speakerId) : `The ${organizationName(speakerId)}`;
    const subjectCount = random.weighted([
      [1, 35],
      [2, 35],
      [3, 20],
      [4, 10],
    ]);
    const subjects: { key: string; name: string; column: string; id: number }[] = [];
    for (let attempt = 0; subjects.length < subjectCount && attempt < 20; attempt++) {
      const type = random.weighted([
        ['personId', 50],
        ['countryId', 30],
        ['organizationId', 20],
      ] as const);
      const subject =
        type === 'personId'
          ? subjectPerson() + 1
          : type === 'countryId'
            ? subjectCountry() + 1
            : subjectOrganization() + 1;
      const key = `${type}:${subject}`;
      const isSpeaker =
        (type === 'personId' && byPerson && subject === speakerId) ||
        (type === 'organizationId' && !byPerson && subject === speakerId);
      if (isSpeaker || subjects.some((s) => s.key === key)) continue;
      const name =
        type === 'personId'
          ? personName(subject)
          : type === 'countryId'
            ? countryName(subject)
            : `the ${organizationName(subject)}`;
      subjects.push({ key, name, column: type, id: subject });
    }
    const stance = random.weighted(stances);
    for (const [index, subject] of subjects.entries()) {
      const own =
        index === 0 ? stance : random.chance(0.6) ? stance : random.chance(0.5) ? null : stance;
      rows.statementSubject.push({
        id: ++subjectId,
        statementId: id,
        personId: subject.column === 'personId' ? subject.id : null,
        countryId: subject.column === 'countryId' ? subject.id : null,
        organizationId: subject.column === 'organizationId' ? subject.id : null,
        stance: own,
      });
    }
    const topic = random.weighted(topics);
    const kind = random.weighted([
      ['QUOTE', 40],
      ['PARAPHRASE', 40],
      ['REPORT', 20],
    ] as const);
    const homeCountry = byPerson
      ? rows.person[speakerId - 1]?.countryId
      : rows.organization[speakerId - 1]?.countryId;
    const setting = random
      .pick(settings)
      .replace('{city}', cityOf(homeCountry ?? random.int(size.countries) + 1))
      .replace('{publisher}', random.pick(publishers));
    const about = joinNames(subjects.map((s) => s.name));
    const outcome = random.pick(reportedOutcomes);
    const verb = random.pick(pastVerbs[stance]);
    const text =
      kind === 'QUOTE'
        ? `"We ${presentVerbs[stance]} ${about} on ${topic}," ${speaker} said${setting}.`
        : kind === 'PARAPHRASE'
          ? `${speaker} ${verb} ${about} over ${topic}${setting}.`
          : `${speaker} reported that talks with ${about} on ${topic} had ${outcome}${setting}.`;
    const time = firstDay + random.int(dayCount) * day;
    const occurred = partialDate(random, time, 0.02);
    const source = sourceFor(occurred.date?.getTime() ?? null);
    rows.statement.push({
      id,
      text,
      kind,
      speakerPersonId: byPerson ? speakerId : null,
      speakerOrganizationId: byPerson ? null : speakerId,
      occurredOn: occurred.date,
      occurredPrecision: occurred.precision,
      confidence: random.chance(0.8) ? 1 : 0.5 + random.int(50) / 100,
      verification: random.chance(0.7) ? 'VERIFIED' : 'EXTRACTED',
      // Set when the texts are known, from the attesting source.
      recordedAt: entitiesRecordedAt,
      updatedAt: entitiesRecordedAt,
    });
    attested.push({
      kind: 'statement',
      id,
      excerpt: text,
      headline: `${speaker.replace(/^The /, '')} ${verb} ${subjects[0]?.name} over ${topic}`,
      source,
      secondSource: otherSource(source),
    });
  }

  // Meetings: 2-6 distinct participants, popular people more often; held mostly.
  const participant = popularity(random, size.people, 10);
  let participantId = 0;
  for (let i = 0; i < size.meetings; i++) {
    const id = i + 1;
    const count = random.weighted([
      [2, 45],
      [3, 25],
      [4, 15],
      [5, 10],
      [6, 5],
    ]);
    const people = new Set<number>();
    while (people.size < count) people.add(participant() + 1);
    const ids = [...people];
    for (const personId of ids) {
      rows.meetingParticipant.push({ id: ++participantId, meetingId: id, personId });
    }
    const kind = random.weighted(meetingKinds);
    const status = random.weighted([
      ['HELD', 90],
      ['SCHEDULED', 6],
      ['CANCELLED', 4],
    ] as const);
    const topic = random.weighted(topics);
    const host = rows.person[(ids[0] as number) - 1]?.countryId;
    const countryId =
      kind === 'CALL' && random.chance(0.7) ? null : (host ?? random.int(size.countries) + 1);
    const placeName = countryId === null ? null : cityOf(countryId);
    const names = ids.map(personName);
    const [firstName, ...others] = names;
    const where = placeName ? ` in ${placeName}` : '';
    const description =
      status === 'CANCELLED'
        ? `A planned meeting between ${joinNames(names)}${where} on ${topic} was cancelled.`
        : status === 'SCHEDULED'
          ? `${firstName} is scheduled to meet ${joinNames(others)}${where} to discuss ${topic}.`
          : kind === 'CALL'
            ? `${firstName} held a phone call with ${joinNames(others)} on ${topic}.`
            : kind === 'VISIT'
              ? `${firstName} visited ${placeName}, meeting ${joinNames(others)} on ${topic}.`
              : `${firstName} met ${joinNames(others)}${where} to discuss ${topic}.`;
    const time = firstDay + random.int(dayCount) * day;
    const occurred = partialDate(random, time, 0.02);
    const source = sourceFor(occurred.date?.getTime() ?? null);
    rows.meeting.push({
      id,
      kind,
      status,
      topic: `${meetingLabels[kind]} on ${topic}`,
      placeName,
      countryId,
      occurredOn: occurred.date,
      occurredPrecision: occurred.precision,
      confidence: random.chance(0.85) ? 1 : 0.5 + random.int(50) / 100,
      verification: random.chance(0.7) ? 'VERIFIED' : 'EXTRACTED',
      recordedAt: entitiesRecordedAt,
      updatedAt: entitiesRecordedAt,
    });
    attested.push({
      kind: 'meeting',
      id,
      excerpt: description,
      headline: `${meetingLabels[kind]} on ${topic}${where}`,
      source,
      secondSource: otherSource(source),
    });
  }

  // Each source's text is a dateline followed by the excerpts it attests, so the offsets are
  // real. A source is recorded hours after it appeared, with its attestations; a statement or a
  // meeting with its first source.
  const bySource: Attested[][] = Array.from({ length: size.sources }, () => []);
  for (const item of attested) {
    bySource[item.source]?.push(item);
    if (item.secondSource !== null) bySource[item.secondSource]?.push(item);
  }
  const sourceRecordedAt: Date[] = [];
  let attestationId = 0;
  for (let s = 0; s < size.sources; s++) {
    const id = s + 1;
    const published = firstDay + (sourceDays[s] as number) * day;
    const publisher = random.pick(publishers);
    const recordedAt = new Date(published + (6 + random.int(18)) * 3_600_000);
    sourceRecordedAt.push(recordedAt);
    const items = bySource[s] ?? [];
    const city = cityOf(random.int(size.countries) + 1);
    let text = `${city}, ${isoDay(published)} (${publisher}, story ${id}) —`;
    for (const item of items) {
      text += '\n\n';
      const startOffset = text.length;
      text += item.excerpt;
      rows.attestation.push({
        id: ++attestationId,
        sourceId: id,
        statementId: item.kind === 'statement' ? item.id : null,
        meetingId: item.kind === 'meeting' ? item.id : null,
        excerpt: item.excerpt,
        startOffset,
        endOffset: text.length,
        recordedAt,
      });
    }
    const slug = publisher.toLowerCase().replace(/[^a-z]+/g, '-');
    rows.source.push({
      id,
      title: items[0] ? `${items[0].headline}` : `News roundup, ${isoDay(published)}`,
      publisher,
      url: `https://${slug}.example/${isoDay(published).replaceAll('-', '/')}/story-${id}`,
      publishedOn: new Date(published),
      publishedPrecision: 'DAY',
      language: 'en',
      text,
      contentHash: sha256(text),
      recordedAt,
    });
  }
  for (const item of attested) {
    const first = sourceRecordedAt[item.source] as Date;
    const second = sourceRecordedAt[item.secondSource ?? item.source] as Date;
    const recordedAt = new Date(Math.min(first.getTime(), second.getTime()));
    const row = item.kind === 'statement' ? rows.statement[item.id - 1] : rows.meeting[item.id - 1];
    if (row) {
      row.recordedAt = recordedAt;
      row.updatedAt = recordedAt;
    }
  }
  return { scale, seed, generatorVersion, rows };
}

/** Rows per table of a dataset. */
export function datasetCounts(dataset: Dataset): Record<string, number> {
  return Object.fromEntries(
    bulkModels
      .filter((model): model is keyof Rows => model in dataset.rows)
      .map((model) => [tableOf(model), dataset.rows[model].length]),
  );
}

/** What a loaded database carries to say which dataset it holds. */
type Fingerprint = { generatorVersion: number; scale: number; seed: number };

const fingerprintOf = (dataset: Pick<Dataset, keyof Fingerprint>): string =>
  JSON.stringify({
    generatorVersion: dataset.generatorVersion,
    scale: dataset.scale,
    seed: dataset.seed,
  } satisfies Fingerprint);

// Kept outside Prisma's schema and migrations: only benchmark databases have it.
const fingerprintTable = `CREATE TABLE IF NOT EXISTS bench_dataset (
  fingerprint TEXT NOT NULL,
  counts TEXT NOT NULL,
  loaded_at TEXT NOT NULL,
  load_seconds DOUBLE PRECISION NOT NULL
)`;

export type LoadReport = BulkLoadReport & { vacuumSeconds: number };

/**
 * Migrates the database at `url` (if needed), bulk-loads `dataset` into it and records the
 * dataset's fingerprint there. The database must hold none of the dataset's ids.
 */
export async function loadDataset(
  url: string,
  dataset: Dataset,
  options: { onProgress?: (model: BulkModel, loaded: number, total: number) => void } = {},
): Promise<LoadReport> {
  await migrate(url);
  const database = openDatabase(url, { poolSize: 2, logQueries: false });
  try {
    const report = await bulkLoad(database, dataset.rows, options);
    let vacuumSeconds = 0;
    if (database.provider === 'postgresql') {
      // Sets hint bits and the visibility map now, so the benchmark's first reads do not pay for
      // them and index-only scans work.
      const started = performance.now();
      await database.prisma.$executeRawUnsafe('VACUUM');
      vacuumSeconds = (performance.now() - started) / 1000;
    }
    const { prisma } = database;
    await prisma.$executeRawUnsafe(fingerprintTable);
    await prisma.$executeRawUnsafe('DELETE FROM bench_dataset');
    await prisma.$executeRaw`
      INSERT INTO bench_dataset (fingerprint, counts, loaded_at, load_seconds)
      VALUES (${fingerprintOf(dataset)}, ${JSON.stringify(datasetCounts(dataset))},
        ${new Date().toISOString()}, ${report.seconds})`;
    return { ...report, vacuumSeconds };
  } finally {
    await database.close();
  }
}

const benchDir = dirname(fileURLToPath(import.meta.url));
const scaleName = (scale: number) => `s${String(scale).replace('.', '_')}`;

/** Where a dataset lives unless told otherwise. */
export function defaultDatasetUrl(provider: Provider, scale: number): string {
  return provider === 'postgresql'
    ? `postgresql://postgres@127.0.0.1:5432/kb_bench_${scaleName(scale)}`
    : `file:${join(benchDir, '.data', `kb_bench_${scaleName(scale)}.db`)}`;
}

/** The PostgreSQL database a URL names, and a URL for the server's `postgres` database. */
function postgresTarget(url: string): { name: string; adminUrl: string } {
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`unusable database name "${name}"`);
  parsed.pathname = '/postgres';
  return { name, adminUrl: parsed.toString() };
}

/** Deletes and recreates the database at `url`, empty. Only benchmark databases qualify. */
export async function recreateDatabase(url: string): Promise<void> {
  if (providerOf(url) === 'sqlite') {
    const path = sqliteFilePath(url);
    if (!/bench/.test(basename(path))) {
      throw new Error(`refusing to delete ${path}: a benchmark database's name contains "bench"`);
    }
    for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    return;
  }
  const { name, adminUrl } = postgresTarget(url);
  if (!/bench/.test(name)) {
    throw new Error(`refusing to drop ${name}: a benchmark database's name contains "bench"`);
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
}

async function databaseExists(url: string): Promise<boolean> {
  if (providerOf(url) === 'sqlite') return existsSync(sqliteFilePath(url));
  const { name, adminUrl } = postgresTarget(url);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    return (
      (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1
    );
  } finally {
    await admin.end();
  }
}

/**
 * Whether the database at `url` holds exactly the dataset `fingerprint` names: it was loaded to
 * the end and no table has gained or lost rows since.
 */
async function holdsDataset(url: string, fingerprint: string): Promise<boolean> {
  if (!(await databaseExists(url))) return false;
  const database = openDatabase(url, { poolSize: 1 });
  try {
    const { prisma, provider } = database;
    const present = await prisma.$queryRawUnsafe<{ found: number | bigint }[]>(
      provider === 'sqlite'
        ? `SELECT count(*) AS found FROM sqlite_master
           WHERE type = 'table' AND name = 'bench_dataset'`
        : `SELECT count(*) AS found FROM pg_class
           WHERE relname = 'bench_dataset' AND relkind = 'r'`,
    );
    if (Number(present[0]?.found ?? 0) === 0) return false;
    const [row] = await prisma.$queryRawUnsafe<{ fingerprint: string; counts: string }[]>(
      'SELECT fingerprint, counts FROM bench_dataset',
    );
    if (!row || row.fingerprint !== fingerprint) return false;
    for (const [table, expected] of Object.entries(
      JSON.parse(row.counts) as Record<string, number>,
    )) {
      const [count] = await prisma.$queryRawUnsafe<{ rows: number | bigint }[]>(
        `SELECT count(*) AS rows FROM "${table}"`,
      );
      if (Number(count?.rows) !== expected) return false;
    }
    return true;
  } finally {
    await database.close();
  }
}

export type EnsureOptions = { provider: Provider; scale: number; seed?: number; url?: string };
export type EnsureResult = {
  url: string;
  reused: boolean;
  /** Set when the dataset was generated and loaded now. */
  generateSeconds?: number;
  load?: LoadReport;
};

/**
 * A database holding the dataset of `scale` and `seed`: the one at `url` (or the default URL)
 * when it already holds exactly that dataset, else recreated, migrated and loaded.
 */
export async function ensureDataset({
  provider,
  scale,
  seed = 1,
  url = defaultDatasetUrl(provider, scale),
}: EnsureOptions): Promise<EnsureResult> {
  if (providerOf(url) !== provider) throw new Error(`${redact(url)} is not a ${provider} URL`);
  datasetSize(scale);
  if (await holdsDataset(url, fingerprintOf({ generatorVersion, scale, seed }))) {
    return { url, reused: true };
  }
  return { url, reused: false, ...(await regenerate(url, scale, seed)) };
}

async function regenerate(
  url: string,
  scale: number,
  seed: number,
  onProgress?: (model: BulkModel, loaded: number, total: number) => void,
) {
  await recreateDatabase(url);
  const started = performance.now();
  const dataset = generateDataset(scale, seed);
  const generateSeconds = (performance.now() - started) / 1000;
  const load = await loadDataset(url, dataset, { onProgress });
  return { generateSeconds, load };
}

function parseArguments(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      scale: { type: 'string', default: '1' },
      seed: { type: 'string', default: '1' },
      provider: { type: 'string', default: 'postgresql' },
      database: { type: 'string' },
      reuse: { type: 'boolean', default: false },
    },
  });
  const scale = Number(values.scale);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${values.seed}`);
  const provider = values.database ? providerOf(values.database) : (values.provider as Provider);
  if (provider !== 'sqlite' && provider !== 'postgresql') {
    throw new Error(`--provider must be sqlite or postgresql, got ${values.provider}`);
  }
  datasetSize(scale);
  return {
    scale,
    seed,
    provider,
    url: values.database ?? defaultDatasetUrl(provider, scale),
    reuse: values.reuse,
  };
}

const rate = (rows: number, seconds: number) =>
  seconds > 0 ? Math.round(rows / seconds).toLocaleString('en-US') : '-';

function printReport(report: LoadReport, generateSeconds: number) {
  const line = (name: string, rows: string, seconds: string, perSecond: string) =>
    console.log(
      `${name.padEnd(20)}${rows.padStart(12)}${seconds.padStart(10)}${perSecond.padStart(12)}`,
    );
  console.log(`generated in ${generateSeconds.toFixed(1)} s`);
  line('table', 'rows', 'seconds', 'rows/s');
  for (const table of report.tables) {
    line(
      table.table,
      table.rows.toLocaleString('en-US'),
      table.seconds.toFixed(1),
      rate(table.rows, table.seconds),
    );
  }
  line(
    'total (with ANALYZE)',
    report.rows.toLocaleString('en-US'),
    report.seconds.toFixed(1),
    rate(report.rows, report.seconds),
  );
  if (report.searchIndexSeconds > 0.05) {
    console.log(`  of which search indexing: ${report.searchIndexSeconds.toFixed(1)} s`);
  }
  if (report.vacuumSeconds) console.log(`VACUUM afterwards: ${report.vacuumSeconds.toFixed(1)} s`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const options = parseArguments(process.argv.slice(2));
  const { scale, seed, url } = options;
  console.log(
    `dataset scale ${scale}, seed ${seed}, generator ${generatorVersion} → ${redact(url)}`,
  );
  if (
    options.reuse &&
    (await holdsDataset(url, fingerprintOf({ generatorVersion, scale, seed })))
  ) {
    console.log('the database already holds this dataset; nothing to do');
  } else {
    let shown = '';
    const { generateSeconds, load } = await regenerate(url, scale, seed, (model, loaded, total) => {
      const step = `${model} ${Math.floor((loaded / total) * 4) * 25}%`;
      if (step !== shown && process.stderr.isTTY) process.stderr.write(`\r${step.padEnd(40)}`);
      shown = step;
    });
    if (process.stderr.isTTY) process.stderr.write(`\r${''.padEnd(40)}\r`);
    printReport(load, generateSeconds);
  }
}
