import { afterAll, beforeAll } from 'vitest';
import { loadSeed } from '../../src/ingest/seed.js';
import { createTestDatabase, type TestDatabase } from './database.js';

/** Gives the test file its own database holding the seed knowledge. */
export function useSeededDatabase(): { current: TestDatabase } {
  const holder = {} as { current: TestDatabase };
  beforeAll(async () => {
    holder.current = await createTestDatabase();
    await loadSeed(holder.current.database.prisma);
  });
  afterAll(async () => {
    await holder.current?.drop();
  });
  return holder;
}
