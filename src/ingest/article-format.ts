// The knowledge drawn from one article, as a JSON file written by a person or an extractor:
// the source text, the entities it names, and what they said and whom they met.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { listCaps } from '../shared/list-caps.js';
import { lastDayOf, parsePartialDate } from '../shared/partial-date.js';
import { unstorableStrings } from '../shared/storable-text.js';

export const articleFormat = 'news-kb/article@1';

const key = z
  .string()
  .regex(/^[a-z0-9]+(?:[-_.:][a-z0-9]+)*$/i, 'must be letters and digits joined by - _ . or :');
const name = z.string().trim().min(1, 'must not be blank');
const partialDate = z
  .string()
  .refine(
    (value) => parsePartialDate(value) !== null,
    'must be a real date: YYYY, YYYY-MM or YYYY-MM-DD',
  );
const excerpt = z.string().min(1, 'must not be empty');
const confidence = z.number().min(0).max(1).default(1);
const verification = z.enum(['VERIFIED', 'EXTRACTED']).default('VERIFIED');

/**
 * The most entries in each of an article's lists. An import is one transaction, so its size is
 * bounded: larger articles are refused (split them) rather than imported in parts.
 */
export const maxArticleEntries = 5_000;

const entries = <T extends z.ZodType>(item: T) =>
  z.array(item).max(maxArticleEntries, `at most ${maxArticleEntries} per article: split it`);

const externalId = z.strictObject({ scheme: name, value: name });

const entity = {
  key,
  name,
  description: name.optional(),
  aliases: z.array(name).default([]),
  externalIds: z.array(externalId).default([]),
};

const role = z.strictObject({
  title: name,
  country: key.optional(),
  organization: key.optional(),
  start: partialDate.optional(),
  end: partialDate.optional(),
});

export const articleSchema = z
  .strictObject({
    format: z.literal(articleFormat),
    source: z.strictObject({
      title: name,
      publisher: name.nullable(),
      url: z.url({ protocol: /^https?$/ }).nullable(),
      publishedOn: partialDate.nullable(),
      language: z
        .string()
        .regex(
          /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/,
          'must be a language tag such as "en" or "pt-BR"',
        )
        .nullable(),
      text: z.string().min(1, 'must not be empty'),
    }),
    countries: entries(
      z.strictObject({
        ...entity,
        iso2: z.string().regex(/^[A-Z]{2}$/, 'must be two upper-case letters'),
        iso3: z.string().regex(/^[A-Z]{3}$/, 'must be three upper-case letters'),
      }),
    ),
    organizations: entries(z.strictObject({ ...entity, country: key.optional() })),
    people: entries(
      z.strictObject({ ...entity, country: key.optional(), roles: z.array(role).default([]) }),
    ),
    statements: entries(
      z.strictObject({
        key,
        speaker: key,
        text: name,
        kind: z.enum(['QUOTE', 'PARAPHRASE', 'REPORT']),
        date: partialDate.nullable(),
        about: z
          .array(
            z.strictObject({
              subject: key,
              stance: z.enum(['SUPPORTS', 'CRITICIZES', 'NEUTRAL', 'DENIES']).nullable(),
            }),
          )
          .max(listCaps.about, `at most ${listCaps.about} subjects`),
        excerpt,
        confidence,
        verification,
      }),
    ),
    meetings: entries(
      z.strictObject({
        key,
        kind: z.enum(['TALKS', 'CALL', 'VISIT', 'SUMMIT', 'DISCUSSION', 'OTHER']),
        status: z.enum(['SCHEDULED', 'HELD', 'CANCELLED']),
        topic: name.nullable(),
        placeName: name.nullable(),
        country: key.optional(),
        date: partialDate.nullable(),
        participants: z.array(key).min(2, 'a meeting needs at least two participants'),
        excerpt,
        confidence,
        verification,
      }),
    ),
  })
  .superRefine((article, ctx) => {
    type Kind = 'country' | 'organization' | 'person' | 'statement' | 'meeting';
    type Path = (string | number)[];
    const issue = (path: Path, message: string) => ctx.addIssue({ code: 'custom', path, message });
    const declared = new Map<string, { kind: Kind; path: Path }>();
    const declare = (kind: Kind, items: { key: string }[], collection: string) => {
      for (const [index, item] of items.entries()) {
        const path = [collection, index, 'key'];
        const first = declared.get(item.key);
        if (first)
          issue(path, `duplicate key "${item.key}", first used at ${first.path.join('.')}`);
        else declared.set(item.key, { kind, path });
      }
    };
    declare('country', article.countries, 'countries');
    declare('organization', article.organizations, 'organizations');
    declare('person', article.people, 'people');
    declare('statement', article.statements, 'statements');
    declare('meeting', article.meetings, 'meetings');

    const refer = (path: Path, target: string | undefined, allowed: Kind[]) => {
      if (target === undefined) return;
      const found = declared.get(target);
      if (!found) issue(path, `"${target}" is not the key of anything in this article`);
      else if (!allowed.includes(found.kind)) {
        issue(path, `"${target}" is a ${found.kind}, expected a ${allowed.join(' or a ')}`);
      }
    };
    const unique = (path: (index: number) => Path, values: string[], what: string) => {
      const seen = new Set<string>();
      for (const [index, value] of values.entries()) {
        if (seen.has(value)) issue(path(index), `${what} "${value}" is listed twice`);
        seen.add(value);
      }
    };
    const attested = (path: Path, text: string) => {
      if (!article.source.text.includes(text)) issue(path, 'does not occur in source.text');
    };

    unique(
      (i) => ['countries', i, 'iso2'],
      article.countries.map((c) => c.iso2),
      'iso2',
    );
    unique(
      (i) => ['countries', i, 'iso3'],
      article.countries.map((c) => c.iso3),
      'iso3',
    );
    const externalIds = new Map<string, Path>();
    for (const collection of ['countries', 'organizations', 'people'] as const) {
      for (const [index, item] of article[collection].entries()) {
        for (const [position, { scheme, value }] of item.externalIds.entries()) {
          const path = [collection, index, 'externalIds', position];
          const first = externalIds.get(`${scheme}\n${value}`);
          if (first) issue(path, `${scheme} ${value} is already given at ${first.join('.')}`);
          else externalIds.set(`${scheme}\n${value}`, path);
        }
      }
    }
    for (const [index, organization] of article.organizations.entries()) {
      refer(['organizations', index, 'country'], organization.country, ['country']);
    }
    for (const [index, person] of article.people.entries()) {
      refer(['people', index, 'country'], person.country, ['country']);
      for (const [position, role] of person.roles.entries()) {
        const path = ['people', index, 'roles', position];
        refer([...path, 'country'], role.country, ['country']);
        refer([...path, 'organization'], role.organization, ['organization']);
        if (!role.country && !role.organization) {
          issue(path, 'a role needs a country, an organization or both');
        }
        const start = role.start ? parsePartialDate(role.start) : null;
        const end = role.end ? parsePartialDate(role.end) : null;
        if (start && end && lastDayOf(end) < start.date) {
          issue([...path, 'end'], `ends before it starts (${role.start})`);
        }
      }
    }
    for (const [index, statement] of article.statements.entries()) {
      const path = ['statements', index];
      refer([...path, 'speaker'], statement.speaker, ['person', 'organization']);
      for (const [position, { subject }] of statement.about.entries()) {
        refer([...path, 'about', position, 'subject'], subject, [
          'person',
          'country',
          'organization',
        ]);
      }
      unique(
        (i) => [...path, 'about', i, 'subject'],
        statement.about.map((a) => a.subject),
        'subject',
      );
      attested([...path, 'excerpt'], statement.excerpt);
    }
    for (const [index, meeting] of article.meetings.entries()) {
      const path = ['meetings', index];
      refer([...path, 'country'], meeting.country, ['country']);
      for (const [position, participant] of meeting.participants.entries()) {
        refer([...path, 'participants', position], participant, ['person']);
      }
      unique((i) => [...path, 'participants', i], meeting.participants, 'participant');
      attested([...path, 'excerpt'], meeting.excerpt);
    }
  });

/** One article's knowledge, as the import reads it (defaults applied, names trimmed). */
export type Article = z.output<typeof articleSchema>;
/** One article's knowledge as written, with `source.text` inlined. */
export type ArticleInput = z.input<typeof articleSchema>;
/** An article document as a person or the extractor writes it: what `parseArticle` accepts. */
export type ArticleDocument = ArticleInput;

export type ArticleIssue = { path: (string | number)[]; message: string };

export class ArticleValidationError extends Error {
  override name = 'ArticleValidationError';

  constructor(
    readonly origin: string,
    readonly issues: ArticleIssue[],
  ) {
    const lines = issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    super(`${origin} is not a valid ${articleFormat}:\n${lines.join('\n')}`);
  }
}

/** Validates one article's knowledge; throws an ArticleValidationError listing every problem. */
export function parseArticle(data: unknown, origin = 'the article'): Article {
  const unstorable = unstorableStrings(data);
  if (unstorable.length > 0) throw new ArticleValidationError(origin, unstorable);
  const result = articleSchema.safeParse(data);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map((part) => (typeof part === 'number' ? part : String(part))),
    message: issue.message,
  }));
  throw new ArticleValidationError(origin, issues);
}

/**
 * Reads an article's JSON file, whose source text may sit in a file of its own named by
 * `source.textFile` (relative to the JSON file), and validates it.
 */
export async function readArticleFile(path: string): Promise<Article> {
  const json = await readFile(path, 'utf8');
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new ArticleValidationError(path, [{ path: [], message: (error as Error).message }]);
  }
  return parseArticle(await inlineTextFile(data, dirname(path), path), path);
}

async function inlineTextFile(data: unknown, dir: string, origin: string): Promise<unknown> {
  if (!isRecord(data) || !isRecord(data.source) || !('textFile' in data.source)) return data;
  const { textFile, ...source } = data.source;
  const fail = (message: string) => {
    throw new ArticleValidationError(origin, [{ path: ['source', 'textFile'], message }]);
  };
  if (typeof textFile !== 'string' || textFile === '') return fail('must name a file');
  if ('text' in source) return fail('give either source.text or source.textFile, not both');
  const file = resolve(dir, textFile);
  try {
    return { ...data, source: { ...source, text: await readFile(file, 'utf8') } };
  } catch (error) {
    return fail(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The articles in a file: one article document, or an array of them (what `kb export` writes).
 * Each is validated; the first invalid one throws, naming its position.
 */
export async function readArticleFiles(path: string): Promise<Article[]> {
  const json = await readFile(path, 'utf8');
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new ArticleValidationError(path, [{ path: [], message: (error as Error).message }]);
  }
  if (!Array.isArray(data)) {
    return [parseArticle(await inlineTextFile(data, dirname(path), path), path)];
  }
  return Promise.all(
    data.map(async (item, index) =>
      parseArticle(await inlineTextFile(item, dirname(path), path), `${path}[${index}]`),
    ),
  );
}
