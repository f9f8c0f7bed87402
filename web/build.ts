// Builds the Explorer into web/dist: typed documents generated from schema.graphql, the sources
// type-checked and every document validated against the schema (gql.tada), then bundled (Vite).
// `tsx web/build.ts --if-stale` builds only when the build is missing or older than its inputs,
// which is what `npm start` and the browser tests run.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const projectRoot = join(webRoot, '..');
export const explorerDist = join(webRoot, 'dist');
const stamp = join(explorerDist, '.built');
const generatedTypes = join(webRoot, 'src', 'graphql-env.d.ts');
const bin = (name: string) => join(projectRoot, 'node_modules', '.bin', name);

function newestInput(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || entry.name.startsWith('dist')) continue;
      newest = Math.max(newest, newestInput(path));
    } else if (path !== generatedTypes) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

export function explorerIsStale(): boolean {
  if (!existsSync(stamp)) return true;
  const inputs = Math.max(
    newestInput(webRoot),
    statSync(join(projectRoot, 'schema.graphql')).mtimeMs,
    statSync(join(projectRoot, 'package-lock.json')).mtimeMs,
  );
  return inputs > statSync(stamp).mtimeMs;
}

export async function buildExplorer(): Promise<void> {
  const run = (command: string, args: string[]) =>
    execFileSync(command, args, { cwd: projectRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  const tsconfig = join(webRoot, 'tsconfig.json');
  run(bin('gql.tada'), ['generate-output', '-c', tsconfig]);
  run(bin('tsc'), ['-p', tsconfig]);
  run(bin('gql.tada'), ['check', '-c', tsconfig, '--fail-on-warn']);
  const { build } = await import('vite');
  // Built beside the live folder and swapped in, so a running server never serves half a build.
  const staging = join(webRoot, `dist.${process.pid}`);
  await build({
    configFile: join(webRoot, 'vite.config.ts'),
    build: { outDir: staging, emptyOutDir: true },
  });
  writeFileSync(join(staging, '.built'), new Date().toISOString());
  const old = join(webRoot, `dist.old.${process.pid}`);
  if (existsSync(explorerDist)) renameSync(explorerDist, old);
  renameSync(staging, explorerDist);
  rmSync(old, { recursive: true, force: true });
}

const lock = join(webRoot, '.build-lock');
const abandonedLockMs = 10 * 60_000;

/**
 * Builds when stale, one process at a time (the test projects of both databases start
 * together): a lock folder, whose creation is atomic; the others wait for it and look again.
 */
export async function ensureExplorerBuilt(): Promise<void> {
  while (explorerIsStale()) {
    try {
      mkdirSync(lock);
    } catch {
      const lockedAt = statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (Date.now() - lockedAt > abandonedLockMs) {
        rmSync(lock, { recursive: true, force: true });
      }
      await sleep(500);
      continue;
    }
    try {
      if (explorerIsStale()) await buildExplorer();
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--if-stale')) {
    if (explorerIsStale()) process.stdout.write('building the Explorer (web/dist)…\n');
    await ensureExplorerBuilt();
  } else {
    await buildExplorer();
  }
}
