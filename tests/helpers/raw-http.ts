// A hand-driven HTTP/1.1 client on a plain socket, for what fetch cannot send: bodies that
// stream for as long as the server reads them, bodies that trickle, headers that never end.
import { connect } from 'node:net';

export type RawExchange = {
  /** Everything the server sent, as text. */
  answer: string;
  /** The status of the first response, or null when the server sent none. */
  status: number | null;
  /** Body bytes written before the server closed the connection or the body was done. */
  bytesSent: number;
  /** True when the connection closed before the whole body was written. */
  cutOff: boolean;
};

export type RawRequest = {
  url: string;
  headers: Record<string, string>;
  /** Yields the body's pieces; each is written once the socket accepts more. */
  body: (isClosed: () => boolean) => AsyncIterable<Buffer>;
  chunked?: boolean;
  /** Give up (and close) after this long; the exchange reports what happened until then. */
  timeoutMs?: number;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function rawRequest({
  url,
  headers,
  body,
  chunked = false,
  timeoutMs = 60_000,
}: RawRequest): Promise<RawExchange> {
  const target = new URL(url);
  const socket = connect(Number(target.port), target.hostname);
  let answer = '';
  let bytesSent = 0;
  let closed = false;
  socket.on('data', (data) => {
    answer += data.toString('latin1');
  });
  socket.on('error', () => {});
  const done = new Promise<void>((resolve) =>
    socket.once('close', () => {
      closed = true;
      resolve();
    }),
  );
  const giveUp = setTimeout(() => socket.destroy(), timeoutMs);
  const write = (data: Buffer | string) =>
    new Promise<void>((resolve) => {
      if (closed || socket.destroyed) return resolve();
      if (socket.write(data)) resolve();
      else socket.once('drain', resolve).once('close', resolve);
    });

  const send = async () => {
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    const lines = [`POST ${target.pathname} HTTP/1.1`, `host: ${target.host}`];
    for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
    if (chunked) lines.push('transfer-encoding: chunked');
    await write(`${lines.join('\r\n')}\r\n\r\n`);
    for await (const piece of body(() => closed)) {
      if (closed || socket.destroyed) return true;
      await write(chunked ? `${piece.byteLength.toString(16)}\r\n` : '');
      await write(piece);
      if (chunked) await write('\r\n');
      bytesSent += piece.byteLength;
    }
    if (chunked) await write('0\r\n\r\n');
    return closed;
  };

  return (async () => {
    const cutOff = await send();
    // Wait for the answer; a server that keeps the connection open is closed by the timeout.
    for (let waited = 0; !closed && !/\r\n\r\n/.test(answer) && waited < timeoutMs; waited += 50) {
      await sleep(50);
    }
    await sleep(100);
    socket.end();
    await Promise.race([done, sleep(1_000)]);
    socket.destroy();
    clearTimeout(giveUp);
    const status = /^HTTP\/1\.1 (\d{3})/.exec(answer);
    return { answer, status: status ? Number(status[1]) : null, bytesSent, cutOff };
  })();
}

/** `total` bytes in pieces of `size`, optionally `delayMs` apart. */
export async function* pieces(total: number, size: number, fill = 'x', delayMs = 0) {
  const piece = Buffer.alloc(size, fill);
  for (let sent = 0; sent < total; sent += size) {
    if (delayMs) await sleep(delayMs);
    yield total - sent < size ? piece.subarray(0, total - sent) : piece;
  }
}

/** Waits, sending nothing, until the server closes the connection. */
export async function waitForClose(isClosed: () => boolean): Promise<void> {
  while (!isClosed()) await sleep(100);
}

/** Resident memory of a process in bytes, from /proc (Linux). */
export async function residentBytes(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status);
  if (!kb) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb[1]) * 1024;
}
