// Start-up: configuration, database (migrated, seeded when empty), HTTP, graceful shutdown.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Redis } from 'ioredis';
import { ConfigError, loadConfig } from './config.js';
import { connect } from './db/client.js';
import { migrate } from './db/migrate.js';
import { redact } from './db/provider.js';
import { createEventBus, useEventBus } from './events/bus.js';
import { loadSeed } from './ingest/seed.js';
import { createLogger } from './observability/logger.js';
import { countSqlStatement } from './plugins/request-scope.js';
import { createYogaServer, nodeHandler } from './yoga.js';

// Exit codes: 2 for configuration the process cannot use (including a busy port or a HOST that
// is not this machine's), 3 for an unreachable database, 1 for anything else.
class StartupError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

async function main() {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const target = redact(config.DATABASE_URL);
  // The port is taken first, so that a busy port or a bad HOST fails before any migration or
  // seeding; requests get 503 until the server is ready.
  let handle = (_request: IncomingMessage, response: ServerResponse) => {
    response.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '1' });
    response.end('starting\n');
  };
  const server = createServer(
    {
      requestTimeout: config.REQUEST_TIMEOUT_MS,
      headersTimeout: config.HEADERS_TIMEOUT_MS,
      // How often Node checks those two timeouts (its default, 30 s, would let them run late).
      connectionsCheckingInterval: 1_000,
    },
    (request, response) => handle(request, response),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(listenError(error, config.HOST, config.PORT)));
    server.listen(config.PORT, config.HOST, resolve);
  });
  try {
    const applied = await migrate(config.DATABASE_URL);
    if (applied.length > 0) logger.info({ applied }, 'applied migrations');
  } catch (error) {
    throw new StartupError(
      `cannot prepare the database at ${target}: ${describe(error)}`,
      unreachable(error) ? 3 : 1,
    );
  }
  const database = connect(config.DATABASE_URL, {
    poolSize: config.DATABASE_POOL_SIZE,
    statementTimeoutMs: config.EXECUTION_TIMEOUT_MS,
    sqliteReaders: config.SQLITE_READERS,
  });
  database.onQuery(countSqlStatement);
  if (config.SEED_ON_EMPTY && (await database.prisma.source.count()) === 0) {
    const summary = await loadSeed(database.prisma);
    logger.info({ created: summary.created }, 'loaded the seed knowledge');
  }

  const bus = createEventBus(config.REDIS_URL, logger);
  useEventBus(bus);
  if (config.REDIS_URL && !(await bus.ready(2_000))) {
    logger.warn('Redis is unreachable: serving; subscriptions are refused until it is back');
  }

  // Refused at once while Redis is away, so the limiter falls back to this process's budgets.
  const rateLimitStore = config.REDIS_URL
    ? new Redis(config.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 })
    : undefined;
  rateLimitStore?.on('error', () => {});

  let shuttingDown = false;
  const yoga = createYogaServer(config, {
    logger,
    isShuttingDown: () => shuttingDown,
    rateLimitStore,
  });
  handle = nodeHandler(yoga);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  logger.info(
    { provider: database.provider, database: target },
    `serving ${database.provider} (${target}) at http://${config.HOST}:${port}/graphql`,
  );

  // Readiness fails at once; in-flight requests finish (their keep-alive connections close
  // after them) until the deadline; idle connections close now instead of timing out.
  const stop = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => server.closeAllConnections(), config.SHUTDOWN_TIMEOUT_MS);
    deadline.unref();
    server.on('request', (_request, response) => response.setHeader('connection', 'close'));
    // Open subscriptions end first (with SUBSCRIPTION_ENDED), or their streams would hold the drain.
    await bus.close();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    clearTimeout(deadline);
    rateLimitStore?.disconnect();
    await database.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): StartupError {
  const reason =
    error.code === 'EADDRINUSE'
      ? `port ${port} on ${host} is in use: stop what uses it, or set PORT (0 picks a free one)`
      : error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN'
        ? `HOST "${host}" is not an address of this machine (e.g. 127.0.0.1, 0.0.0.0 or ::)`
        : error.code === 'EACCES'
          ? `no permission to listen on port ${port}: use a port above 1023`
          : error.message;
  return new StartupError(`cannot listen: ${reason}`, 2);
}

const unreachableCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'P1001',
]);

function unreachable(error: unknown): boolean {
  return unreachableCodes.has((error as { code?: string }).code ?? '');
}

function describe(error: unknown): string {
  const { message, code } = error as { message?: string; code?: string };
  if (code === 'ECONNREFUSED') return 'connection refused (is the server running?)';
  if (code === 'ENOTFOUND') return 'host not found';
  return message ?? String(error);
}

main().catch((error) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  if (error instanceof StartupError) {
    console.error(error.message);
    process.exit(error.exitCode);
  }
  console.error('start-up failed:', error);
  process.exit(1);
});
