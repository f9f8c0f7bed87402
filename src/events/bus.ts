// Live events for subscriptions: in this process by default, through Redis pub/sub (Yoga's Redis
// event target) when REDIS_URL is set, so a write on one instance reaches subscribers on all.
// Events are published only after their transaction commits (src/events/changes.ts).
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub, Repeater } from 'graphql-yoga';
import { Redis } from 'ioredis';

export type EntityType = 'Person' | 'Country' | 'Organization';

export type Events = {
  statementAdded: { id: number };
  meetingAdded: { id: number };
  entityChanged: { type: EntityType; id: number; deleted: boolean; mergedInto: number | null };
  importFinished: { sourceId: number; created: Record<string, number> };
};

export type Topic = keyof Events;

const topics: Topic[] = ['statementAdded', 'meetingAdded', 'entityChanged', 'importFinished'];

/** What a subscription's stream yields: an event, or why the stream ends. */
export type Delivery<T extends Topic> = { event: Events[T] } | { failure: string };

export type EventBus = {
  publish<T extends Topic>(topic: T, event: Events[T]): void;
  /** A stream of the topic's events, ending with one failure when the bus cannot deliver. */
  subscribe<T extends Topic>(topic: T): AsyncIterable<Delivery<T>>;
  /** Why new subscriptions cannot start now (Redis unreachable), or null. */
  unavailable(): string | null;
  /** Resolves once the bus can deliver, or after `ms` (start-up never waits longer for Redis). */
  ready(ms: number): Promise<boolean>;
  close(): Promise<void>;
};

type Logger = { warn(object: object, message: string): void; info(message: string): void };

export function createEventBus(redisUrl: string | undefined, logger: Logger): EventBus {
  const failures = new Set<(reason: string) => void>();
  let down: string | null = null;
  let clients: Redis[] = [];
  let readyNow: Promise<void> = Promise.resolve();
  let publisherReady = () => true;
  let eventTarget: ReturnType<typeof createRedisEventTarget<CustomEvent>> | undefined;
  if (redisUrl) {
    // Publishing fails at once while Redis is away instead of queueing writes' events in memory.
    const publisher = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    const subscriber = new Redis(redisUrl, { maxRetriesPerRequest: null });
    clients = [publisher, subscriber];
    publisherReady = () => publisher.status === 'ready';
    down = 'connecting to Redis';
    for (const client of clients) client.on('error', () => {});
    readyNow = Promise.all(
      clients.map((client) => new Promise((resolve) => client.once('ready', resolve))),
    ).then(() => {});
    subscriber.on('ready', () => {
      if (down) logger.info('subscriptions: Redis is reachable');
      down = null;
    });
    subscriber.on('close', () => {
      if (down) return;
      down = 'the connection to Redis was lost';
      logger.warn({ redis: 'close' }, 'subscriptions: Redis is unreachable; ending subscriptions');
      for (const fail of [...failures]) fail(down);
    });
    // The event target does not handle its clients' promises; a rejected publish or subscribe
    // while Redis is down must not become an unhandled rejection that ends the process.
    eventTarget = createRedisEventTarget({
      publishClient: caught(publisher, logger),
      subscribeClient: caught(subscriber, logger),
    });
    // Every channel stays subscribed for the life of the process: ioredis restores them after a
    // reconnect, whereas an unsubscribe queued while Redis was down could undo a newer subscribe.
    for (const topic of topics) eventTarget.addEventListener(topic, () => {});
  }
  // The two connections come back independently; both are needed to promise delivery.
  const unavailable = () =>
    down ?? (publisherReady() ? null : 'the connection to Redis for publishing is down');
  const pubSub = createPubSub<{ [T in Topic]: [Events[T]] }>(
    eventTarget ? { eventTarget: eventTarget as never } : undefined,
  );

  return {
    publish(topic, event) {
      if (unavailable()) {
        logger.warn({ topic }, 'subscriptions: an event was not published (Redis is unreachable)');
        return;
      }
      (pubSub.publish as (topic: Topic, event: unknown) => void)(topic, event);
    },
    subscribe<T extends Topic>(topic: T) {
      return new Repeater<Delivery<T>>(async (push, stop) => {
        const source = (pubSub.subscribe as (topic: Topic) => AsyncIterableIterator<Events[T]>)(
          topic,
        );
        const fail = (failure: string) => {
          void push({ failure }).then(() => stop());
        };
        failures.add(fail);
        void stop.then(() => {
          failures.delete(fail);
          void source.return?.();
        });
        for await (const event of source) await push({ event });
      });
    },
    unavailable,
    async ready(ms) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, ms);
      });
      await Promise.race([readyNow, timeout]);
      clearTimeout(timer);
      return unavailable() === null;
    },
    async close() {
      for (const fail of [...failures]) fail('the server is shutting down');
      // Not quit(): with Redis down it would wait in the offline queue, holding the shutdown.
      for (const client of clients) client.disconnect();
    },
  };
}

function caught(client: Redis, logger: Logger): Redis {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property !== 'publish' && property !== 'subscribe' && property !== 'unsubscribe') {
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return (...args: unknown[]) =>
        (value as (...args: unknown[]) => Promise<unknown>).apply(target, args).catch((error) => {
          logger.warn({ err: error, command: property }, 'subscriptions: a Redis command failed');
        });
    },
  });
}

let current: EventBus | undefined;

/** The process's bus: the one set at start-up, else an in-process one (tests, the CLI). */
export function eventBus(): EventBus {
  current ??= createEventBus(undefined, { warn: () => {}, info: () => {} });
  return current;
}

export function useEventBus(bus: EventBus): void {
  current = bus;
}
