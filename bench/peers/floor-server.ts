// The benchmark's floor: each shape answered by the one hand-written SQL statement of
// bench/shapes.ts, which builds the response's JSON in the database. POST /<shape-name> with the
// ShapeParams as its JSON body; GET /bench-stats tells how many statements were sent.
// Env: DATABASE_URL, PORT (default 4103), HOST.
import { createServer, type IncomingMessage } from 'node:http';
import { pathToFileURL } from 'node:url';
import { type ShapeParams, shapes } from '../shapes.ts';
import { countedPool } from './pool.ts';
import { runPeer } from './run-peer.ts';

const maxBody = 100_000;

// The database already built the JSON: its text is passed through, not parsed and reprinted.
const jsonAsText = { getTypeParser: () => (text: string) => text };

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBody) throw new Error('body too large');
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

export async function startFloor(options: {
  url: string;
  port: number;
  host?: string;
  poolSize?: number;
}) {
  const { pool, stats } = countedPool(options.url, options.poolSize ?? 10);
  const byName = new Map(shapes.map((shape) => [shape.name, shape]));
  const server = createServer((req, res) => {
    const send = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(body);
    };
    if (req.method === 'GET' && req.url === '/bench-stats') {
      send(200, JSON.stringify(stats()));
      return;
    }
    const shape = req.method === 'POST' ? byName.get((req.url ?? '').slice(1)) : undefined;
    if (!shape) {
      send(404, JSON.stringify({ error: 'POST /<shape-name> or GET /bench-stats' }));
      return;
    }
    readJson(req).then(
      async (params) => {
        try {
          const result = await pool.query<{ data: string | null }>({
            text: shape.floor.sql,
            values: shape.floor.values(params as ShapeParams),
            types: jsonAsText,
          });
          send(200, `{"data":${result.rows[0]?.data ?? 'null'}}`);
        } catch (error) {
          send(500, JSON.stringify({ error: (error as Error).message }));
        }
      },
      (error: Error) => send(400, JSON.stringify({ error: error.message })),
    );
  });
  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve));
  const close = async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await pool.end();
  };
  return { server, close };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runPeer('floor', 4103, '/<shape-name>', startFloor);
}
