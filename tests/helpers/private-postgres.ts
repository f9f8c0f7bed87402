// A PostgreSQL server of the test's own (initdb in a temporary folder, a free port), so that a
// test can stop and start it without disturbing the shared server other tests use.
import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const bin = (tool: string) => {
  const versions = readdirSync('/usr/lib/postgresql').sort();
  return join('/usr/lib/postgresql', versions.at(-1) as string, 'bin', tool);
};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

// initdb refuses to run as root; the package's postgres user runs the private server.
function asPostgres(command: string, args: string[]): void {
  const quoted = [command, ...args].map((part) => `'${part.replaceAll("'", "'\\''")}'`).join(' ');
  const asRoot = process.getuid?.() === 0;
  execFileSync(
    asRoot ? 'su' : 'sh',
    asRoot ? ['postgres', '-s', '/bin/sh', '-c', quoted] : ['-c', quoted],
    {
      stdio: 'ignore',
    },
  );
}

export type PrivatePostgres = {
  url: string;
  stop(): void;
  start(): void;
  destroy(): Promise<void>;
};

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'kb-pg-'));
  if (process.getuid?.() === 0) {
    const { uid, gid } = userIds('postgres');
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const port = await freePort();
  asPostgres(bin('initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres']);
  const start = () =>
    asPostgres(bin('pg_ctl'), [
      '-D',
      data,
      '-w',
      '-l',
      join(dir, 'log'),
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`,
      'start',
    ]);
  const stop = () => asPostgres(bin('pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
  start();
  const admin = new pg.Client({
    connectionString: `postgresql://postgres@127.0.0.1:${port}/postgres`,
  });
  await admin.connect();
  await admin.query('CREATE DATABASE knowledge');
  await admin.end();
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/knowledge`,
    start,
    stop,
    destroy: async () => {
      try {
        stop();
      } catch {}
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function userIds(name: string): { uid: number; gid: number } {
  const line = execFileSync('getent', ['passwd', name], { encoding: 'utf8' }).split(':');
  return { uid: Number(line[2]), gid: Number(line[3]) };
}
