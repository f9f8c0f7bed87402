// draftFromText on its own: what a draft contains, and how bad input is refused.
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../src/ingest/article-format.js';
import { DraftInputError, draftFromText, maxArticleBytes } from '../src/intake/draft.js';

const refusal = (input: Parameters<typeof draftFromText>[0]) => {
  try {
    draftFromText(input);
  } catch (error) {
    if (error instanceof DraftInputError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('the draft was not refused');
};

const wire = `Portugal's leader backs Spanish plan
Portuguese Prime Minister Ana Ribeiro met Spanish Prime Minister Pedro Sánchez in Lisbon on Tuesday.
"We will manage the rivers together," Ribeiro told reporters. She added that Spain had been a patient partner.
The prime minister said on Wednesday that she criticized the European Commission for its delays.`;

describe('draftFromText', () => {
  it('drafts a document the importer accepts, every item extracted, every excerpt a span of the text', () => {
    const text = wire.split('\n').slice(1).join('\n');
    const draft = draftFromText({ text, publishedOn: '2025-06-12', title: 'Leaders meet' });
    const article = parseArticle(draft);
    expect(article.source).toMatchObject({
      title: 'Leaders meet',
      publishedOn: '2025-06-12',
      text,
    });
    expect(article.people.map((p) => p.name)).toEqual(['Ana Ribeiro', 'Pedro Sánchez']);
    expect(article.people[0]).toMatchObject({
      country: 'portugal',
      aliases: ['Ribeiro'],
      roles: [{ title: 'Prime Minister', country: 'portugal' }],
    });
    expect(article.countries.map((c) => c.iso3)).toEqual(['PRT', 'ESP']);
    const byRibeiro = article.statements.filter((s) => s.speaker === 'ana-ribeiro');
    expect(byRibeiro.map((s) => s.kind)).toEqual(['QUOTE', 'PARAPHRASE', 'PARAPHRASE']);
    expect(byRibeiro[2]).toMatchObject({
      date: '2025-06-11',
      about: [{ subject: 'european-commission', stance: 'CRITICIZES' }],
    });
    expect(article.meetings).toMatchObject([
      { kind: 'TALKS', status: 'HELD', placeName: 'Lisbon', date: '2025-06-10' },
    ]);
    for (const item of [...article.statements, ...article.meetings]) {
      expect(item.verification).toBe('EXTRACTED');
      expect(item.confidence).toBeGreaterThan(0);
      expect(item.confidence).toBeLessThan(1);
      expect(text).toContain(item.excerpt);
    }
  }, 120_000);

  it('resolves relative dates against the publication date, to the month for "next week"', () => {
    const draft = draftFromText({
      text: 'Chinese Foreign Minister Wang Yi will meet Russian Foreign Minister Sergei Lavrov next week. Lavrov said last Friday that the talks mattered.',
      publishedOn: '2025-03-31',
    });
    expect(draft.meetings.map((m) => [m.status, m.date])).toEqual([['SCHEDULED', '2025-04']]);
    expect(draft.statements.map((s) => s.date)).toEqual(['2025-03-28']);
    const undated = draftFromText({ text: 'Lavrov said that the talks mattered.' });
    expect(undated.statements.map((s) => s.date)).toEqual([null]);
  }, 120_000);

  it('gives an article without statements an empty draft, not an error', () => {
    const draft = draftFromText({
      text: 'Heavy rain fell across the region overnight, and rivers rose to their highest level in a decade.',
    });
    expect(draft.statements).toEqual([]);
    expect(draft.meetings).toEqual([]);
    expect(() => parseArticle(draft)).not.toThrow();
  }, 120_000);

  it('refuses empty text, NUL characters, other languages, oversized text and bad dates', () => {
    expect(refusal({ text: '  \n ' }).code).toBe('EMPTY_TEXT');
    expect(refusal({ text: 'Lavrov said\u0000 hello.' }).code).toBe('NUL_CHARACTER');
    const german = refusal({
      text: 'Der russische Außenminister Sergej Lawrow hat am Dienstag in Moskau seinen chinesischen Amtskollegen empfangen. Die beiden Politiker sprachen über den Krieg in der Ukraine und über die Zusammenarbeit ihrer Länder.',
    });
    expect(german).toMatchObject({
      code: 'NOT_ENGLISH',
      message: expect.stringMatching(/deu.*English/),
    });
    expect(refusal({ text: 'a'.repeat(maxArticleBytes + 1) }).code).toBe('TOO_LARGE');
    expect(refusal({ text: 'Lavrov said hello.', publishedOn: '2025-02-30' })).toMatchObject({
      code: 'INVALID_DATE',
      message: expect.stringMatching(/^publishedOn:/),
    });
  }, 120_000);
});

describe('draftFromText on arbitrary English-like text', () => {
  const words = [
    'Minister',
    'Ana',
    'Ribeiro',
    'said',
    'told',
    'reporters',
    'the',
    'ministry',
    'Chinese',
    'Russia',
    "Russia's",
    'met',
    'talks',
    'on',
    'Tuesday',
    'next',
    'week',
    'he',
    'she',
    'and',
    'according',
    'to',
    'a',
    'senior',
    'official',
    '"',
    '“',
    '”',
    ',',
    '.',
    'bin',
    'Salman',
    'Foreign',
    'Ministry',
    'WTO',
    'denied',
    'praised',
    'summit',
    'with',
    'Moscow',
    'in',
    '-',
    'last',
    'Friday',
    'the two leaders',
    'Ms.',
    'U.S.',
    'President',
    '\n',
    'Okonjo-Iweala',
  ];
  it('returns a document the importer accepts, or refuses with a typed error', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 60 }),
        fc.option(fc.constantFrom('2025-03-31', '2024-02-29'), { nil: undefined }),
        (parts, publishedOn) => {
          const text = parts.join(' ');
          let draft: ReturnType<typeof draftFromText>;
          try {
            draft = draftFromText({ text, publishedOn });
          } catch (error) {
            expect(error).toBeInstanceOf(DraftInputError);
            return;
          }
          parseArticle(draft);
          for (const item of [...draft.statements, ...draft.meetings])
            expect(text).toContain(item.excerpt);
        },
      ),
      { seed: 12, numRuns: 150 },
    );
  }, 120_000);
});
