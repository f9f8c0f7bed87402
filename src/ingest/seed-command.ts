// `npm run db:seed`: loads the seed knowledge into the database DATABASE_URL names (migrated first).
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { loadSeed } from './seed.js';

try {
  const { DATABASE_URL } = loadConfig();
  await migrate(DATABASE_URL);
  const database = openDatabase(DATABASE_URL);
  try {
    const summary = await loadSeed(database.prisma);
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  } finally {
    await database.close();
  }
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
