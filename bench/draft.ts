// Drafting speed: a ~1,000-word article drafted (draftFromText) and linked (linkDraft) against
// a base of 10,000 generated people with their aliases, roles, organizations and countries.
// Target: < 200 ms per article on the project's 2-core machine. Prints the median and the
// 90th percentile of each step.
//   npx tsx bench/draft.ts [--runs 20] [--database <url>]   (default: a temporary SQLite file)
// With --database, that database is recreated and loaded (a PostgreSQL URL works too).
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { bulkLoad } from '../src/ingest/bulk-load.js';
import { draftFromText } from '../src/intake/draft.js';
import { linkDraft } from '../src/intake/link.js';
import { generateDataset, recreateDatabase } from './generate.js';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '20' }, database: { type: 'string' } },
});
const runs = Number(values.runs);
const dir = values.database ? undefined : mkdtempSync(join(tmpdir(), 'kb-draft-bench-'));
const url = values.database ?? `file:${join(dir as string, 'knowledge.db')}`;

// Scale 1 has 10,000 people; its statements and meetings do not matter to linking.
const { rows } = generateDataset(1);
const people = rows.person.map((person) => person.name as string);

/** About 1,000 words naming stored people (some with a typo) and a few nobody knows. */
function article(): string {
  const typo = (name: string) => name.replace(/v/, 'w').replace(/ov\b/, 'ow');
  const paragraphs: string[] = [];
  for (let i = 0; paragraphs.join(' ').split(/\s+/).length < 1000; i++) {
    const a = people[(i * 37) % people.length] as string;
    const b = people[(i * 101 + 7) % people.length] as string;
    const c = i % 3 === 0 ? typo(a) : a;
    paragraphs.push(
      `${c} met ${b} in Geneva on Tuesday for talks on trade and energy. ` +
        `"We had a frank and useful discussion," ${c.split(' ')[1]} told reporters after the meeting. ` +
        `${b} said that both sides would continue the negotiations next week, according to officials. ` +
        `Analysts criticized the pace of the talks, while Amara Okonkwo-Baptiste praised the progress.`,
    );
  }
  return paragraphs.join('\n');
}

async function main() {
  if (values.database) await recreateDatabase(url);
  await migrate(url);
  const database = openDatabase(url, { poolSize: 2, logQueries: false });
  try {
    const { country, organization, person, alias, role } = rows;
    const load = await bulkLoad(database, { country, organization, person, alias, role });
    const text = article();
    const words = text.split(/\s+/).length;
    const timings = {
      draft: [] as number[],
      link: [] as number[],
      total: [] as number[],
      // This process's CPU time (all of SQLite's work; not PostgreSQL's server): steadier than
      // wall time on a loaded machine.
      cpu: [] as number[],
    };
    let entities = 0;
    let linked = 0;
    for (let run = -3; run < runs; run++) {
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      const draft = draftFromText({ text, publishedOn: '2025-04-01', title: 'Talks in Geneva' });
      const drafted = performance.now();
      const result = await linkDraft(draft, database.prisma);
      const done = performance.now();
      const cpu = process.cpuUsage(cpuBefore);
      // The first runs warm up the JIT and the database's caches.
      if (run < 0) continue;
      timings.draft.push(drafted - started);
      timings.link.push(done - drafted);
      timings.total.push(done - started);
      timings.cpu.push((cpu.user + cpu.system) / 1000);
      entities = result.people.length + result.organizations.length + result.countries.length;
      linked = [...result.people, ...result.organizations, ...result.countries].filter(
        (entity) => entity.ref !== undefined,
      ).length;
    }
    const at = (list: number[], q: number) =>
      [...list].sort((x, y) => x - y)[Math.min(list.length - 1, Math.floor(q * list.length))] ?? 0;
    const cpu = cpus()[0]?.model ?? 'unknown CPU';
    process.stdout.write(
      `${database.provider}, ${person.length} people (${alias.length} aliases) loaded in ${load.seconds.toFixed(1)} s; ` +
        `${cpus().length} × ${cpu}, Node ${process.version}, load average ${loadavg()[0]?.toFixed(1)}\n` +
        `article: ${words} words, ${entities} entities drafted, ${linked} linked to the base\n`,
    );
    for (const [step, list] of Object.entries(timings)) {
      process.stdout.write(
        `${step.padEnd(6)} median ${at(list, 0.5).toFixed(1)} ms  p90 ${at(list, 0.9).toFixed(1)} ms  (${runs} runs)\n`,
      );
    }
    const median = at(timings.total, 0.5);
    process.stdout.write(`target < 200 ms per article: ${median < 200 ? 'met' : 'NOT met'}\n`);
  } finally {
    await database.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
