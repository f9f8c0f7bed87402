// The benchmark's tables: medians over rounds per shape and target, then the ratios and targets.
import type { LoadResult } from './processes.js';
import { shapes as allShapes, type Shape } from './shapes.js';

export const targetNames = ['ours-postgresql', 'ours-sqlite', 'postgraphile', 'floor'] as const;
export type TargetName = (typeof targetNames)[number];

/** One measured run: one target serving one shape for one round. */
export type Run = LoadResult & {
  round: number;
  shape: string;
  target: TargetName;
  rps: number;
  sqlPerRequest?: number;
  cpuMsPerRequest?: number;
  /** PostgreSQL's own CPU for the target's connections (SQLite's is in cpuMsPerRequest). */
  dbCpuMsPerRequest?: number;
  rssPeakMb?: number;
};

export type Summary = {
  shape: string;
  target: TargetName;
  rounds: number;
  rps: number;
  p50: number;
  p99: number;
  /** Failed responses over all rounds, and responses over all rounds. */
  errors: number;
  requests: number;
  sqlPerRequest?: number;
  cpuMsPerRequest?: number;
  dbCpuMsPerRequest?: number;
  rssWarmMb?: number;
  rssPeakMb?: number;
  sampleError?: string;
};

export function median(values: readonly number[]): number | undefined {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

const medianOf = (runs: Run[], pick: (run: Run) => number | undefined) =>
  median(runs.map(pick).filter((value): value is number => value !== undefined));

export function summarize(runs: Run[], rssWarm: Partial<Record<TargetName, number>>): Summary[] {
  const groups = new Map<string, Run[]>();
  for (const run of runs) {
    const key = `${run.shape}\u0000${run.target}`;
    groups.set(key, [...(groups.get(key) ?? []), run]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0] as Run;
    return {
      shape: first.shape,
      target: first.target,
      rounds: group.length,
      rps: medianOf(group, (run) => run.rps) ?? 0,
      p50: medianOf(group, (run) => run.p50) ?? Number.NaN,
      p99: medianOf(group, (run) => run.p99) ?? Number.NaN,
      errors: group.reduce(
        (sum, run) => sum + run.non2xx + run.socketErrors + run.graphqlErrors,
        0,
      ),
      requests: group.reduce((sum, run) => sum + run.requests, 0),
      sqlPerRequest: medianOf(group, (run) => run.sqlPerRequest),
      cpuMsPerRequest: medianOf(group, (run) => run.cpuMsPerRequest),
      dbCpuMsPerRequest: medianOf(group, (run) => run.dbCpuMsPerRequest),
      rssWarmMb: rssWarm[first.target],
      rssPeakMb: medianOf(group, (run) => run.rssPeakMb),
      sampleError: group.find((run) => run.sampleError)?.sampleError,
    };
  });
}

/** The per-round ratios a/b of requests/s: paired runs, so drift cancels. */
function roundRatios(runs: Run[], shape: string, a: TargetName, b: TargetName): number[] {
  const per = new Map<number, { a?: number; b?: number }>();
  for (const run of runs) {
    if (run.shape !== shape || (run.target !== a && run.target !== b)) continue;
    const entry = per.get(run.round) ?? {};
    entry[run.target === a ? 'a' : 'b'] = run.rps;
    per.set(run.round, entry);
  }
  return [...per.values()]
    .filter((entry) => entry.a !== undefined && entry.b)
    .map((entry) => (entry.a as number) / (entry.b as number));
}

/** Median over rounds of the per-round ratio a/b of requests/s. */
export function ratio(runs: Run[], shape: string, a: TargetName, b: TargetName) {
  return median(roundRatios(runs, shape, a, b));
}

/**
 * How far above 1 a ratio must be before it is more than this machine's noise: half the spread
 * of the per-round ratios, and never under 10%.
 */
function noiseOf(runs: Run[], shape: string, a: TargetName, b: TargetName): number {
  const ratios = roundRatios(runs, shape, a, b);
  if (ratios.length < 2) return 0.1;
  return Math.max(0.1, (Math.max(...ratios) - Math.min(...ratios)) / 2);
}

const fixed = (value: number | undefined, digits: number) =>
  value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits);
const whole = (value: number) => Math.round(value).toLocaleString('en-US');

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const rule = `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

export function shapeTables(shapes: Shape[], summaries: Summary[]): string {
  const sections: string[] = [];
  for (const shape of shapes) {
    const number = allShapes.findIndex((entry) => entry.name === shape.name) + 1;
    const rows = targetNames.flatMap((target) => {
      const s = summaries.find((entry) => entry.shape === shape.name && entry.target === target);
      if (!s) return [];
      const rss = `${fixed(s.rssWarmMb, 0)} / ${fixed(s.rssPeakMb, 0)}`;
      return [
        [
          target,
          whole(s.rps),
          fixed(s.p50, 1),
          fixed(s.p99, 1),
          s.errors === 0 ? '0' : `**${s.errors}** of ${s.requests}`,
          fixed(s.sqlPerRequest, 1),
          fixed(s.cpuMsPerRequest, 2),
          target === 'ours-sqlite' ? 'in process' : fixed(s.dbCpuMsPerRequest, 2),
          rss,
        ],
      ];
    });
    if (rows.length === 0) continue;
    sections.push(
      `### ${number}. ${shape.name}: ${shape.description}\n\n${table(
        [
          'target',
          'req/s',
          'p50 ms',
          'p99 ms',
          'errors',
          'SQL/req',
          'CPU ms/req',
          'DB CPU ms/req',
          'RSS MB after warm-up / peak in these runs',
        ],
        rows,
      )}`,
    );
  }
  return sections.join('\n\n');
}

/** Shapes 1-4 are the interactive reads the latency target is about. */
const latencyShapes = new Set(allShapes.slice(0, 4).map((shape) => shape.name));
const latencyBudgetMs = 50;

export type Verdict = { target: string; met: boolean | undefined; detail: string };

export function summaryTable(
  shapes: Shape[],
  runs: Run[],
  summaries: Summary[],
  options: { scale: number | undefined; connections: number },
): { text: string; verdicts: Verdict[] } {
  const get = (shape: string, target: TargetName) =>
    summaries.find((entry) => entry.shape === shape && entry.target === target);
  const show = (value: number | undefined) => (value === undefined ? '–' : `${value.toFixed(2)}×`);
  const rows = shapes.map((shape) => [
    shape.name,
    show(ratio(runs, shape.name, 'ours-postgresql', 'postgraphile')),
    show(ratio(runs, shape.name, 'ours-sqlite', 'ours-postgresql')),
    show(ratio(runs, shape.name, 'ours-postgresql', 'floor')),
    fixed(get(shape.name, 'ours-postgresql')?.p99, 1),
    fixed(get(shape.name, 'ours-sqlite')?.p99, 1),
  ]);
  const text = table(
    [
      'shape',
      'ours-postgresql / PostGraphile',
      'ours-sqlite / ours-postgresql',
      'ours-postgresql / floor',
      'p99 ms ours-postgresql',
      'p99 ms ours-sqlite',
    ],
    rows,
  );

  const verdicts: Verdict[] = [];
  const judge = (
    target: string,
    checks: { shape: string; value: number | undefined; ok: (value: number) => boolean }[],
    caveat?: string,
  ) => {
    const measured = checks.filter((check) => check.value !== undefined);
    const failing = measured.filter((check) => !check.ok(check.value as number));
    const missing = checks.length - measured.length;
    const met = measured.length === 0 ? undefined : failing.length === 0 && missing === 0;
    const parts = [
      measured.length === 0
        ? 'not measured'
        : failing.length === 0
          ? `${missing ? 'met where measured' : 'met'}`
          : `not met: ${failing.map((check) => check.shape).join(', ')}`,
      missing && measured.length ? `${missing} shape(s) not measured` : '',
      measured.length ? (caveat ?? '') : '',
    ].filter(Boolean);
    verdicts.push({ target, met: caveat ? undefined : met, detail: parts.join('; ') });
  };
  judge(
    'every shape at least as many requests/s as PostGraphile at scale 1',
    shapes.map((shape) => ({
      shape: shape.name,
      value: ratio(runs, shape.name, 'ours-postgresql', 'postgraphile'),
      ok: (value) => value >= 1,
    })),
    options.scale === 1
      ? undefined
      : options.scale === undefined
        ? 'measured on given databases'
        : `measured at scale ${options.scale}`,
  );
  for (const target of ['ours-postgresql', 'ours-sqlite'] as const) {
    judge(
      `p99 under ${latencyBudgetMs} ms at concurrency 16 for shapes 1-4 (${target})`,
      shapes
        .filter((shape) => latencyShapes.has(shape.name))
        .map((shape) => ({
          shape: shape.name,
          value: get(shape.name, target)?.p99,
          ok: (value) => value < latencyBudgetMs,
        })),
      options.connections === 16 ? undefined : `measured at concurrency ${options.connections}`,
    );
  }
  judge(
    'SQLite mode faster than PostgreSQL mode on single-instance reads',
    shapes.map((shape) => ({
      shape: shape.name,
      value: ratio(runs, shape.name, 'ours-sqlite', 'ours-postgresql'),
      ok: (value) => value > 1,
    })),
  );
  // The floor is the database alone answering each shape with the best SQL we can write: a
  // server beating it by more than the noise means the floor's SQL is worse than ours.
  judge(
    'the floor is a floor: ours-postgresql does not beat it by more than the noise',
    shapes.map((shape) => ({
      shape: shape.name,
      value: ratio(runs, shape.name, 'ours-postgresql', 'floor'),
      ok: (value) => value <= 1 + noiseOf(runs, shape.name, 'ours-postgresql', 'floor'),
    })),
  );
  return { text, verdicts };
}

export function verdictList(verdicts: Verdict[]): string {
  const mark = (met: boolean | undefined) => (met === undefined ? '–' : met ? 'yes' : 'NO');
  return verdicts.map((v) => `- ${v.target}: **${mark(v.met)}** (${v.detail})`).join('\n');
}
