// The benchmark's peer: PostGraphile v5 (amber preset, pg adaptor) over the same PostgreSQL
// database as our server, configured as for production. POST /graphql; GET /bench-stats tells
// how many SQL statements it has sent. Env: DATABASE_URL, PORT (default 4102), HOST.
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import type { Pool } from 'pg';
import { countedPool } from './pool.ts';
import { postgraphileSchema, preparePostgraphileSchema } from './postgraphile-schema.ts';
import { runPeer } from './run-peer.ts';

// PostGraphile 5 targets Node 22; on Node 20 every query fails without this one function.
if (!Promise.withResolvers) {
  Promise.withResolvers = <T>() => {
    let resolve!: (value: T | PromiseLike<T>) => void;
    let reject!: (reason?: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}
// Grafast reads its mode when first imported: production skips the development-time checks.
process.env.GRAPHILE_ENV ??= 'production';

export async function startPostgraphile(options: {
  url: string;
  port: number;
  host?: string;
  poolSize?: number;
}) {
  // Imported here, after the polyfill and the mode above are in place.
  const { postgraphile } = await import('postgraphile');
  const { PostGraphileAmberPreset } = await import('postgraphile/presets/amber');
  const { makePgService } = await import('postgraphile/adaptors/pg');
  const { grafserv } = await import('postgraphile/grafserv/node');
  const { jsonPgSmartTags } = await import('postgraphile/utils');

  await preparePostgraphileSchema(options.url);
  const { pool, stats } = countedPool(options.url, options.poolSize ?? 10);
  const pgl = postgraphile({
    extends: [PostGraphileAmberPreset],
    plugins: [
      // "Change"."rowId" collides with the rowId PostGraphile derives from "id" and costs the
      // whole table its type; a user would rename it like this (the shapes do not read it).
      jsonPgSmartTags({
        version: 1,
        config: { class: { Change: { attribute: { rowId: { tags: { name: 'changedRowId' } } } } } },
      }),
    ],
    pgServices: [makePgService({ pool: pool as Pool, schemas: ['public', postgraphileSchema] })],
    grafserv: { graphqlPath: '/graphql', graphiql: false, watch: false, websockets: false },
    grafast: { explain: false },
  });
  const serv = pgl.createServ(grafserv);
  // createHandler (rather than addTo) lets /bench-stats answer first; no websockets are needed.
  const handler = serv.createHandler();
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/bench-stats') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(stats()));
      return;
    }
    handler(req, res, () => {
      res.writeHead(404).end();
    });
  });
  // Builds the schema now, so that the first measured request does not pay for introspection.
  await pgl.getSchema();
  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve));
  const close = async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await pgl.release();
    await pool.end();
  };
  return { server, close };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runPeer('PostGraphile', 4102, '/graphql', startPostgraphile);
}
