// Start-up: configuration, database (migrated, seeded when empty), HTTP, graceful shutdown.
import { createServer } from 'node:http';
import { ConfigError, loadConfig } from './config.js';
import { connect } from './db/client.js';
import { migrate } from './db/migrate.js';
import { redact } from './db/provider.js';
import { loadSeed } from './ingest/seed.js';
import { createYogaServer } from './yoga.js';

async function main() {
  const config = loadConfig();
  const target = redact(config.DATABASE_URL);
  try {
    const applied = await migrate(config.DATABASE_URL);
    if (applied.length > 0) console.log(`applied migrations: ${applied.join(', ')}`);
  } catch (error) {
    throw new StartupError(`cannot prepare the database at ${target}: ${describe(error)}`);
  }
  const database = connect(config.DATABASE_URL, { poolSize: config.DATABASE_POOL_SIZE });
  if (config.SEED_ON_EMPTY && (await database.prisma.source.count()) === 0) {
    const summary = await loadSeed(database.prisma);
    console.log(`loaded the seed knowledge: ${JSON.stringify(summary.created)}`);
  }

  const yoga = createYogaServer({ graphiql: config.GRAPHIQL, readAccess: config.READ_ACCESS });
  const server = createServer(yoga);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  console.log(`serving ${database.provider} (${target}) at http://${config.HOST}:${port}/graphql`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    const deadline = setTimeout(() => process.exit(1), 10_000).unref();
    server.close();
    server.closeIdleConnections();
    await database.close();
    clearTimeout(deadline);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

class StartupError extends Error {}

function describe(error: unknown): string {
  const { message, code } = error as { message?: string; code?: string };
  if (code === 'ECONNREFUSED') return 'connection refused (is the server running?)';
  if (code === 'ENOTFOUND') return 'host not found';
  return message ?? String(error);
}

main().catch((error) => {
  if (error instanceof ConfigError || error instanceof StartupError) {
    console.error(error.message);
  } else {
    console.error('start-up failed:', error);
  }
  process.exit(1);
});
