import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/observability/logger.js';
import { createYogaServer } from '../src/yoga.js';
import { keyHeaders } from './helpers/curation.js';
import { useSeededDatabase } from './helpers/seeded.js';

useSeededDatabase();

const ask = async (yoga: ReturnType<typeof createYogaServer>, headers: Record<string, string>) => {
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: '{ people(first: 1) { totalCount } }' }),
  });
  return (await response.json()) as { data?: any; errors?: { extensions: { code: string } }[] };
};

describe('READ_ACCESS', () => {
  it('is open by default and rejects anything but open or key', () => {
    expect(loadConfig({}).READ_ACCESS).toBe('open');
    expect(() => loadConfig({ READ_ACCESS: 'closed' })).toThrow(/READ_ACCESS/);
  });

  it('with "key", refuses reads without a valid key and answers those with one', async () => {
    const yoga = createYogaServer(loadConfig({ NODE_ENV: 'test', READ_ACCESS: 'key' }), {
      logger: createLogger('silent'),
    });
    const anonymous = await ask(yoga, {});
    expect(anonymous.data).toBeUndefined();
    expect(anonymous.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    const wrong = await ask(yoga, { authorization: 'Bearer kb_wrong' });
    expect(wrong.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    const reader = await ask(yoga, await keyHeaders('EDITOR'));
    // GraphQL over HTTP: a client that accepts the GraphQL media type gets 401 in it.
    const refused = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json;q=0.9',
      },
      body: JSON.stringify({ query: '{ people(first: 1) { totalCount } }' }),
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer');
    expect(reader.data.people.totalCount).toBeGreaterThan(0);
  });

  it('with "key", refuses a subscription without a valid key before it starts', async () => {
    const yoga = createYogaServer(loadConfig({ NODE_ENV: 'test', READ_ACCESS: 'key' }), {
      logger: createLogger('silent'),
    });
    const response = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: 'subscription { statementAdded { text } }' }),
    });
    // Refused: one result, then the stream completes (an accepted one would stay open).
    const events = await response.text();
    expect(events).toMatch(/"code":"UNAUTHENTICATED"/);
    expect(events).toMatch(/event: complete/);
  });
});
