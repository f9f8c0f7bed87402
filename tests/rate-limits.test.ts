// Cost-based rate limits: budgets shared by two instances through a private Redis, a fallback to
// this process's budgets when Redis dies, and a memory bound under a flood of client addresses.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/observability/logger.js';
import { memoryBudgets } from '../src/plugins/rate-limit.js';
import { createYogaServer } from '../src/yoga.js';
import { type PrivateRedis, startPrivateRedis } from './helpers/private-redis.js';
import { useSeededDatabase } from './helpers/seeded.js';

useSeededDatabase();

const ask = async (yoga: ReturnType<typeof createYogaServer>) => {
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ people(first: 1) { totalCount } }' }),
  });
  return { status: response.status, body: (await response.json()) as any };
};

describe('rate-limit budgets in Redis', () => {
  let redis: PrivateRedis;
  const clients: Redis[] = [];
  beforeAll(async () => {
    redis = await startPrivateRedis();
  });
  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await redis.kill();
  });

  const instance = () => {
    const store = new Redis(redis.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    store.on('error', () => {});
    clients.push(store);
    return createYogaServer(loadConfig({ NODE_ENV: 'test', RATE_LIMIT_POINTS: '3' }), {
      logger: createLogger('silent'),
      rateLimitStore: store,
    });
  };

  it('are shared by two instances, with the same headers and 429 past the budget', async () => {
    const [a, b] = [instance(), instance()];
    await new Promise((resolve) => setTimeout(resolve, 200)); // both connected
    expect((await ask(a)).body.extensions.rateLimit).toMatchObject({ limit: 3, remaining: 2 });
    expect((await ask(b)).body.extensions.rateLimit).toMatchObject({ limit: 3, remaining: 1 });
    expect((await ask(a)).body.extensions.rateLimit.remaining).toBe(0);
    const refused = await ask(b);
    expect(refused.status).toBe(429);
    expect(refused.body.errors[0].extensions).toMatchObject({
      code: 'RATE_LIMITED',
      rateLimit: { limit: 3, cost: 1, remaining: 0 },
    });
  });

  it("fall back to the process's own budgets when Redis dies", async () => {
    const yoga = instance();
    await redis.kill();
    const answer = await ask(yoga);
    expect(answer.status).toBe(200);
    expect(answer.body.data.people.totalCount).toBeGreaterThan(0);
    expect(answer.body.extensions.rateLimit).toMatchObject({ limit: 3, remaining: 2 });
  });
});

describe('rate-limit budgets in memory', () => {
  it('stay bounded under 100,000 distinct client addresses, keeping recent clients', async () => {
    const budgets = memoryBudgets(10, 3600, 10_000);
    for (let client = 0; client < 100_000; client++) {
      await budgets.spend(`ip:10.${client >> 16}.${(client >> 8) & 255}.${client & 255}`, 1);
    }
    expect(budgets.clients()).toBe(10_000);
    // The newest client is still remembered: its second request spends from the same budget.
    expect((await budgets.spend('ip:10.1.134.159', 1)).remaining).toBe(8);
    // The oldest was forgotten and starts afresh.
    expect((await budgets.spend('ip:10.0.0.0', 1)).remaining).toBe(9);
  });
});
