// The GraphQL-over-HTTP audit suite, against the real server over HTTP.
import { serverAudits } from 'graphql-http';
import { describe, expect, it } from 'vitest';
import { useServer } from './helpers/server.js';

const running = useServer();

// Notices the server accepts on purpose; docs/operations.md (Conformance) explains each.
const acceptedNotices = new Set<string>([]);

describe('GraphQL over HTTP (graphql-http serverAudits)', () => {
  const audits = serverAudits({ url: () => `${running.server.url}/graphql`, fetchFn: fetch });
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
