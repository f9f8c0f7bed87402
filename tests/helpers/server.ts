// The real server as a child process (`node dist/main.js`, as in production), over real HTTP.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { createEmptyDatabase } from './database.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
// An absolute path, so that the server can run from any working directory (e.g. an empty one).
// The bundle is built by the suite's global setup (helpers/build.ts).
export const mainBundle = join(root, 'dist', 'main.js');

export type RunningServer = {
  url: string;
  process: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
};

/** Starts the server with `env`; resolves once it listens, rejects with its output if it exits. */
export function startServer(env: Record<string, string>): Promise<RunningServer> {
  const { CWD: cwd = root, ...rest } = env;
  const child = spawn(process.execPath, [mainBundle], {
    cwd,
    env: { ...process.env, PORT: '0', NODE_ENV: 'test', ...rest },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving \S+ \(.*\) at (http:\/\/\S+)\/graphql/.exec(output);
      if (match) {
        resolve({
          url: match[1] as string,
          process: child,
          output: () => output,
          stop: async (signal = 'SIGTERM') => {
            child.kill(signal);
            return exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

/** Runs the server expecting it to fail at start-up; resolves with its exit code and output. */
export async function failedStart(env: Record<string, string>) {
  try {
    const server = await startServer(env);
    await server.stop();
    throw new Error('the server started');
  } catch (error) {
    const message = (error as Error).message;
    const match = /^server exited with (\S+):\n([\s\S]*)$/.exec(message);
    if (!match) throw error;
    return { code: Number(match[1]), output: match[2] as string };
  }
}

/**
 * Gives the test file a real server on a fresh database of the test provider (migrated and
 * seeded by the server itself), stopped and deleted after the file.
 */
export function useServer(env: Record<string, string> = {}): {
  readonly server: RunningServer;
  readonly databaseUrl: string;
} {
  const state = {} as { server: RunningServer; databaseUrl: string; remove: () => Promise<void> };
  beforeAll(async () => {
    const database = await createEmptyDatabase();
    state.databaseUrl = database.url;
    state.remove = database.remove;
    state.server = await startServer({ DATABASE_URL: database.url, ...env });
  }, 90_000);
  afterAll(async () => {
    if (state.server?.process.exitCode === null) await state.server.stop();
    await state.remove?.();
  });
  return state;
}
