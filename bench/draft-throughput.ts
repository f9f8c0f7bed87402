// Drafting speed: milliseconds per draft of a ~1,000-word wire story (extraction alone, in
// process), and articles per second of `kb draft` over 500 generated files (one process, start-up
// included). `node --import tsx bench/draft-throughput.ts [articles]`. Prints figures; asserts nothing.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import nlp from 'compromise';
import { draftFromText } from '../src/intake/draft.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const articles = Number(process.argv[2] ?? 500);

// A small deterministic generator of wire-style English: titles before names, quotes, reported
// speech, meetings, relative dates. Names are invented.
const given = ['Amara', 'Bogdan', 'Chiara', 'Dmitri', 'Esra', 'Farid', 'Greta', 'Hiroshi', 'Ines'];
const family = ['Okafor', 'Lindqvist', 'Moreau', 'Haddad', 'Tanaka', 'Novak', 'Castell', 'Ionescu'];
const nations = ['French', 'Japanese', 'Brazilian', 'Kenyan', 'Polish', 'Turkish', 'Indian'];
const titles = ['Foreign Minister', 'Prime Minister', 'President', 'Defence Minister'];
const days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];

function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

export function wireStory(seed: number, words = 1000): string {
  const next = random(seed + 1);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)] as T;
  const person = () => ({
    name: `${pick(given)} ${pick(family)}`,
    title: `${pick(nations)} ${pick(titles)}`,
  });
  const sentences: string[] = [];
  let count = 0;
  while (count < words) {
    const a = person();
    const b = person();
    const short = a.name.split(' ')[1];
    const paragraph = [
      `${a.title} ${a.name} met ${b.title} ${b.name} in Geneva on ${pick(days)} to discuss trade and security.`,
      `"We have made real progress, and we will continue," ${short} told reporters after the talks.`,
      `${short} said that the agreement would help farmers and exporters in both countries.`,
      `${b.name.split(' ')[1]} criticized the delays and urged the European Commission to act before the summer.`,
      `According to a senior official, the two leaders will meet again next month.`,
      `She added that the negotiations had been difficult but fair.`,
    ].join(' ');
    sentences.push(paragraph);
    count += paragraph.split(/\s+/).length;
  }
  return sentences.join('\n');
}

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

async function main() {
  console.log(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ` +
      `load average ${loadavg()[0]?.toFixed(1)} (a shared machine: compare ratios)`,
  );
  const story = wireStory(1);
  const wordCount = story.split(/\s+/).length;
  for (let i = 0; i < 3; i += 1)
    draftFromText({ text: wireStory(100 + i), publishedOn: '2025-06-12' });
  const times: number[] = [];
  const parseTimes: number[] = [];
  let statements = 0;
  for (let i = 0; i < 20; i += 1) {
    const text = wireStory(i);
    const start = performance.now();
    const draft = draftFromText({ text, publishedOn: '2025-06-12' });
    times.push(performance.now() - start);
    statements += draft.statements.length;
    const parseStart = performance.now();
    nlp(text).json({ offset: true });
    parseTimes.push(performance.now() - parseStart);
  }
  console.log(
    `draftFromText, ${wordCount}-word article: median ${percentile(times, 50).toFixed(1)} ms, ` +
      `p95 ${percentile(times, 95).toFixed(1)} ms (20 articles, ${statements / 20} statements each); ` +
      `compromise's parse alone: median ${percentile(parseTimes, 50).toFixed(1)} ms`,
  );

  const dir = await mkdtemp(join(tmpdir(), 'bench-draft-'));
  try {
    const files: string[] = [];
    for (let i = 0; i < articles; i += 1) {
      const file = join(dir, `article-${i}.txt`);
      await writeFile(file, `Leaders meet in Geneva ${i}\n${wireStory(1000 + i, 300)}`);
      files.push(file);
    }
    const start = performance.now();
    await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        join(root, 'src', 'cli.ts'),
        'draft',
        ...files,
        '--out',
        join(dir, 'out'),
        '--published',
        '2025-06-12',
      ],
      { cwd: root, maxBuffer: 64 << 20 },
    );
    const seconds = (performance.now() - start) / 1000;
    console.log(
      `kb draft, ${articles} articles of ~300 words: ${seconds.toFixed(1)} s, ` +
        `${(articles / seconds).toFixed(1)} articles/s (one process, start-up included)`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
