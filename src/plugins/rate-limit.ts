// GitHub-style rate limiting by cost: each query spends ceil(nodes / 100) points (at least one)
// from its client's budget per fixed window. With Redis (REDIS_URL) the budgets live there, shared
// by every instance (rate-limiter-flexible); without it, or while Redis is unreachable, in a
// bounded in-process table.
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

export type RateLimitOptions = {
  points: number;
  windowSeconds: number;
  /** Budgets shared by all instances; none: this process only. */
  redis?: Redis;
  /** Clients the in-process table remembers; the least recently seen are forgotten first. */
  maxClients?: number;
};

type Spent = { allowed: boolean; remaining: number; resetAt: number };

export type Budgets = { spend(key: string, cost: number): Promise<Spent> };

type MemoryBudgets = Budgets & { clients(): number };

export function pointsFor(cost: number): number {
  return Math.max(1, Math.ceil(cost / 100));
}

/**
 * The client a request is charged to: its API key when the key is valid (a made-up header must
 * not buy a fresh budget), else its address.
 */
export function clientKey(context: Record<string, unknown>): string {
  const viewer = context.viewer as { kind: string; apiKeyId?: number } | undefined;
  if (viewer?.kind === 'key') return `key:${viewer.apiKeyId}`;
  const socket = (context.req as { socket?: { remoteAddress?: string } } | undefined)?.socket;
  return `ip:${socket?.remoteAddress ?? 'local'}`;
}

/**
 * Fixed windows in an LRU table of at most `maxClients` entries, so a flood of new addresses
 * cannot grow memory: rate-limiter-flexible's in-memory store has no size bound.
 */
export function memoryBudgets(
  points: number,
  windowSeconds: number,
  maxClients: number,
): MemoryBudgets {
  const table = new LRUCache<string, { remaining: number; resetAt: number }>({
    max: maxClients,
    ttl: windowSeconds * 1000,
  });
  return {
    clients: () => table.size,
    async spend(key, cost) {
      const now = Date.now();
      let budget = table.get(key);
      if (!budget || budget.resetAt <= now) {
        budget = { remaining: points, resetAt: now + windowSeconds * 1000 };
        table.set(key, budget);
      }
      const allowed = cost <= budget.remaining;
      if (allowed) budget.remaining -= cost;
      return { allowed, remaining: budget.remaining, resetAt: budget.resetAt };
    },
  };
}

function redisBudgets(redis: Redis, points: number, windowSeconds: number, fallback: Budgets) {
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: 'kb:rate',
    points,
    duration: windowSeconds,
  });
  const spent = (result: RateLimiterRes, allowed: boolean, cost: number): Spent => ({
    allowed,
    remaining: Math.max(0, points - result.consumedPoints + (allowed ? 0 : cost)),
    resetAt: Date.now() + result.msBeforeNext,
  });
  return {
    async spend(key: string, cost: number): Promise<Spent> {
      try {
        return spent(await limiter.consume(key, cost), true, cost);
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) return fallback.spend(key, cost);
        // Refused: give the points back, so that (as in memory) a refusal spends nothing.
        await limiter.reward(key, cost).catch(() => {});
        return spent(error, false, cost);
      }
    },
  };
}

export function useRateLimit({
  points,
  windowSeconds,
  redis,
  maxClients = 100_000,
}: RateLimitOptions): Plugin {
  const local = memoryBudgets(points, windowSeconds, maxClients);
  const budgets = redis ? redisBudgets(redis, points, windowSeconds, local) : local;
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      if (points === 0) return;
      const context = args.contextValue as unknown as Record<string, unknown> & { cost?: number };
      // No cost (or one from variables of the wrong type, which execution refuses anyway).
      if (context.cost === undefined || !Number.isFinite(context.cost)) return;
      const cost = pointsFor(context.cost);
      const budget = await budgets.spend(clientKey(context), cost);
      const rateLimit = {
        limit: points,
        cost,
        remaining: budget.remaining,
        resetAt: new Date(budget.resetAt).toISOString(),
      };
      if (!budget.allowed) {
        setResultAndStopExecution({
          errors: [
            new GraphQLError('Rate limit exceeded: wait for the budget to reset.', {
              extensions: { code: 'RATE_LIMITED', rateLimit, http: { status: 429 } },
            }),
          ],
        });
        return;
      }
      return {
        onExecuteDone({ result, setResult }) {
          if (!('data' in result || 'errors' in result)) return;
          setResult({ ...result, extensions: { ...result.extensions, rateLimit } });
        },
      };
    },
  };
}
