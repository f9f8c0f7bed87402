// `npm run bench`: serves the benchmark's query shapes from our server (PostgreSQL and SQLite),
// PostGraphile and the hand-written SQL floor, each a child process on loopback, loads them in
// turn with autocannon at a fixed concurrency, and prints medians over interleaved rounds.
//
//   node --import tsx bench/run.ts [--scale 1] [--rounds 3] [--duration 10] [--connections 16]
//     [--warmup 2] [--shapes person,search] [--targets ours-postgresql,postgraphile] [--port 4121]
//     [--log-level info] [--pool-size 4] [--pg-url <url>] [--sqlite-url <url>]
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { redact } from '../src/db/provider.js';
import { checkShapes, firstDifference } from './check-shapes.js';
import { ensureDataset } from './generate.js';
import {
  type DatasetParams,
  oursDeepCursor,
  pickParams,
  postgraphileDeepCursor,
} from './params.js';
import {
  assertPortFree,
  cpuMs,
  type Loader,
  rssMb,
  type Server,
  sampleRss,
  startLoader,
  startServer,
  stopAll,
  waitReady,
} from './processes.js';
import {
  type Run,
  shapeTables,
  summarize,
  summaryTable,
  type TargetName,
  targetNames,
  verdictList,
} from './report.js';
import { shapes as allShapes, type Shape, type ShapeParams } from './shapes.js';

const deepPage = allShapes.find((shape) => shape.name === 'deep-page') as Shape;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Connections beyond about twice the cores only queue inside PostgreSQL, where they make the
// latency's tail: every server gets this many.
const defaultPoolSize = 2 * os.availableParallelism();
const usage = `usage: npm run bench -- [options]
  --scale N          dataset scale (default 1)
  --rounds N         interleaved rounds; the tables show medians (default 3)
  --duration S       seconds of load per shape, target and round (default 10)
  --connections N    concurrent connections (default 16)
  --warmup S         seconds of load per shape and target before measuring (default 2)
  --shapes a,b       shape names or numbers 1-${allShapes.length} (default all)
  --targets a,b      ${targetNames.join(', ')} (default all)
  --port N           first of the 4 loopback ports the servers listen on (default 4121)
  --log-level L      our server's LOG_LEVEL (default info)
  --pool-size N      PostgreSQL connections of each server (default 2 per core: \${defaultPoolSize})
  --pg-url URL       an already loaded PostgreSQL database instead of the generated one
  --sqlite-url URL   the same for SQLite (file:<path>)`;

type Options = {
  scale: number;
  rounds: number;
  duration: number;
  connections: number;
  warmup: number;
  shapes: Shape[];
  targets: TargetName[];
  port: number;
  logLevel: string;
  poolSize: number;
  pgUrl?: string;
  sqliteUrl?: string;
};

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      scale: { type: 'string', default: '1' },
      rounds: { type: 'string', default: '3' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '16' },
      warmup: { type: 'string', default: '2' },
      shapes: { type: 'string' },
      targets: { type: 'string', default: targetNames.join(',') },
      port: { type: 'string', default: '4121' },
      'log-level': { type: 'string', default: 'info' },
      'pool-size': { type: 'string', default: String(defaultPoolSize) },
      'pg-url': { type: 'string' },
      'sqlite-url': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const number = (name: string, value: string, min: number, max: number) => {
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed < min || parsed > max) {
      throw new UsageError(`--${name} must be a number from ${min} to ${max}, got "${value}"`);
    }
    return parsed;
  };
  const list = (value: string) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  const shapes = values.shapes
    ? list(values.shapes).map((wanted) => {
        const shape = /^\d+$/.test(wanted)
          ? allShapes[Number(wanted) - 1]
          : allShapes.find((candidate) => candidate.name === wanted);
        if (!shape) {
          throw new UsageError(
            `unknown shape "${wanted}": one of ${allShapes.map((s) => s.name).join(', ')}`,
          );
        }
        return shape;
      })
    : allShapes;
  const targets = list(values.targets).map((wanted) => {
    if (!(targetNames as readonly string[]).includes(wanted)) {
      throw new UsageError(`unknown target "${wanted}": one of ${targetNames.join(', ')}`);
    }
    return wanted as TargetName;
  });
  return {
    scale: number('scale', values.scale, 0.001, 100),
    rounds: Math.round(number('rounds', values.rounds, 1, 100)),
    duration: number('duration', values.duration, 1, 600),
    connections: Math.round(number('connections', values.connections, 1, 1_000)),
    warmup: number('warmup', values.warmup, 0, 600),
    shapes: [...new Set(shapes)],
    targets: targetNames.filter((name) => targets.includes(name)),
    port: Math.round(number('port', values.port, 1_024, 65_000)),
    logLevel: values['log-level'],
    poolSize: Math.round(number('pool-size', values['pool-size'], 1, 100)),
    pgUrl: values['pg-url'],
    sqliteUrl: values['sqlite-url'],
  };
}

class UsageError extends Error {}

type Target = {
  name: TargetName;
  server: Server;
  params: ShapeParams;
  /** application_name of its PostgreSQL connections, to find their backends' CPU time. */
  appName?: string;
  request(shape: Shape): { url: string; body: string };
  /** SQL statements sent so far, and GraphQL requests answered when the server counts them. */
  counters(): Promise<{ sql: number; requests?: number }>;
};

const kindOf = (name: TargetName) =>
  name === 'ours-postgresql' || name === 'ours-sqlite' ? 'ours' : name;

/** Whether a target has the shape written for it yet. */
function serves(name: TargetName, shape: Shape): boolean {
  const kind = kindOf(name);
  if (kind === 'ours') return true;
  if (kind === 'postgraphile') return shape.postgraphile.query !== '';
  return shape.floor.sql !== '';
}

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}

async function getText(url: string): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.text();
}

/** Sums a Prometheus counter's samples whose labels contain `labels`. */
function counter(text: string, name: string, labels = ''): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name) || !line.includes(labels)) continue;
    const rest = line.slice(name.length);
    if (rest[0] !== ' ' && rest[0] !== '{') continue;
    sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

function makeTarget(
  name: TargetName,
  port: number,
  databaseUrl: string,
  params: ShapeParams,
  options: { logLevel: string; poolSize: number },
): { target: Target; readyPath: string } {
  const base = `http://127.0.0.1:${port}`;
  const appName = `kb-bench-${name}`;
  const common = {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: String(options.poolSize),
    NODE_ENV: 'production',
    // node-postgres names its connections after this, so their backends can be found.
    PGAPPNAME: appName,
  };
  const kind = kindOf(name);
  if (kind === 'ours') {
    const server = startServer(name, join(root, 'src/main.ts'), root, {
      ...common,
      // The rate limiter would refuse a load generator's traffic: that is its job.
      RATE_LIMIT_POINTS: '0',
      SEED_ON_EMPTY: 'false',
      LOG_LEVEL: options.logLevel,
    });
    return {
      readyPath: '/ready',
      target: {
        name,
        server,
        params,
        appName: databaseUrl.startsWith('file:') ? undefined : appName,
        request: (shape) => ({
          url: `${base}/graphql`,
          body: JSON.stringify({
            query: shape.ours.query,
            variables: shape.ours.variables(params),
          }),
        }),
        counters: async () => {
          const text = await getText(`${base}/metrics`);
          return {
            sql: counter(text, 'db_statements_total'),
            requests: counter(text, 'http_requests_total', 'path="/graphql"'),
          };
        },
      },
    };
  }
  const entry = kind === 'postgraphile' ? 'postgraphile-server.ts' : 'floor-server.ts';
  const server = startServer(name, join(root, 'bench/peers', entry), root, common);
  const peerStats = async () => ({
    sql: ((await getJson(`${base}/bench-stats`)) as { sqlStatements: number }).sqlStatements,
  });
  return {
    readyPath: '/bench-stats',
    target: {
      name,
      server,
      params,
      appName,
      request: (shape) =>
        kind === 'postgraphile'
          ? {
              url: `${base}/graphql`,
              body: JSON.stringify({
                query: shape.postgraphile.query,
                variables: shape.postgraphile.variables(params),
              }),
            }
          : { url: `${base}/${shape.name}`, body: JSON.stringify(params) },
      counters: peerStats,
    },
  };
}

/** CPU ms of each PostgreSQL backend serving a target, by process ID. */
async function backendCpu(client: pg.Client | undefined, target: Target) {
  if (!client || !target.appName) return undefined;
  const { rows } = await client.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE application_name = $1',
    [target.appName],
  );
  const times = new Map<number, number>();
  for (const { pid } of rows) {
    const ms = cpuMs(pid);
    // PostgreSQL on another host (or in a container) keeps its processes out of sight.
    if (ms === undefined) return undefined;
    times.set(pid, ms);
  }
  return times;
}

/** CPU the backends used between two readings; a backend opened meanwhile counts in full. */
function backendDelta(before?: Map<number, number>, after?: Map<number, number>) {
  if (!before || !after) return undefined;
  let sum = 0;
  for (const [pid, ms] of after) sum += ms - (before.get(pid) ?? 0);
  return sum;
}

async function post(url: string, body: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  let parsed: { data?: unknown; errors?: unknown } | undefined;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return {
    ok: response.ok && parsed !== undefined && !parsed.errors,
    status: response.status,
    text,
    parsed,
  };
}

/**
 * Before anything is measured: every target answers every shape without errors; PostGraphile
 * and the floor return the same rows as ours (bench/check-shapes.ts); our SQLite mode returns
 * what our PostgreSQL mode returns when both datasets are the same (search aside: FTS5 and
 * PostgreSQL rank differently).
 */
async function checkAnswers(targets: Target[], shapes: Shape[], base: (t: Target) => string) {
  const problems: string[] = [];
  for (const target of targets) {
    for (const shape of shapes.filter((s) => serves(target.name, s))) {
      const { url, body } = target.request(shape);
      const answer = await post(url, body);
      const empty =
        kindOf(target.name) !== 'floor' &&
        !/"(id|rowId)":/.test(JSON.stringify(answer.parsed?.data));
      if (!answer.ok || empty) {
        problems.push(
          `${target.name} ${shape.name}: ${answer.status} ${answer.text.slice(0, 300)}`,
        );
      }
    }
  }
  if (problems.length > 0) {
    throw new Error(`wrong answers before measuring:\n  ${problems.join('\n  ')}`);
  }

  const find = (name: TargetName) => targets.find((target) => target.name === name);
  const [ours, postgraphile, floor] = (['ours-postgresql', 'postgraphile', 'floor'] as const).map(
    find,
  );
  if (ours && postgraphile && floor) {
    const checks = await checkShapes(
      { ours: base(ours), postgraphile: base(postgraphile), floor: base(floor) },
      ours.params,
    );
    console.error(
      `ours-postgresql, postgraphile and floor agree: ${checks
        .map((check) => `${check.shape} (${check.keys} keys)`)
        .join(', ')}`,
    );
  } else {
    console.error(
      'the rows are compared across servers only when ours-postgresql, postgraphile and floor all run',
    );
  }

  const sqlite = find('ours-sqlite');
  // The same dataset gives the same parameters and our same cursor.
  const ownParams = (target: Target) =>
    JSON.stringify({ ...target.params, deepCursor: target.params.deepCursor.ours });
  const sameData = ours && sqlite && ownParams(ours) === ownParams(sqlite);
  if (ours && sqlite && sameData) {
    for (const shape of shapes.filter((s) => s.name !== 'search')) {
      const [a, b] = await Promise.all(
        [ours, sqlite].map((t) => post(t.request(shape).url, t.request(shape).body)),
      );
      const at = firstDifference(a?.parsed?.data, b?.parsed?.data);
      if (at !== null) {
        throw new Error(`shape ${shape.name}: ours-sqlite answers unlike ours-postgresql at ${at}`);
      }
    }
    console.error('ours-sqlite answers as ours-postgresql does');
  }
}

async function measure(
  loader: Loader,
  pgClient: pg.Client | undefined,
  target: Target,
  shape: Shape,
  options: { connections: number; seconds: number },
) {
  const { url, body } = target.request(shape);
  const before = await target.counters();
  const dbBefore = await backendCpu(pgClient, target);
  const cpuBefore = cpuMs(target.server.pid);
  const peakRss = sampleRss(target.server.pid);
  const result = await loader.run({
    url,
    body,
    connections: options.connections,
    durationSeconds: options.seconds,
  });
  // Requests still in flight when the generator stopped finish before the counters are read.
  await new Promise((resolve) => setTimeout(resolve, 250));
  const rssPeakMb = peakRss();
  const cpuAfter = cpuMs(target.server.pid);
  const dbAfter = await backendCpu(pgClient, target);
  const after = await target.counters();
  const requests = result.requests;
  const served =
    before.requests !== undefined && after.requests !== undefined
      ? after.requests - before.requests
      : requests;
  const perRequest = (total: number | undefined, count: number) =>
    total === undefined || count === 0 ? undefined : total / count;
  const dbCpu = backendDelta(dbBefore, dbAfter);
  return {
    ...result,
    rps: requests / result.seconds,
    sqlPerRequest: perRequest(after.sql - before.sql, served),
    cpuMsPerRequest: perRequest(
      cpuAfter !== undefined && cpuBefore !== undefined ? cpuAfter - cpuBefore : undefined,
      served,
    ),
    dbCpuMsPerRequest: perRequest(dbCpu, served),
    rssPeakMb,
  };
}

function describeMachine(postgresVersion: string | undefined) {
  const cpus = os.cpus();
  let commit: string | undefined;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root }).toString().trim();
  } catch {
    commit = undefined;
  }
  const sqlite = new Sqlite(':memory:');
  const sqliteVersion = (sqlite.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  sqlite.close();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    postgresql: postgresVersion,
    sqlite: sqliteVersion,
    loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
    commit,
  };
}

/** A database URL without its password, a SQLite file relative to the repository. */
const shown = (url: string) =>
  url.startsWith('file:') ? `file:${relative(root, resolve(url.slice(5)))}` : redact(url);

const minutes = (seconds: number) =>
  seconds < 90 ? `${Math.round(seconds)} s` : `${Math.round(seconds / 6) / 10} min`;

async function main(options: Options) {
  const { shapes, targets } = options;
  if (targets.length === 0) throw new UsageError('no target chosen');
  const pairs = targets.flatMap((target) =>
    shapes.filter((shape) => serves(target, shape)).map((shape) => ({ target, shape })),
  );
  for (const target of targets) {
    const missing = shapes.filter((shape) => !serves(target, shape)).map((shape) => shape.name);
    if (missing.length) console.error(`${target} has no ${missing.join(', ')} yet: skipped`);
  }
  // Each run costs about a second beyond its duration (counters, samples, the generator's stop).
  const measuring = options.rounds * pairs.length * (options.duration + 1);
  const warming = pairs.length * (options.warmup + 0.5);
  const expected = measuring + warming + 30;
  console.error(
    `${pairs.length} shape-target pairs x ${options.rounds} rounds x ${options.duration} s ` +
      `at ${options.connections} connections: about ${minutes(expected)} once the datasets ` +
      'are loaded (a missing dataset is generated first, which takes minutes at scale 1)',
  );

  const providers = new Set(targets.map((t) => (t === 'ours-sqlite' ? 'sqlite' : 'postgresql')));
  const urls: { postgresql?: string; sqlite?: string } = {};
  const params: { postgresql?: DatasetParams; sqlite?: DatasetParams } = {};
  for (const provider of ['postgresql', 'sqlite'] as const) {
    if (!providers.has(provider)) continue;
    const given = provider === 'postgresql' ? options.pgUrl : options.sqliteUrl;
    const started = performance.now();
    if (!given) console.error(`${provider}: looking for the dataset of scale ${options.scale}…`);
    const dataset = given
      ? { url: given, reused: true }
      : await ensureDataset({ provider, scale: options.scale });
    const took = minutes((performance.now() - started) / 1000);
    console.error(
      `${provider}: ${shown(dataset.url)} (${dataset.reused ? 'reused' : `generated in ${took}`})`,
    );
    urls[provider] = dataset.url;
    params[provider] = await pickParams(dataset.url);
  }
  if (params.postgresql && params.sqlite) {
    if (JSON.stringify(params.postgresql) !== JSON.stringify(params.sqlite)) {
      console.error(
        'warning: the SQLite and PostgreSQL datasets give different parameters, so the SQLite ' +
          'runs do not do the same work as the PostgreSQL ones',
      );
    }
  }

  // The watchdog bounds the whole session, whatever hangs.
  const watchdog = setTimeout(
    () => {
      console.error('the benchmark ran far past its expected duration: stopping');
      void stopAll(3_000).finally(() => process.exit(2));
    },
    (expected * 1.5 + 300) * 1000,
  );

  let pgClient: pg.Client | undefined;
  let postgresVersion: string | undefined;
  if (urls.postgresql) {
    pgClient = new pg.Client({
      connectionString: urls.postgresql,
      application_name: 'kb-bench-driver',
    });
    await pgClient.connect();
    postgresVersion = (
      await pgClient.query<{ v: string }>("SELECT current_setting('server_version') AS v")
    ).rows[0]?.v;
  }
  const machine = describeMachine(postgresVersion);

  // One parameter set per dataset, shared by its targets; the cursors are filled in below.
  const shared = {
    postgresql: params.postgresql && {
      ...params.postgresql,
      deepCursor: { ours: '', postgraphile: '' },
    },
    sqlite: params.sqlite && { ...params.sqlite, deepCursor: { ours: '', postgraphile: '' } },
  };
  const started: { target: Target; readyPath: string; port: number }[] = [];
  for (const [index, name] of targets.entries()) {
    const port = options.port + index;
    await assertPortFree(port);
    const provider = name === 'ours-sqlite' ? 'sqlite' : 'postgresql';
    const made = makeTarget(
      name,
      port,
      urls[provider] as string,
      shared[provider] as ShapeParams,
      options,
    );
    started.push({ ...made, port });
  }
  for (const { target, readyPath, port } of started) {
    await waitReady(target.server, `http://127.0.0.1:${port}${readyPath}`);
  }
  const list = started.map((entry) => entry.target);
  console.error(`servers ready: ${list.map((t) => `${t.name} (pid ${t.server.pid})`).join(', ')}`);

  // Cursors are found through the servers, as a client would find them (the checks below run
  // the deep page whatever shapes are measured).
  const graphqlUrl = (target: Target) =>
    `http://127.0.0.1:${started.find((entry) => entry.target === target)?.port}/graphql`;
  for (const target of list) {
    const { deepCursor, deepAfterId } = target.params;
    if (kindOf(target.name) === 'ours') {
      deepCursor.ours = await oursDeepCursor(graphqlUrl(target), deepAfterId);
    } else if (target.name === 'postgraphile' && serves(target.name, deepPage)) {
      const found = await postgraphileDeepCursor(graphqlUrl(target), deepAfterId);
      deepCursor.postgraphile = found.cursor;
      if (found.viaOffset) {
        console.error(
          "note: PostGraphile's cursor paging stops at the first undated statement (its keyset " +
            'condition leaves NULLs out), so its deep-page cursor comes from an offset query',
        );
      }
    }
  }

  const baseUrl = (target: Target) =>
    `http://127.0.0.1:${started.find((entry) => entry.target === target)?.port}`;
  await checkAnswers(list, shapes, baseUrl);

  const loader = startLoader(join(root, 'bench/driver/load.ts'), root);
  const load = { connections: options.connections };
  const rssWarm: Partial<Record<TargetName, number>> = {};
  for (const target of list) {
    if (options.warmup > 0) {
      for (const shape of shapes.filter((s) => serves(target.name, s))) {
        await measure(loader, pgClient, target, shape, { ...load, seconds: options.warmup });
      }
    }
    rssWarm[target.name] = rssMb(target.server.pid);
  }
  console.error(
    `warmed up: RSS ${list.map((t) => `${t.name} ${rssWarm[t.name]?.toFixed(0)} MB`).join(', ')}`,
  );

  const runs: Run[] = [];
  const total = options.rounds * pairs.length;
  const measuringSince = performance.now();
  for (let round = 1; round <= options.rounds; round++) {
    // Each round starts with another target, so no target always follows the same one.
    const offset = (round - 1) % list.length;
    const order = [...list.slice(offset), ...list.slice(0, offset)];
    for (const shape of shapes) {
      for (const target of order.filter((t) => serves(t.name, shape))) {
        const result = await measure(loader, pgClient, target, shape, {
          ...load,
          seconds: options.duration,
        });
        const run: Run = { round, shape: shape.name, target: target.name, ...result };
        runs.push(run);
        const errors = run.non2xx + run.socketErrors + run.graphqlErrors;
        const elapsed = (performance.now() - measuringSince) / 1000;
        const left = (elapsed / runs.length) * (total - runs.length);
        console.error(
          `[${runs.length}/${total}, ${minutes(left)} left] ` +
            `round ${round}/${options.rounds} ${shape.name} ${target.name}: ` +
            `${Math.round(run.rps)} req/s, p99 ${run.p99.toFixed(1)} ms` +
            (errors ? `, ${errors} errors: ${run.sampleError}` : ''),
        );
      }
    }
  }
  clearTimeout(watchdog);

  const summaries = summarize(runs, rssWarm);
  // A database given by URL may hold anything: its scale is unknown.
  const givenDatabases = options.pgUrl !== undefined || options.sqliteUrl !== undefined;
  const { text, verdicts } = summaryTable(shapes, runs, summaries, {
    scale: givenDatabases ? undefined : options.scale,
    connections: options.connections,
  });
  const heading =
    `${givenDatabases ? 'Given databases' : `Scale ${options.scale}`}, ${options.connections} connections, ${options.duration} s per run, ` +
    `${options.poolSize} PostgreSQL connections per server, ` +
    `medians of ${options.rounds} interleaved rounds; ${machine.cpu}, ${machine.cores} cores, ` +
    `Node ${machine.node}, PostgreSQL ${machine.postgresql ?? '–'}, SQLite ${machine.sqlite}; ` +
    `load average ${machine.loadAverage[0]} at the start.`;
  console.log(
    [
      `## Benchmark\n\n${heading}`,
      shapeTables(shapes, summaries),
      `### Summary (ratios of requests/s, medians of per-round ratios)\n\n${text}`,
      verdictList(verdicts),
    ].join('\n\n'),
  );

  const date = new Date();
  const folder = join(root, 'bench/results');
  mkdirSync(folder, { recursive: true });
  const file = join(
    folder,
    `${date.toISOString().replace(/[:.]/g, '-')}-${givenDatabases ? 'given' : `scale-${options.scale}`}.json`,
  );
  const { shapes: _shapes, ...settings } = options;
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        date: date.toISOString(),
        // The load average again: other work on the machine during the session shows here.
        machine: {
          ...machine,
          loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100),
        },
        options: { ...settings, shapes: shapes.map((shape) => shape.name) },
        datasets: {
          postgresql: urls.postgresql && shown(urls.postgresql),
          sqlite: urls.sqlite && shown(urls.sqlite),
        },
        params: shared,
        rssWarmMb: rssWarm,
        runs,
        summaries,
        verdicts,
      },
      null,
      2,
    )}\n`,
  );
  console.error(`raw results: ${relative(root, file)}`);
  await pgClient?.end();
}

/** The message alone for what went wrong outside; the stack too for what looks like a bug. */
function describe(error: unknown): unknown {
  if (error instanceof UsageError) return `${error.message}\n\n${usage}`;
  const bug = error instanceof TypeError || error instanceof ReferenceError;
  return error instanceof Error && !bug ? error.message : error;
}

let stopping = false;
async function finish(code: number) {
  if (stopping) return;
  stopping = true;
  await stopAll(5_000);
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the servers`);
    void finish(130);
  });
}

try {
  await main(parseOptions(process.argv.slice(2)));
  await finish(0);
} catch (error) {
  // After a signal, the runs that the stop cut short fail: that is no news.
  if (!stopping) console.error(describe(error));
  await finish(1);
}
