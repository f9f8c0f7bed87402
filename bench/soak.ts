// Soak: minutes of mixed load on each database through the real server over HTTP (reads,
// searches, writes, and one large generated import a minute), then an audit of every write.
// Prints resident memory over time, latency percentiles per kind, and the writes that were
// lost (acknowledged, not stored) or late-committed (answered as refused or timed out, stored
// anyway). See docs/operations.md.
//
//   node --import tsx bench/soak.ts [--minutes 10] [--provider sqlite|postgresql|both]
//     [--concurrency 8] [--postgres-url postgresql://postgres@127.0.0.1:5432/postgres]
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createApiKey } from '../src/auth/api-keys.js';
import { openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import type { Provider } from '../src/db/provider.js';
import { generateArticles } from './generate-articles.js';
import { rssMb, type Server, startServer, stopAll, waitReady } from './processes.js';

const { values: options } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    provider: { type: 'string', default: 'both' },
    concurrency: { type: 'string', default: '8' },
    'postgres-url': { type: 'string', default: 'postgresql://postgres@127.0.0.1:5432/postgres' },
    'statements-per-import': { type: 'string', default: '600' },
    // Long enough for a transaction abandoned by a timed-out request to commit after all.
    'settle-seconds': { type: 'string', default: '60' },
  },
});
const minutes = Number(options.minutes);
const concurrency = Number(options.concurrency);
const statementsPerImport = Number(options['statements-per-import']);
const settleSeconds = Number(options['settle-seconds']);
const providers: Provider[] =
  options.provider === 'both' ? ['sqlite', 'postgresql'] : [options.provider as Provider];
const root = new URL('..', import.meta.url).pathname;
// Longer than the server's execution timeout: a timeout is the server's answer, not ours.
const clientTimeoutMs = 30_000;

type Kind = 'read' | 'search' | 'write' | 'import';
type Outcome = 'acknowledged' | 'refused' | 'unknown';

const reads = [
  '{ people(first: 20) { edges { node { name country { name } roles(first: 3) { edges { node { title } } } } } } }',
  '{ statements(first: 20) { edges { node { text speaker { ... on Person { name } } about { name } } } } }',
  '{ meetings(first: 10) { edges { node { placeName participants(first: 6) { edges { node { name } } } } } } }',
];
const searches = ['minister', 'talks', 'trade', 'security'];
const createPerson = `mutation ($name: String!) { createPerson(input: { name: $name }) {
  __typename ... on CreatePersonSuccess { person { id } } } }`;
const importArticle = `mutation ($article: JSON!) { importArticle(article: $article) {
  __typename ... on ImportArticleSuccess { import { source { id } } } } }`;

async function freeDatabase(provider: Provider) {
  if (provider === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'kb-soak-'));
    return {
      url: `file:${join(dir, 'knowledge.db')}`,
      remove: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const adminUrl = options['postgres-url'] as string;
  const name = `kb_soak_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    remove: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0) : 0;

async function soak(provider: Provider) {
  const database = await freeDatabase(provider);
  await migrate(database.url);
  const admin = openDatabase(database.url);
  const secret = (await createApiKey(admin.prisma, 'soak', 'EDITOR')).secret;
  const port = await freePort();
  const server: Server = startServer(`server-${provider}`, 'src/main.ts', root, {
    DATABASE_URL: database.url,
    PORT: String(port),
    RATE_LIMIT_POINTS: '0',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    // A large import is one body: let it through.
    MAX_BODY_BYTES: String(20_000_000),
  });
  const url = `http://127.0.0.1:${port}`;
  await waitReady(server, `${url}/ready`, 120_000);
  console.error(`${provider}: serving at ${url}, loading for ${minutes} min`);

  const latencies: Record<Kind, number[]> = { read: [], search: [], write: [], import: [] };
  const statuses = new Map<number, number>();
  const writes = new Map<string, Outcome>();
  const imports = new Map<string, Outcome>();
  const rss: { second: number; mb: number | undefined }[] = [];

  const post = async (kind: Kind, query: string, variables?: object) => {
    const started = performance.now();
    try {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(clientTimeoutMs),
      });
      const body = (await response.json()) as {
        data?: Record<string, { __typename?: string } | undefined>;
        errors?: unknown[];
      };
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      return { status: response.status, body };
    } catch {
      statuses.set(0, (statuses.get(0) ?? 0) + 1);
      return undefined;
    } finally {
      latencies[kind].push(performance.now() - started);
    }
  };

  const started = Date.now();
  const deadline = started + minutes * 60_000;
  const sampler = setInterval(() => {
    rss.push({ second: Math.round((Date.now() - started) / 1000), mb: rssMb(server.pid) });
  }, 10_000);
  rss.push({ second: 0, mb: rssMb(server.pid) });

  const worker = async (id: number) => {
    for (let i = 0; Date.now() < deadline; i++) {
      const roll = i % 10;
      if (roll < 2) {
        const name = `soak ${id} ${i}`;
        const reply = await post('write', createPerson, { name });
        const ok = reply?.body.data?.createPerson?.__typename === 'CreatePersonSuccess';
        writes.set(name, ok ? 'acknowledged' : reply ? 'refused' : 'unknown');
      } else if (roll < 4) {
        await post(
          'search',
          'query ($q: String!) { search(query: $q, first: 20) { edges { rank } } }',
          {
            q: searches[i % searches.length],
          },
        );
      } else {
        await post('read', reads[i % reads.length] as string);
      }
    }
  };

  const importer = async () => {
    for (let n = 0; Date.now() < deadline; n++) {
      const [article] = generateArticles({
        seed: n + 1,
        articles: 1,
        people: 200,
        statementsPerArticle: statementsPerImport,
      });
      if (!article) throw new Error('the generator made no article');
      const sourceUrl = `https://example.org/soak/${provider}/${n}`;
      article.source.url = sourceUrl;
      const reply = await post('import', importArticle, { article });
      const ok = reply?.body.data?.importArticle?.__typename === 'ImportArticleSuccess';
      imports.set(sourceUrl, ok ? 'acknowledged' : reply ? 'refused' : 'unknown');
      const next = started + (n + 1) * 60_000;
      while (Date.now() < Math.min(next, deadline)) await new Promise((r) => setTimeout(r, 250));
    }
  };

  await Promise.all([importer(), ...Array.from({ length: concurrency }, (_, id) => worker(id))]);
  clearInterval(sampler);
  rss.push({ second: Math.round((Date.now() - started) / 1000), mb: rssMb(server.pid) });
  // A write that commits after its answer would show up now, not during the load.
  console.error(`${provider}: load done, settling ${settleSeconds} s before the audit`);
  await new Promise((resolve) => setTimeout(resolve, settleSeconds * 1000));

  const storedNames = new Set(
    (
      await admin.prisma.person.findMany({
        where: { name: { startsWith: 'soak ' } },
        select: { name: true },
      })
    ).map((person) => person.name),
  );
  const storedSources = new Set(
    (
      await admin.prisma.source.findMany({
        where: { url: { startsWith: `https://example.org/soak/${provider}/` } },
        select: { url: true },
      })
    ).map((source) => source.url),
  );
  const audit = (outcomes: Map<string, Outcome>, stored: Set<string | null>) => {
    let lost = 0;
    let late = 0;
    let unknown = 0;
    let unknownStored = 0;
    for (const [key, outcome] of outcomes) {
      if (outcome === 'acknowledged' && !stored.has(key)) lost++;
      if (outcome === 'refused' && stored.has(key)) late++;
      if (outcome === 'unknown') unknown++;
      if (outcome === 'unknown' && stored.has(key)) unknownStored++;
    }
    const acknowledged = [...outcomes.values()].filter((o) => o === 'acknowledged').length;
    return { sent: outcomes.size, acknowledged, lost, late, unknown, unknownStored };
  };
  const report = {
    provider,
    minutes,
    concurrency,
    statuses: Object.fromEntries(statuses),
    writes: audit(writes, storedNames),
    imports: audit(imports, storedSources),
    latencyMs: Object.fromEntries(
      Object.entries(latencies).map(([kind, values]) => {
        const sorted = [...values].sort((a, b) => a - b);
        return [
          kind,
          {
            count: sorted.length,
            p50: Math.round(percentile(sorted, 0.5)),
            p99: Math.round(percentile(sorted, 0.99)),
            max: Math.round(sorted.at(-1) ?? 0),
          },
        ];
      }),
    ),
    rssMb: rss.map(({ second, mb }) => `${second}s:${mb === undefined ? '?' : Math.round(mb)}`),
  };
  await admin.close();
  await stopAll();
  await database.remove();
  return report;
}

const reports = [];
for (const provider of providers) reports.push(await soak(provider));
console.log(JSON.stringify(reports, null, 2));
const failed = reports.some(
  (r) => r.writes.lost + r.writes.late + r.imports.lost + r.imports.late > 0,
);
process.exit(failed ? 1 : 0);
