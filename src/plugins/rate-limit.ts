// GitHub-style rate limiting by cost: each query spends ceil(nodes / 100) points (at least one)
// from its client's budget per window. Budgets live in this process: behind a load balancer each
// instance keeps its own (say so to operators), which bounds a client at instances x points.
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

type Budget = { remaining: number; resetAt: number };

export type RateLimitOptions = { points: number; windowSeconds: number };

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

export function useRateLimit({ points, windowSeconds }: RateLimitOptions): Plugin {
  const budgets = new Map<string, Budget>();
  return {
    onExecute({ args, setResultAndStopExecution }) {
      if (points === 0) return;
      const context = args.contextValue as unknown as Record<string, unknown> & { cost?: number };
      if (context.cost === undefined) return;
      const now = Date.now();
      const key = clientKey(context);
      let budget = budgets.get(key);
      if (!budget || budget.resetAt <= now) {
        budget = { remaining: points, resetAt: now + windowSeconds * 1000 };
        budgets.set(key, budget);
      }
      const cost = pointsFor(context.cost);
      const rateLimit = () => ({
        limit: points,
        cost,
        remaining: budget.remaining,
        resetAt: new Date(budget.resetAt).toISOString(),
      });
      if (cost > budget.remaining) {
        setResultAndStopExecution({
          errors: [
            new GraphQLError('Rate limit exceeded: wait for the budget to reset.', {
              extensions: { code: 'RATE_LIMITED', rateLimit: rateLimit(), http: { status: 429 } },
            }),
          ],
        });
        return;
      }
      budget.remaining -= cost;
      return {
        onExecuteDone({ result, setResult }) {
          if (!('data' in result || 'errors' in result)) return;
          setResult({ ...result, extensions: { ...result.extensions, rateLimit: rateLimit() } });
        },
      };
    },
  };
}
