// Cold start to the first answered request: `node dist/main.js` (production) against `npm start`
// (build check, then node) and `npm run dev` (generator check, then tsx), on one migrated and
// seeded SQLite file. Prints the median and range of a few runs of each.
// Run: npm run build && node --import tsx bench/cold-start.ts [--runs 5]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);

const commands: Record<string, string[]> = {
  'node dist/main.js': [process.execPath, 'dist/main.js'],
  'npm start': ['npm', 'start', '--silent'],
  'npm run dev (tsx)': ['npm', 'run', 'dev', '--silent'],
};

/** Milliseconds from spawn to the answer of a first GraphQL request. */
function coldStart(command: string[], databaseUrl: string): Promise<number> {
  const started = performance.now();
  const child = spawn(command[0] as string, command.slice(1), {
    cwd: root,
    env: { ...process.env, PORT: '0', DATABASE_URL: databaseUrl, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
    child.stdout.on('data', async (chunk: Buffer) => {
      output += chunk.toString();
      const match = /at (http:\/\/\S+)\/graphql/.exec(output);
      if (!match) return;
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      const response = await fetch(`${match[1]}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ sources(first: 1) { totalCount } }' }),
      });
      if (!response.ok) return reject(new Error(`answered ${response.status}`));
      await response.text();
      const elapsed = performance.now() - started;
      child.removeAllListeners('exit');
      child.once('exit', () => resolve(elapsed));
      child.kill('SIGTERM');
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'kb-cold-start-'));
const databaseUrl = `file:${join(dir, 'knowledge.db')}`;
try {
  await coldStart(commands['node dist/main.js'] as string[], databaseUrl); // migrates and seeds
  console.log(
    `cold start to first answer, ${runs} runs each, ${cpus().length} cores, Node ${process.version}`,
  );
  for (const [name, command] of Object.entries(commands)) {
    const times: number[] = [];
    for (let run = 0; run < runs; run++) times.push(await coldStart(command, databaseUrl));
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] as number;
    console.log(
      `${name.padEnd(20)} median ${median.toFixed(0).padStart(6)} ms  (min ${times[0]?.toFixed(0)}, max ${times.at(-1)?.toFixed(0)})`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
