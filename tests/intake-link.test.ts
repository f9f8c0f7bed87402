// Linking a draft to the stored knowledge (seed loaded): exact names and aliases, typos and
// transliterations, title and country at the article's date; runner-ups listed; nothing new
// proposed when something stored is close, nothing linked when two are equally close.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type ArticleDocument, articleFormat, parseArticle } from '../src/ingest/article-format.js';
import { importArticle } from '../src/ingest/import-article.js';
import { seedArticlePath } from '../src/ingest/seed.js';
import { draftFromText } from '../src/intake/draft.js';
import { linkDraft } from '../src/intake/link.js';
import { keyHeaders, snapshot } from './helpers/curation.js';
import { data, execute, idOf } from './helpers/execute.js';
import { useSeededDatabase } from './helpers/seeded.js';

const db = useSeededDatabase();

const text = 'A short text the people below are said to appear in.';

function documentWith(
  people: ArticleDocument['people'],
  organizations: ArticleDocument['organizations'] = [],
): ArticleDocument {
  return {
    format: articleFormat,
    source: {
      title: 'T',
      publisher: null,
      url: null,
      publishedOn: '2025-04-01',
      language: 'en',
      text,
    },
    countries: [
      { key: 'russia', name: 'Russia', iso2: 'RU', iso3: 'RUS' },
      { key: 'ukraine', name: 'Ukraine', iso2: 'UA', iso3: 'UKR' },
      { key: 'brazil', name: 'Brazil', iso2: 'BR', iso3: 'BRA' },
    ],
    organizations,
    people,
    statements: [],
    meetings: [],
  };
}

const person = (
  key: string,
  name: string,
  extra: Partial<ArticleDocument['people'][number]> = {},
) => ({
  key,
  name,
  aliases: [],
  roles: [],
  ...extra,
});

describe('linkDraft', () => {
  it('links the seed article’s draft to the stored entities and adds no one', async () => {
    const seedText = readFileSync(seedArticlePath.replace(/\.json$/, '.txt'), 'utf8');
    const draft = draftFromText({ text: seedText, publishedOn: '2025-03-31' });
    const linked = await linkDraft(draft);
    const byName = new Map(linked.people.map((p) => [p.name, p]));
    for (const name of ['Wang Yi', 'Sergei Lavrov', 'Donald Trump', 'Vladimir Putin']) {
      expect(byName.get(name)?.ref, name).toBe(await idOf('people', name));
    }
    expect(linked.countries.find((c) => c.name === 'Russia')).toMatchObject({
      ref: await idOf('countries', 'Russia'),
    });
    expect(linked.countries.find((c) => c.name === 'Russia')).not.toHaveProperty('iso2');
    // The linked draft is a valid 1.1 document; importing it creates none of the linked people.
    const linkedPeople = linked.people.filter((p) => p.ref !== undefined).length;
    const summary = await importArticle(db.current.database.prisma, linked, {
      duplicates: 'CREATE',
    });
    expect(summary.matched.people).toBeGreaterThanOrEqual(linkedPeople);
    expect(summary.created.people).toBe(linked.people.length - linkedPeople);
    expect(summary.matched.countries).toBe(linked.countries.length);
  });

  it('matches typos, transliterations and diacritics to the stored person', async () => {
    const linked = await linkDraft(
      documentWith([
        person('a', 'Sergei Lavrow'),
        person('b', 'Volodymyr Zelensky'),
        person('c', 'Wladimir Putin'),
        person('d', 'Dónald Trump'),
      ]),
    );
    expect(linked.format).toBe('news-kb/article@1.1');
    expect(linked.people.map((p) => [p.name, p.ref])).toEqual([
      ['Sergei Lavrow', await idOf('people', 'Sergei Lavrov')],
      ['Volodymyr Zelensky', await idOf('people', 'Volodymyr Zelenskyy')],
      ['Wladimir Putin', await idOf('people', 'Vladimir Putin')],
      ['Dónald Trump', await idOf('people', 'Donald Trump')],
    ]);
    expect(parseArticle(linked).people[0]?.ref).toBe(await idOf('people', 'Sergei Lavrov'));
  });

  it('proposes a new person when nothing stored is close', async () => {
    const [fresh] = (await linkDraft(documentWith([person('x', 'Ana Ribeiro')]))).people;
    expect(fresh?.ref).toBeUndefined();
    expect(fresh?.candidates ?? []).toEqual([]);
  });

  it('links "the Russian foreign minister" to who held that role at the date', async () => {
    const [minister] = (
      await linkDraft(
        documentWith([
          person('m', 'Unnamed Russian foreign minister', {
            country: 'russia',
            roles: [{ title: 'Foreign Minister', country: 'russia' }],
          }),
        ]),
      )
    ).people;
    expect(minister?.ref).toBe(await idOf('people', 'Sergei Lavrov'));
    // Nobody holds it for Brazil: listed as nothing, proposed as new.
    const [other] = (
      await linkDraft(
        documentWith([
          person('n', 'Unnamed Brazilian foreign minister', {
            roles: [{ title: 'Foreign Minister', country: 'brazil' }],
          }),
        ]),
      )
    ).people;
    expect(other?.ref).toBeUndefined();
  });

  it('lists two equally close people as candidates and links neither', async () => {
    const prisma = db.current.database.prisma;
    const twin = await prisma.person.create({
      data: { name: 'Sergei Lavrova', normalizedName: 'sergei lavrova' },
    });
    try {
      const [lavrow] = (await linkDraft(documentWith([person('a', 'Sergei Lavrow')]))).people;
      expect(lavrow?.ref).toBeUndefined();
      expect(lavrow?.candidates?.map((c) => c.name).sort()).toEqual([
        'Sergei Lavrov',
        'Sergei Lavrova',
      ]);
      for (const candidate of lavrow?.candidates ?? []) {
        expect(candidate.score).toBeGreaterThan(0.85);
      }
    } finally {
      await prisma.person.delete({ where: { id: twin.id } });
    }
  });

  it('does not link a stored person of another country', async () => {
    const [lavrov] = (
      await linkDraft(documentWith([person('a', 'Sergei Lavrov', { country: 'brazil' })]))
    ).people;
    expect(lavrov?.ref).toBeUndefined();
    expect(lavrov?.candidates?.[0]).toMatchObject({ name: 'Sergei Lavrov', score: 1 });
  });
});

const draftMutation = `mutation ($input: DraftArticleInput!) { draftArticle(input: $input) {
  __typename
  ... on Error { message }
  ... on DraftInputError { code path }
  ... on DraftArticleSuccess { draft { document entities { collection key name ref candidates { name score } } } }
} }`;

describe('draftArticle', () => {
  const seedText = () => readFileSync(seedArticlePath.replace(/\.json$/, '.txt'), 'utf8');

  it('needs an editor key', async () => {
    const result = await data(draftMutation, { input: { text: seedText() } });
    expect(result.draftArticle.__typename).toBe('AuthorizationError');
  });

  it('drafts and links an article, and writes nothing', async () => {
    const headers = await keyHeaders('EDITOR');
    const before = await snapshot();
    const text = seedText().split('\n').slice(0, 3).join('\n');
    const result = await data(
      draftMutation,
      { input: { text, publishedOn: '2025-03-31', title: 'Wang Yi in Moscow' } },
      headers,
    );
    const { document, entities } = result.draftArticle.draft;
    expect(document.format).toBe('news-kb/article@1.1');
    expect(document.source).toMatchObject({ title: 'Wang Yi in Moscow', text });
    expect(entities).toContainEqual(
      expect.objectContaining({
        collection: 'people',
        name: 'Sergei Lavrov',
        ref: await idOf('people', 'Sergei Lavrov'),
      }),
    );
    expect(document.statements.length).toBeGreaterThan(0);
    for (const item of [...document.statements, ...document.meetings]) {
      expect(item.verification).toBe('EXTRACTED');
      expect(text).toContain(item.excerpt);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses bad input with typed errors naming the field, and drafts an empty article', async () => {
    const headers = await keyHeaders('EDITOR');
    const draft = async (input: Record<string, unknown>) =>
      (await data(draftMutation, { input }, headers)).draftArticle;
    expect(await draft({ text: '   ' })).toMatchObject({
      code: 'EMPTY_TEXT',
      path: ['input', 'text'],
    });
    expect(
      await draft({
        text: 'Le ministre des Affaires étrangères a déclaré mardi que les négociations avec ses homologues européens se poursuivraient la semaine prochaine à Bruxelles.',
      }),
    ).toMatchObject({ code: 'NOT_ENGLISH', path: ['input', 'text'] });
    expect(await draft({ text: 'It rained in Lisbon.', publishedOn: '2025-02-30' })).toMatchObject({
      code: 'INVALID_DATE',
      path: ['input', 'publishedOn'],
    });
    const empty = await draft({ text: 'It rained all day in Lisbon, and the trams ran late.' });
    expect(empty.__typename).toBe('DraftArticleSuccess');
    expect(empty.draft.document.statements).toEqual([]);
    // NUL is refused while the request is read, before any drafting.
    const refused = await execute(draftMutation, { input: { text: 'a\u0000b' } }, headers);
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
