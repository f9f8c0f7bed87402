import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { PothosValidationError } from '@pothos/core';
import { GraphQLError, parse } from 'graphql';
import { createYoga, maskError, type Plugin, useReadinessCheck } from 'graphql-yoga';
import type { Redis } from 'ioredis';
import type { Config } from './config.js';
import { type Context, createContext } from './context.js';
import { connectedDatabase, db } from './db/client.js';
import { migrationsFor } from './db/migrate.js';
import type { Provider } from './db/provider.js';
import { eventBus } from './events/bus.js';
import { defaultQuery, defaultTabs } from './graphiql/default-query.js';
import { renderLocalGraphiQL, useGraphiQLAssets } from './graphiql/graphiql.js';
import { useExplorer } from './http/explorer.js';
import type { Logger } from './observability/logger.js';
import { createMetrics } from './observability/metrics.js';
import { useCompiledReads } from './plugins/compiled-reads.js';
import { useCostLimit } from './plugins/cost.js';
import { useDocumentLimits } from './plugins/document-limits.js';
import { useExecutionTimeout } from './plugins/execution-timeout.js';
import { useFilterLookups } from './plugins/filter-lookups.js';
import { useInputText } from './plugins/input-text.js';
import { useRateLimit } from './plugins/rate-limit.js';
import { useRequestGuards } from './plugins/request-guards.js';
import { useRequestLog } from './plugins/request-log.js';
import { newRequestScope, requestScope } from './plugins/request-scope.js';
import { useSubscriptionLimits } from './plugins/subscription-limits.js';
import { schema } from './schema/index.js';

export type ServerHooks = {
  logger: Logger;
  /** True once shutdown has begun: readiness then fails so the load balancer stops routing. */
  isShuttingDown?: () => boolean;
  /** Where rate-limit budgets are shared by all instances (REDIS_URL); none: in this process. */
  rateLimitStore?: Redis;
};

export function createYogaServer(
  config: Config,
  { logger, isShuttingDown, rateLimitStore }: ServerHooks,
) {
  const exposeErrors = config.EXPOSE_ERRORS && config.NODE_ENV === 'development';
  const trustedDocuments = config.TRUSTED_DOCUMENTS
    ? (JSON.parse(readFileSync(config.TRUSTED_DOCUMENTS, 'utf8')) as Record<string, string>)
    : undefined;
  const metrics = createMetrics(connectedDatabase, {
    trusted: trustedDocuments && operationNames(Object.values(trustedDocuments)),
    maxNames: config.METRICS_MAX_OPERATIONS,
  });

  return createYoga({
    schema,
    context: createContext,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    // Requests are logged by useRequestLog, unexpected errors where they are masked.
    logging: false,
    graphiql: config.GRAPHIQL ? { title: 'News knowledge base', defaultQuery, defaultTabs } : false,
    renderGraphiQL: renderLocalGraphiQL,
    batching: config.MAX_BATCH > 0 ? { limit: config.MAX_BATCH } : false,
    cors: (request) => {
      const origin = request.headers.get('origin');
      if (!origin || !config.CORS_ORIGINS.includes(origin)) return false;
      return {
        origin: [origin],
        credentials: true,
        methods: ['GET', 'POST'],
        allowedHeaders: ['content-type', 'authorization', 'x-api-key', 'x-request-id'],
        exposedHeaders: ['x-request-id'],
      };
    },
    maskedErrors: {
      isDev: exposeErrors,
      maskError(error, message) {
        const masked = maskError(error, message, exposeErrors);
        if (masked === error) return masked;
        const requestId = requestScope.getStore()?.requestId;
        if (databaseUnavailable(error)) {
          logger.warn({ err: error, requestId }, 'database unavailable');
          return new GraphQLError('The database is unavailable; try again shortly.', {
            path: (error as GraphQLError).path,
            extensions: { code: 'SERVICE_UNAVAILABLE', requestId, http: { status: 503 } },
          });
        }
        logger.error({ err: error, requestId }, 'unexpected error');
        return new GraphQLError(masked.message, {
          ...(masked as GraphQLError),
          extensions: { ...(masked as GraphQLError).extensions, requestId },
        });
      },
    },
    plugins: [
      useRequestLog({ logger, metrics }),
      useRequestGuards({
        maxBodyBytes: config.MAX_BODY_BYTES,
        bodyIdleTimeoutMs: config.BODY_IDLE_TIMEOUT_MS,
      }),
      ...(config.CORS_ORIGINS.length > 0 ? [useVaryOnOrigin()] : []),
      useMetricsEndpoint(metrics.registry, config.METRICS_TOKEN, logger),
      ...(config.GRAPHIQL ? [useGraphiQLAssets()] : []),
      ...(trustedDocuments
        ? [
            usePersistedOperations({
              getPersistedOperation: (key) => trustedDocuments[key] ?? null,
              allowArbitraryOperations: false,
            }),
          ]
        : []),
      useDocumentLimits({
        maxTokens: config.MAX_TOKENS,
        maxDepth: config.MAX_DEPTH,
        maxAliases: config.MAX_ALIASES,
        maxDirectives: config.MAX_DIRECTIVES,
        introspection: config.INTROSPECTION,
      }),
      // "Did you mean …?" in validation errors would spell out the schema introspection hides.
      ...(config.INTROSPECTION ? [] : [blockFieldSuggestionsPlugin({ mask: '' })]),
      useInputText({
        maxStringLength: config.MAX_STRING_LENGTH,
        maxNesting: config.MAX_VARIABLE_DEPTH,
      }),
      useCostLimit(config.MAX_NODES),
      useRateLimit({
        points: config.RATE_LIMIT_POINTS,
        windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS,
        redis: rateLimitStore,
      }),
      useExecutionTimeout(config.EXECUTION_TIMEOUT_MS),
      ...(config.READ_ACCESS === 'key' ? [useKeyForReading()] : []),
      useSubscriptionLimits(
        {
          perClient: config.SUBSCRIPTIONS_PER_CLIENT,
          perInstance: config.SUBSCRIPTIONS_PER_INSTANCE,
        },
        eventBus,
      ),
      useValidationErrorCodes(),
      ...(config.COMPILED_READS ? [useCompiledReads(logger)] : []),
      useFilterLookups(),
      useReadinessCheck({
        endpoint: '/ready',
        // A failed check answers a bare 503: the error's message (Prisma's names source files)
        // goes to the log, not to the prober.
        check: async () => {
          if (isShuttingDown?.()) return false;
          try {
            return (await pendingMigrations()) === 0;
          } catch (error) {
            logger.warn({ err: error }, 'readiness check failed');
            return false;
          }
        },
      }),
      useExplorer({ ownPaths: ['/graphql', '/health', '/ready', '/metrics'] }),
    ],
  });
}

export type YogaServer = ReturnType<typeof createYogaServer>;

const answerLingerMs = 200;

/** The Node request handler: every request runs in its own scope (request ID, SQL count). */
export function nodeHandler(yoga: YogaServer) {
  return (request: IncomingMessage, response: ServerResponse) => {
    // An answer sent before the body was read whole (413, 408, 415) ends the connection: the
    // rest of the body would otherwise be read and thrown away, for as long as the client sends.
    // Not at once: closing with unread bytes resets the connection, and a reset arriving with the
    // answer can make the client's system drop the answer unread. The body is not read meanwhile.
    response.once('finish', () => {
      if (!request.complete) setTimeout(() => request.destroy(), answerLingerMs).unref();
    });
    const incomingId = request.headers['x-request-id'];
    requestScope.run(newRequestScope(typeof incomingId === 'string' ? incomingId : null), () =>
      yoga(request, response),
    );
  };
}

// A database that cannot be reached, dropped the connection, is restarting or timed out: Prisma's
// codes, PostgreSQL's (57P0x shutdown/restart, 08xxx connection) and pg's own messages.
const unavailableCodes = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
const unavailablePostgresCode = /^(57P0[1-3]|08\d{3})$/;
const unavailableMessage =
  /Connection terminated|terminating connection|database system is (starting up|shutting down)|ECONNREFUSED|ECONNRESET/;

function databaseUnavailable(error: unknown): boolean {
  const original = (error instanceof GraphQLError ? error.originalError : error) as
    | { code?: string; message?: string; meta?: { driverAdapterError?: { cause?: unknown } } }
    | undefined;
  if (!original) return false;
  const cause = original.meta?.driverAdapterError?.cause as
    | { kind?: string; originalCode?: string }
    | undefined;
  return (
    unavailableCodes.has(original.code ?? '') ||
    unavailablePostgresCode.test(original.code ?? cause?.originalCode ?? '') ||
    cause?.kind === 'DatabaseNotReachable' ||
    cause?.kind === 'ConnectionClosed' ||
    unavailableMessage.test(original.message ?? '')
  );
}

// The migration folders do not change while the process runs: read them once, not per probe.
const migrationNames = new Map<Provider, string[]>();
function knownMigrations(provider: Provider): string[] {
  let names = migrationNames.get(provider);
  if (!names) {
    names = migrationsFor(provider).map((m) => m.name);
    migrationNames.set(provider, names);
  }
  return names;
}

/** Migrations this code has that the database lacks; throws when the database is unreachable. */
async function pendingMigrations(): Promise<number> {
  const database = connectedDatabase();
  if (!database) return Number.POSITIVE_INFINITY;
  const rows = await db().$queryRawUnsafe<{ migration_name: string }[]>(
    'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
  );
  const applied = new Set(rows.map((row) => row.migration_name));
  return knownMigrations(database.provider).filter((name) => !applied.has(name)).length;
}

/** The names of the operations in these documents. */
function operationNames(documents: string[]): Set<string> {
  const names = new Set<string>();
  for (const document of documents) {
    for (const definition of parse(document).definitions) {
      if (definition.kind === 'OperationDefinition' && definition.name) {
        names.add(definition.name.value);
      }
    }
  }
  return names;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

function useMetricsEndpoint(
  registry: ReturnType<typeof createMetrics>['registry'],
  token: string | undefined,
  logger: Logger,
): Plugin {
  const expected = token ? digest(`Bearer ${token}`) : undefined;
  return {
    async onRequest({ request, endResponse }) {
      if (new URL(request.url).pathname !== '/metrics') return;
      // Digests have one length, so the comparison takes the same time whatever was sent.
      if (
        expected &&
        !timingSafeEqual(digest(request.headers.get('authorization') ?? ''), expected)
      ) {
        endResponse(
          new Response('metrics need "Authorization: Bearer <METRICS_TOKEN>"\n', {
            status: 401,
            headers: { 'www-authenticate': 'Bearer realm="metrics"' },
          }),
        );
        return;
      }
      try {
        endResponse(
          new Response(await registry.metrics(), {
            headers: { 'content-type': registry.contentType },
          }),
        );
      } catch (error) {
        logger.error({ err: error }, 'metrics failed');
        endResponse(new Response('metrics are unavailable\n', { status: 500 }));
      }
    },
  };
}

// Whether a response carries CORS headers depends on the request's Origin: caches must key on it.
function useVaryOnOrigin(): Plugin {
  return {
    onResponse({ response }) {
      const vary = response.headers.get('vary');
      if (!vary?.split(',').some((name) => name.trim().toLowerCase() === 'origin')) {
        response.headers.set('vary', vary ? `${vary}, Origin` : 'Origin');
      }
    },
  };
}

// Pothos reports bad IDs, cursors and connection arguments as GraphQL errors without a code;
// being GraphQL errors they are not masked, so they get their code here.
function useValidationErrorCodes(): Plugin {
  return {
    onExecute: () => ({
      onExecuteDone: ({ result, setResult }) => {
        if (!('errors' in result) || !result.errors?.length) return;
        setResult({
          ...result,
          errors: result.errors.map((error) =>
            !error.extensions.code &&
            (error.originalError instanceof PothosValidationError || badVariable(error))
              ? new GraphQLError(error.message, {
                  nodes: error.nodes,
                  path: error.path,
                  originalError: error.originalError,
                  extensions: { ...error.extensions, code: 'BAD_USER_INPUT' },
                })
              : error,
          ),
        });
      },
    }),
  };
}

// graphql-js reports a variable of the wrong type ('Variable "$n" got invalid value …') with no
// code and no path, before anything runs; its message is the only mark it has.
const badVariable = (error: GraphQLError) =>
  !error.path && /^Variable "\$[_A-Za-z][_0-9A-Za-z]*" /.test(error.message);

// With READ_ACCESS=key, a request without a valid API key is refused before it executes or
// subscribes.
function useKeyForReading(): Plugin<Context> {
  const refuse = ({
    args,
    setResultAndStopExecution,
  }: {
    args: { contextValue: Context };
    setResultAndStopExecution: (result: { errors: GraphQLError[] }) => void;
  }) => {
    const { viewer } = args.contextValue;
    if (viewer.kind === 'key') return;
    setResultAndStopExecution({
      errors: [
        new GraphQLError(`reading needs an API key${viewer.problem ? `: ${viewer.problem}` : ''}`, {
          extensions: {
            code: 'UNAUTHENTICATED',
            http: { status: 401, headers: { 'www-authenticate': 'Bearer' } },
          },
        }),
      ],
    });
  };
  return { onExecute: refuse, onSubscribe: refuse };
}
