import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase, type TestDatabase } from './database.js';

/** Gives the test file its own database holding the seed knowledge. */
export function useSeededDatabase(): { current: TestDatabase } {
  const holder = {} as { current: TestDatabase };
  beforeAll(async () => {
    holder.current = await createTestDatabase({ seeded: true });
  });
  afterAll(async () => {
    await holder.current?.drop();
  });
  return holder;
}
