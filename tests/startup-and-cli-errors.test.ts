// Start-up and command-line failures a person can act on: one line, no stack trace, before any
// migration; exit codes 2 (usage), 1 (bad data), 3 (unreachable database).
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { failedStart } from './helpers/server.js';

let dir = '';
let busy: Server;
let busyPort = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kb-startup-'));
  busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  busyPort = (busy.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise((resolve) => busy.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

const oneLine = (output: string) => output.trim().split('\n');

describe('server start-up', () => {
  it('refuses a busy port in one line, before creating or migrating the database', async () => {
    const file = join(dir, 'busy.db');
    const { code, output } = await failedStart({
      PORT: String(busyPort),
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${file}`,
    });
    expect(code).toBe(2);
    expect(oneLine(output)).toEqual([
      `cannot listen: port ${busyPort} on 127.0.0.1 is in use: stop what uses it, or set PORT (0 picks a free one)`,
    ]);
    expect(existsSync(file)).toBe(false);
  });

  it('refuses a HOST that is not this machine in one line', async () => {
    const file = join(dir, 'host.db');
    const { code, output } = await failedStart({
      HOST: '203.0.113.7',
      DATABASE_URL: `file:${file}`,
    });
    expect(code).toBe(2);
    expect(oneLine(output)).toEqual([
      'cannot listen: HOST "203.0.113.7" is not an address of this machine (e.g. 127.0.0.1, 0.0.0.0 or ::)',
    ]);
    expect(existsSync(file)).toBe(false);
  });

  it('names an SQLite folder it cannot create', async () => {
    // A folder inside a plain file cannot be made, whoever runs the test (root included).
    const file = join(dir, 'a-file');
    await writeFile(file, '');
    const { code, output } = await failedStart({ DATABASE_URL: `file:${file}/kb/knowledge.db` });
    expect(code).toBe(1);
    expect(output).toContain(`the SQLite folder ${file}/kb cannot be created or written (ENOTDIR)`);
    expect(output).not.toMatch(/\n\s+at /);
  });
});

describe('kb command line', () => {
  const url = () => `file:${join(dir, 'cli.db')}`;

  it('answers --help for every subcommand without touching the database', {
    timeout: 120_000,
  }, async () => {
    for (const command of ['keys', 'import', 'export']) {
      const result = await runCli([command, '--help'], `file:${join(dir, 'a-file')}/never.db`);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`npm run kb -- ${command}`);
    }
    const top = await runCli(['--help'], url());
    expect(top.stdout).toMatch(/keys create[\s\S]*import[\s\S]*export/);
  });

  it('exits 2 for usage mistakes', { timeout: 120_000 }, async () => {
    const unknown = await runCli(['frobnicate'], url());
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^unknown command "frobnicate"/);
    expect((await runCli(['keys', 'create', '--role', 'god', '--name', 'x'], url())).code).toBe(2);
    expect((await runCli(['export', '--colour'], url())).code).toBe(2);
    expect((await runCli(['import', join(dir, 'missing.json')], url())).code).toBe(2);
  });

  it('exits 1 for bad data, giving the line and column of a JSON syntax error', async () => {
    const file = join(dir, 'broken.json');
    await writeFile(file, '{\n  "format": "news-kb/article@1",\n  "source" {}\n}\n');
    const result = await runCli(['import', file], url());
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/invalid JSON at line 3, column 12: ColonExpected/);
  });

  it('exits 3 when the database cannot be reached', async () => {
    const result = await runCli(['keys', 'list'], 'postgresql://postgres@127.0.0.1:1/kb');
    expect(result.code).toBe(3);
    expect(oneLine(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/^cannot reach the database/);
  });
});
