// The GraphQL-over-HTTP audit suite, against the real server over HTTP.
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase } from './helpers/database.js';
import { type RunningServer, startServer } from './helpers/server.js';

let server: RunningServer;
let removeDatabase: () => Promise<void>;

beforeAll(async () => {
  const database = await createEmptyDatabase();
  removeDatabase = database.remove;
  server = await startServer({ DATABASE_URL: database.url });
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await removeDatabase?.();
});

// Notices the server accepts on purpose; the README explains each.
const acceptedNotices = new Set<string>([]);

describe('GraphQL over HTTP (graphql-http serverAudits)', () => {
  const audits = serverAudits({ url: () => `${server.url}/graphql`, fetchFn: fetch });
  for (const audit of audits) {
    it(`${audit.id} ${audit.name}`, async () => {
      const result = await audit.fn();
      if (result.status === 'notice') {
        expect(acceptedNotices, `${audit.name}: ${result.reason}`).toContain(audit.name);
      } else {
        expect(result.status, 'reason' in result ? result.reason : '').toBe('ok');
      }
    });
  }
});
