// The load generator: autocannon in a process of its own (forked by bench/run.ts, driven over
// IPC), so that neither the servers nor the driver's sampling share its event loop.
import autocannon from 'autocannon';
import type { LoadRequest, LoadResult } from '../processes.js';

/** True when a 2xx body reports errors; bodies that cannot hold the word are not parsed. */
function hasErrors(body: string): boolean {
  if (!body.includes('"errors"')) return false;
  try {
    const parsed = JSON.parse(body) as { errors?: unknown };
    return parsed !== null && typeof parsed === 'object' && parsed.errors !== undefined;
  } catch {
    return true;
  }
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}

async function run(request: LoadRequest): Promise<LoadResult> {
  const latencies: number[] = [];
  let non2xx = 0;
  let graphqlErrors = 0;
  let sampleError: string | undefined;
  const instance = autocannon({
    url: request.url,
    connections: request.connections,
    duration: request.durationSeconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: request.body,
        onResponse: (status: number, body: string) => {
          if (status < 200 || status >= 300) {
            non2xx += 1;
            sampleError ??= `HTTP ${status}: ${body.slice(0, 500)}`;
          } else if (hasErrors(body)) {
            graphqlErrors += 1;
            sampleError ??= body.slice(0, 500);
          }
        },
      },
    ],
  });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => {
    latencies.push(ms);
  });
  const result = await instance;
  const sorted = Float64Array.from(latencies).sort();
  return {
    requests: latencies.length,
    seconds: result.duration,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    non2xx,
    socketErrors: result.errors,
    graphqlErrors,
    sampleError,
  };
}

process.on('message', (message: LoadRequest) => {
  run(message).then(
    (result) => process.send?.({ id: message.id, result }),
    (error: Error) => process.send?.({ id: message.id, error: error.message }),
  );
});
// Ends with the driver, even when the driver is killed without a chance to stop it.
process.on('disconnect', () => process.exit(0));
