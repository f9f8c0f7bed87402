// The benchmark's child processes (servers and the load generator) and what /proc tells about
// them. Every child is registered so that it ends with the driver, however the driver ends.
import { type ChildProcess, execFileSync, fork, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

const children = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort, synchronous: whatever is still running when the driver exits is killed.
  process.on('exit', () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  });
}

export function track(child: ChildProcess): ChildProcess {
  installExitHook();
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** SIGTERM to every child, then SIGKILL to those still running after `graceMs`. */
export async function stopAll(graceMs = 5_000): Promise<void> {
  const running = [...children].filter((child) => child.exitCode === null);
  await Promise.all(
    running.map(
      (child) =>
        new Promise<void>((resolve) => {
          const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
          child.once('exit', () => {
            clearTimeout(kill);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}

export type Server = {
  name: string;
  child: ChildProcess;
  /** The server process itself (node runs tsx as an in-process loader, not as a wrapper). */
  pid: number;
  /** The last lines it wrote to stderr, to explain a failed start. */
  stderrTail(): string;
};

/** Starts `node --import tsx <entry>` in `cwd`, with its environment on top of the driver's. */
export function startServer(
  name: string,
  entry: string,
  cwd: string,
  env: Record<string, string>,
): Server {
  const child = track(
    spawn(process.execPath, ['--import', 'tsx', entry], {
      cwd,
      env: { ...process.env, ...env },
      // Request logs go nowhere, as cheaply as a log shipper that keeps up; stderr is kept.
      stdio: ['ignore', 'ignore', 'pipe'],
    }),
  );
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4_000);
  });
  if (child.pid === undefined) throw new Error(`cannot start ${name}`);
  return { name, child, pid: child.pid, stderrTail: () => tail.trim() };
}

/** Polls `url` until it answers 2xx; fails early when the server exits. */
export async function waitReady(server: Server, url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) {
      throw new Error(
        `${server.name} exited with code ${server.child.exitCode}:\n${server.stderrTail()}`,
      );
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${server.name} was not ready at ${url} within ${timeoutMs / 1000} s`);
}

/** Fails when something already listens on the port, rather than measuring a stranger. */
export async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', () =>
      reject(new Error(`port ${port} is in use: pick others with --port <first port>`)),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** User + system CPU time a process has used, in ms; undefined when /proc cannot tell. */
export function cpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / clockTicks();
  } catch {
    return undefined;
  }
}

/** Resident memory in MB (VmRSS); undefined when /proc cannot tell. */
export function rssMb(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}

/** Samples a process's RSS until stopped; returns the peak. */
export function sampleRss(pid: number, everyMs = 200): () => number | undefined {
  let peak = rssMb(pid);
  const timer = setInterval(() => {
    const now = rssMb(pid);
    if (now !== undefined && (peak === undefined || now > peak)) peak = now;
  }, everyMs);
  return () => {
    clearInterval(timer);
    const now = rssMb(pid);
    return now !== undefined && peak !== undefined ? Math.max(now, peak) : peak;
  };
}

/** What the driver asks the load generator (bench/driver/load.ts) to do. */
export type LoadRequest = {
  id: number;
  url: string;
  connections: number;
  durationSeconds: number;
  /** A JSON body, POSTed again and again. */
  body: string;
};

export type LoadResult = {
  /** Responses received (requests still in flight at the end are not counted). */
  requests: number;
  seconds: number;
  /** From the latency of every response, in ms (autocannon's histogram rounds to 1 ms). */
  p50: number;
  p99: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  socketErrors: number;
  /** 2xx responses whose JSON body has a top-level `errors` member. */
  graphqlErrors: number;
  /** The first failed response, to show what went wrong. */
  sampleError?: string;
};

export type Loader = {
  pid: number;
  run(request: Omit<LoadRequest, 'id'>): Promise<LoadResult>;
};

/** Forks the load generator; one run at a time. */
export function startLoader(entry: string, cwd: string): Loader {
  const child = track(
    fork(entry, [], {
      cwd,
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  if (child.pid === undefined) throw new Error('cannot start the load generator');
  let nextId = 0;
  const pending = new Map<
    number,
    { resolve: (result: LoadResult) => void; reject: (error: Error) => void }
  >();
  child.on('message', (message: { id: number; result?: LoadResult; error?: string }) => {
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.result) waiter?.resolve(message.result);
    else waiter?.reject(new Error(`load generator: ${message.error}`));
  });
  child.on('exit', (code) => {
    for (const waiter of pending.values()) {
      waiter.reject(new Error(`the load generator exited with code ${code}`));
    }
    pending.clear();
  });
  return {
    pid: child.pid,
    run(request) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        // autocannon stops on its own; this only guards against a hung generator.
        const guard = setTimeout(
          () => {
            pending.delete(id);
            reject(new Error('the load generator did not finish in time'));
          },
          (request.durationSeconds + 30) * 1000,
        );
        pending.set(id, {
          resolve: (result) => {
            clearTimeout(guard);
            resolve(result);
          },
          reject: (error) => {
            clearTimeout(guard);
            reject(error);
          },
        });
        child.send({ ...request, id });
      });
    },
  };
}
