// `npm run db:migrate`: applies pending migrations to DATABASE_URL (the server also does at start).
import { ConfigError, loadConfig } from '../config.js';
import { migrate } from './migrate.js';
import { redact } from './provider.js';

try {
  const { DATABASE_URL } = loadConfig();
  const applied = await migrate(DATABASE_URL);
  console.log(
    applied.length
      ? `applied to ${redact(DATABASE_URL)}: ${applied.join(', ')}`
      : `${redact(DATABASE_URL)} is up to date`,
  );
} catch (error) {
  console.error(
    error instanceof ConfigError ? error.message : `migration failed: ${(error as Error).message}`,
  );
  process.exit(1);
}
