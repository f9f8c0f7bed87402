// Open subscriptions are capped per client (its API key, else its address, as for the rate
// limit) and per instance; past a cap, or while the event bus cannot deliver, a subscription is
// refused with a typed error before it starts.
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { EventBus } from '../events/bus.js';
import { clientKey } from './rate-limit.js';

export type SubscriptionLimits = { perClient: number; perInstance: number };

export function useSubscriptionLimits(
  { perClient, perInstance }: SubscriptionLimits,
  bus: () => EventBus,
): Plugin {
  const open = new Map<string, number>();
  let total = 0;
  const refuse = (message: string, code: string, status: number) => ({
    errors: [new GraphQLError(message, { extensions: { code, http: { status } } })],
  });
  return {
    onSubscribe({ args, setResultAndStopExecution }) {
      const unavailable = bus().unavailable();
      if (unavailable) {
        setResultAndStopExecution(
          refuse(
            `Subscriptions are unavailable (${unavailable}); try again shortly.`,
            'SUBSCRIPTIONS_UNAVAILABLE',
            503,
          ),
        );
        return;
      }
      const key = clientKey(args.contextValue as unknown as Record<string, unknown>);
      const mine = open.get(key) ?? 0;
      if (mine >= perClient) {
        setResultAndStopExecution(
          refuse(
            `Too many open subscriptions: at most ${perClient} per client; close one first.`,
            'SUBSCRIPTION_LIMIT',
            429,
          ),
        );
        return;
      }
      if (total >= perInstance) {
        setResultAndStopExecution(
          refuse(
            `This server has its maximum of ${perInstance} open subscriptions; try again later.`,
            'SUBSCRIPTION_LIMIT',
            503,
          ),
        );
        return;
      }
      open.set(key, mine + 1);
      total++;
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        total--;
        const left = (open.get(key) ?? 1) - 1;
        if (left > 0) open.set(key, left);
        else open.delete(key);
      };
      return {
        onSubscribeResult({ result }) {
          // An error before the stream (bad arguments) is a single result: nothing stays open.
          if (!(Symbol.asyncIterator in result)) {
            release();
            return;
          }
          return { onEnd: release };
        },
        onSubscribeError: release,
      };
    },
  };
}
