// The Explorer's person page in headless Chromium: first contentful paint and the time the
// meeting graph is drawn, for the person who made the most statements in a generated dataset.
//
//   npx tsx bench/explorer.ts [--scale 0.1] [--runs 5]
//
// The dataset is generated (or reused) by bench/generate.ts on SQLite; the server runs as
// `npm start` would, on a free port. Times are from navigation start, in milliseconds; the
// load average is printed because the machine is shared.
import { type ChildProcess, spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { ensureExplorerBuilt } from '../web/build.js';
import { ensureDataset } from './generate.js';

const root = fileURLToPath(new URL('..', import.meta.url));

const { values } = parseArgs({
  options: { scale: { type: 'string', default: '0.1' }, runs: { type: 'string', default: '5' } },
});
const scale = Number(values.scale);
const runs = Number(values.runs);

function startServer(databaseUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src', 'main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      LOG_LEVEL: 'info',
      SEED_ON_EMPTY: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /at (http:\/\/\S+)\/graphql/.exec(output);
      if (match) resolve({ url: match[1] as string, child });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

function summary(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] as number;
  return `median ${median.toFixed(0)} ms (min ${sorted[0]?.toFixed(0)}, max ${sorted.at(-1)?.toFixed(0)})`;
}

await ensureExplorerBuilt();
const dataset = await ensureDataset({ provider: 'sqlite', scale });
const server = await startServer(dataset.url);
try {
  const answer = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `{ statementCounts(groupBy: SPEAKER, first: 1) { count entity { id name
        ... on Person { metWith(first: 1) { totalCount } } } } }`,
    }),
  });
  const { data } = (await answer.json()) as {
    data: {
      statementCounts: {
        count: number;
        entity: { id: string; name: string; metWith?: { totalCount: number } };
      }[];
    };
  };
  const top = data.statementCounts[0];
  if (!top) throw new Error('the dataset has no statements');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const paints: number[] = [];
  const graphs: number[] = [];
  const answers: number[] = [];
  // The first load warms the server's and the database's caches; it is not counted.
  for (let run = 0; run <= runs; run++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/entity/${encodeURIComponent(top.entity.id)}`);
    await page.locator('.graph[data-drawn="true"]').waitFor({ timeout: 60_000 });
    const times = await page.evaluate(() => ({
      paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
      graph: performance.getEntriesByName('graph-drawn')[0]?.startTime ?? Number.NaN,
      data:
        (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((entry) =>
          entry.name.endsWith('/graphql'),
        )?.responseEnd ?? Number.NaN,
    }));
    if (run > 0) {
      paints.push(times.paint);
      graphs.push(times.graph);
      answers.push(times.data);
    }
    await page.close();
  }
  await browser.close();
  const cpu = cpus();
  process.stdout.write(
    [
      `Explorer person page, scale ${scale} (SQLite), ${runs} runs after one warm-up`,
      `machine: ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, load average ${loadavg()[0]?.toFixed(2)}`,
      `person: ${top.entity.name}, ${top.count} statements, met ${top.entity.metWith?.totalCount ?? 0} people`,
      `first contentful paint: ${summary(paints)}`,
      `page's GraphQL answer:  ${summary(answers)}`,
      `graph drawn:            ${summary(graphs)}`,
      '',
    ].join('\n'),
  );
} finally {
  server.child.kill('SIGTERM');
}
