// A deterministic generator of articles in the import format (news-kb/article@1): the same
// options always give the same articles, so tests can compute expected answers from them and
// benchmarks can reuse them. `tsx bench/generate-articles.ts <articles>` loads them into
// DATABASE_URL through the normal import.
import type { ArticleInput } from '../src/ingest/article-format.js';

export type GeneratorOptions = {
  seed?: number;
  articles: number;
  people?: number;
  countries?: number;
  statementsPerArticle?: number;
};

type Article = ArticleInput & {
  statements: Required<ArticleInput>['statements'];
  meetings: Required<ArticleInput>['meetings'];
};

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
];
const lastNames = [
  'Abara',
  'Brandt',
  'Castell',
  'Dvorak',
  'Eklund',
  'Fonseca',
  'Gruber',
  'Haddad',
  'Ionescu',
  'Jansen',
  'Kowal',
  'Lindqvist',
  'Moreau',
  'Novak',
  'Okafor',
  'Petrov',
];
const titles = ['President', 'Foreign Minister', 'Defence Minister', 'Spokesperson'];
// Words the texts are made of; tests count them to know what search must find.
export const topics = [
  'negotiations',
  'sanctions',
  'ceasefire',
  'tariffs',
  'elections',
  'pipelines',
  'drought',
  'refugees',
];
const verbs = ['criticized', 'praised', 'discussed', 'questioned'];
const stanceOfVerb = {
  criticized: 'CRITICIZES',
  praised: 'SUPPORTS',
  discussed: 'NEUTRAL',
  questioned: null,
} as const;

/** mulberry32: a small, fast, deterministic pseudo-random generator. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function personName(index: number): string {
  const first = firstNames[index % firstNames.length];
  const last = lastNames[Math.floor(index / firstNames.length) % lastNames.length];
  const round = Math.floor(index / (firstNames.length * lastNames.length));
  return round ? `${first} ${last} ${round + 1}` : `${first} ${last}`;
}

const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const countryName = (index: number) =>
  `Republic of ${lastNames[index % lastNames.length]}ia ${index}`;

export function generateArticles(options: GeneratorOptions): Article[] {
  const next = random(options.seed ?? 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const peopleCount = Math.min(options.people ?? 60, firstNames.length * lastNames.length);
  const countryCount = Math.min(options.countries ?? 12, 26);
  const perArticle = options.statementsPerArticle ?? 5;
  const countries = Array.from({ length: countryCount }, (_, i) => ({
    key: `c${i}`,
    name: countryName(i),
    iso2: `Q${letters[i]}`,
    iso3: `Q${letters[i]}X`,
  }));
  const people = Array.from({ length: peopleCount }, (_, i) => ({
    key: `p${i}`,
    name: personName(i),
    country: `c${i % countryCount}`,
    roles: [
      {
        title: titles[i % titles.length] as string,
        country: `c${i % countryCount}`,
        start: '2020-01-01',
      },
    ],
  }));
  const articles: Article[] = [];
  for (let a = 0; a < options.articles; a++) {
    const day = new Date(Date.UTC(2024, 0, 1 + a));
    const published = day.toISOString().slice(0, 10);
    const cast = new Set<number>();
    while (cast.size < Math.min(4, peopleCount)) cast.add(Math.floor(next() * peopleCount));
    const castList = [...cast];
    const sentences: string[] = [];
    const statements: Article['statements'] = [];
    for (let s = 0; s < perArticle; s++) {
      const speaker = people[pick(castList)] as (typeof people)[number];
      const subject = people[
        pick(castList.filter((i) => `p${i}` !== speaker.key))
      ] as (typeof people)[number];
      const country = countries[Math.floor(next() * countryCount)] as (typeof countries)[number];
      const verb = pick(verbs);
      const topic = pick(topics);
      const text = `${speaker.name} ${verb} ${subject.name} over ${topic} involving ${country.name} (item ${a + 1}.${s + 1}).`;
      sentences.push(text);
      const precision = next();
      statements.push({
        key: `s${s}`,
        speaker: speaker.key,
        text,
        kind: pick(['QUOTE', 'PARAPHRASE', 'REPORT'] as const),
        date: precision < 0.7 ? published : precision < 0.9 ? published.slice(0, 7) : null,
        about: [
          { subject: subject.key, stance: stanceOfVerb[verb as keyof typeof stanceOfVerb] },
          { subject: country.key, stance: null },
        ],
        excerpt: text,
      });
    }
    const [host, guest] = castList as [number, number];
    const place = countries[host % countryCount] as (typeof countries)[number];
    const meetingText = `${personName(host)} met ${personName(guest)} in ${place.name}.`;
    sentences.push(meetingText);
    const used = new Set(statements.flatMap((s) => [s.speaker, ...s.about.map((x) => x.subject)]));
    used.add(`p${host}`);
    used.add(`p${guest}`);
    used.add(place.key);
    articles.push({
      format: 'news-kb/article@1',
      source: {
        title: `Generated report ${a + 1}`,
        publisher: 'Generated Wire',
        url: `https://example.org/generated/${a + 1}`,
        publishedOn: published,
        language: 'en',
        text: sentences.join(' '),
      },
      countries: countries.filter(
        (c) => used.has(c.key) || people.some((p) => used.has(p.key) && p.country === c.key),
      ),
      organizations: [],
      people: people.filter((p) => used.has(p.key)),
      statements,
      meetings: [
        {
          key: 'm0',
          kind: 'TALKS',
          status: 'HELD',
          topic: `Talks on ${pick(topics)}`,
          placeName: null,
          country: place.key,
          date: published,
          participants: [`p${host}`, `p${guest}`],
          excerpt: meetingText,
        },
      ],
    });
  }
  return articles;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { loadConfig } = await import('../src/config.js');
  const { openDatabase } = await import('../src/db/client.js');
  const { migrate } = await import('../src/db/migrate.js');
  const { importArticle } = await import('../src/ingest/import-article.js');
  const count = Number(process.argv[2] ?? 100);
  const { DATABASE_URL } = loadConfig();
  await migrate(DATABASE_URL);
  const database = openDatabase(DATABASE_URL);
  const started = Date.now();
  for (const article of generateArticles({ articles: count })) {
    await importArticle(database.prisma, article);
  }
  console.log(`imported ${count} generated articles in ${Date.now() - started} ms`);
  await database.close();
}
