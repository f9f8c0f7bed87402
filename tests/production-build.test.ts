// The production build: `node dist/main.js` (the documented command) needs no TypeScript loader,
// generator or dev dependency, and `npm start` passes SIGTERM on to node, which drains.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createEmptyDatabase, testProvider } from './helpers/database.js';
import { mainBundle } from './helpers/server.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};

/** The package a bare specifier names (`@scope/name/sub` → `@scope/name`). */
const packageOf = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

describe('the production bundle', () => {
  it('imports only runtime dependencies and Node built-ins', () => {
    const bundle = readFileSync(mainBundle, 'utf8');
    const specifiers = [
      ...bundle.matchAll(/^import\s[^;]*?"([^".][^"]*)";$/gm),
      ...bundle.matchAll(/\bimport\("([^".][^"]*)"\)/g),
      ...bundle.matchAll(/\.resolve\("([^".][^"]*)"\)/g),
    ].map((match) => match[1] as string);
    const packages = new Set(specifiers.filter((s) => !s.startsWith('node:')).map(packageOf));
    expect(packages).toContain('graphql-yoga');
    expect([...packages].filter((name) => !(name in manifest.dependencies))).toEqual([]);
  });
});

describe(`npm start (${testProvider})`, () => {
  it('serves the seed, and SIGTERM sent to npm reaches node, which drains and exits', async () => {
    const database = await createEmptyDatabase();
    const npm = spawn('npm', ['start', '--silent'], {
      cwd: root,
      env: { ...process.env, PORT: '0', NODE_ENV: 'test', DATABASE_URL: database.url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let output = '';
      const exited = new Promise<number | null>((resolve) => npm.once('exit', resolve));
      const url = await new Promise<string>((resolve, reject) => {
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          const match = /serving \S+ \(.*\) at (http:\/\/\S+)\/graphql/.exec(output);
          if (match) resolve(match[1] as string);
        };
        npm.stdout.on('data', onData);
        npm.stderr.on('data', onData);
        void exited.then((code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
      });
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ sources(first: 1) { totalCount } }' }),
      });
      expect((await response.json()).data.sources.totalCount).toBe(1);

      // The script execs node, so the server is npm's own child.
      const [serverPid] = readFileSync(`/proc/${npm.pid}/task/${npm.pid}/children`, 'utf8')
        .trim()
        .split(/\s+/)
        .map(Number);
      expect(readFileSync(`/proc/${serverPid}/cmdline`, 'utf8')).toContain('dist/main.js');
      npm.kill('SIGTERM');
      await exited;
      expect(output).toMatch(/"signal":"SIGTERM","msg":"shutting down"/);
      expect(output).toMatch(/"msg":"stopped"/);
      expect(() => process.kill(serverPid as number, 0)).toThrow(/ESRCH/);
    } finally {
      if (npm.exitCode === null) npm.kill('SIGKILL');
      await database.remove();
    }
  }, 120_000);
});
