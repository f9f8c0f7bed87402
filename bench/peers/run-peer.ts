// Runs a peer server as the benchmark starts it: DATABASE_URL, DATABASE_POOL_SIZE, PORT and HOST
// from the environment, one line once listening, and a prompt stop on SIGTERM or SIGINT.
import type { Server } from 'node:http';

type Start = (options: { url: string; port: number; host: string; poolSize: number }) => Promise<{
  server: Server;
  close(): Promise<void>;
}>;

export async function runPeer(label: string, defaultPort: number, path: string, start: Start) {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  const port = Number(process.env.PORT ?? defaultPort);
  const host = process.env.HOST ?? '127.0.0.1';
  const poolSize = Number(process.env.DATABASE_POOL_SIZE ?? 10);
  const { server, close } = await start({ url, port, host, poolSize });
  const address = server.address();
  const at = typeof address === 'object' && address ? address.port : port;
  console.log(`${label} listening on http://${host}:${at}${path}`);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      // Keep-alive connections from a load driver would hold server.close open: do not wait.
      server.closeAllConnections();
      close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}
