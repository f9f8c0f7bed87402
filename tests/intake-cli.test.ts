// `kb draft` and `kb score-draft` as a person runs them: a child process, real files. Each test
// has its own timeout: it starts processes on a shared machine.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArticle } from '../src/ingest/article-format.js';
import { runCli } from './helpers/cli.js';

// Drafting needs no database; the variable is only there because the helper sets it.
const kb = (...args: string[]) => runCli(args, 'file:unused-by-draft.db');
const seed = join(import.meta.dirname, '..', 'prisma', 'seed');
const fixtures = join(import.meta.dirname, 'fixtures', 'articles');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kb-draft-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('kb draft', () => {
  it('drafts one file to standard output, its first line the headline', async () => {
    const file = join(fixtures, 'lisbon-madrid-talks.txt');
    const { code, stdout, stderr } = await kb('draft', file, '--published', '2025-06-12');
    expect(code).toBe(0);
    const draft = parseArticle(JSON.parse(stdout));
    const [headline, ...body] = (await readFile(file, 'utf8')).split('\n');
    expect(draft.source.title).toBe(headline);
    expect(draft.source.text).toBe(body.join('\n'));
    expect(draft.source.publishedOn).toBe('2025-06-12');
    expect(draft.statements.length).toBeGreaterThan(0);
    expect(stderr).toMatch(/\d+ statements, \d+ meetings/);
  }, 120_000);

  it('drafts the seed article to a draft that scores against its curated JSON', async () => {
    const drafted = await kb(
      'draft',
      join(seed, 'wang-yi-moscow.txt'),
      '--published',
      '2025-03-31',
    );
    expect(drafted.code).toBe(0);
    const draftFile = join(dir, 'seed-draft.json');
    await writeFile(draftFile, drafted.stdout);
    const scored = await kb('score-draft', join(seed, 'wang-yi-moscow.json'), draftFile);
    expect(scored.code).toBe(0);
    const f1 = (kind: string) =>
      Number(new RegExp(`^${kind}\\s+\\S+\\s+\\S+\\s+(\\S+)`, 'm').exec(scored.stdout)?.[1]);
    expect(f1('entities')).toBeGreaterThanOrEqual(0.9);
    expect(f1('statements')).toBeGreaterThanOrEqual(0.75);
    expect(scored.stdout).toMatch(/^excerpts\s+1\.00 right/m);
  }, 120_000);

  it('drafts several files into --out, reports the ones it cannot read, and says why', async () => {
    const binary = join(dir, 'photo.txt');
    await writeFile(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x1a, 0x0a]));
    const german = join(dir, 'german.txt');
    await writeFile(
      german,
      'Lawrow empfängt Wang Yi\nDer russische Außenminister Sergej Lawrow hat am Dienstag in Moskau seinen chinesischen Amtskollegen empfangen. Die beiden Politiker sprachen über die Zusammenarbeit ihrer Länder.',
    );
    const out = join(dir, 'drafts');
    const files = [
      join(fixtures, 'gulf-phone-call.txt'),
      binary,
      german,
      join(fixtures, 'kremlin-denial.txt'),
    ];
    const { code, stdout, stderr } = await kb('draft', ...files, '--out', out);
    expect(code).toBe(1);
    expect(stdout).toContain('drafted 2 of 4 files');
    expect(stderr).toMatch(/photo\.txt: a binary file/);
    expect(stderr).toMatch(/only English articles can be drafted/);
    expect((await readdir(out)).sort()).toEqual(['gulf-phone-call.json', 'kremlin-denial.json']);
    const draft = parseArticle(
      JSON.parse(await readFile(join(out, 'kremlin-denial.json'), 'utf8')),
    );
    expect(draft.source.title).toBe('Kremlin denies report of Putin meeting with Ukrainian envoy');
  }, 120_000);

  it('refuses a file over the size limit while reading it, and several files without --out', async () => {
    const big = join(dir, 'big.txt');
    await writeFile(big, `Headline\n${'The minister said nothing. '.repeat(200_000)}`);
    const tooBig = await kb('draft', big);
    expect(tooBig.code).toBe(1);
    expect(tooBig.stderr).toMatch(/^TOO_LARGE: .*big\.txt: larger than the limit of 5 MB/m);
    expect(tooBig.stdout).toBe('');
    const several = await kb('draft', big, big);
    expect(several.code).toBe(2);
    expect(several.stderr).toMatch(/needs --out DIR/);
  }, 120_000);
});
