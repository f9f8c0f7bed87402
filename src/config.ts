import { z } from 'zod';
import { providerOf, redact } from './db/provider.js';

const flag = (fallback: 'true' | 'false') =>
  z
    .enum(['true', 'false'])
    .default(fallback)
    .transform((value) => value === 'true');

const count = (fallback: number, max = 1_000_000_000) =>
  z.coerce.number().int().min(0).max(max).default(fallback);

const origins = z
  .string()
  .default('')
  .transform((list) =>
    list
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(
      z
        .string()
        .regex(/^https?:\/\/[^/*]+$/, 'each origin must be scheme://host[:port], no wildcard'),
    ),
  );

const schema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    // Loopback by default; HOST=0.0.0.0 (or ::) listens on every interface.
    HOST: z.string().min(1).default('127.0.0.1'),
    DATABASE_URL: z
      .string()
      .default('file:./data/knowledge.db')
      .superRefine((url, ctx) => {
        try {
          providerOf(url);
          if (url.startsWith('postgres')) new URL(url);
        } catch (error) {
          ctx.addIssue({
            code: 'custom',
            message:
              error instanceof TypeError
                ? `"${redact(url)}" is not a valid PostgreSQL URL`
                : (error as Error).message,
          });
        }
      }),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    SEED_ON_EMPTY: flag('true'),
    GRAPHIQL: flag('true'),
    INTROSPECTION: flag('true'),
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    // Original messages of unexpected errors go to clients only with this and NODE_ENV=development.
    EXPOSE_ERRORS: flag('false'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    CORS_ORIGINS: origins,
    MAX_BODY_BYTES: count(1_000_000),
    MAX_TOKENS: count(1_000),
    MAX_DEPTH: count(15, 1_000),
    MAX_ALIASES: count(30, 1_000),
    MAX_DIRECTIVES: count(20, 1_000),
    MAX_STRING_LENGTH: count(10_000),
    MAX_VARIABLE_DEPTH: count(64, 10_000),
    MAX_NODES: count(500_000),
    MAX_BATCH: count(0, 100),
    EXECUTION_TIMEOUT_MS: count(10_000),
    RATE_LIMIT_POINTS: count(5_000),
    RATE_LIMIT_WINDOW_SECONDS: count(3_600),
    SHUTDOWN_TIMEOUT_MS: count(10_000),
    // Node's own limits on receiving a request (its defaults are 300 s and 60 s).
    REQUEST_TIMEOUT_MS: count(30_000),
    HEADERS_TIMEOUT_MS: count(10_000),
    BODY_IDLE_TIMEOUT_MS: count(5_000),
    // When set, GET /metrics needs "Authorization: Bearer <token>".
    // Distinct operation names that become metric labels (later ones are counted as "other").
    METRICS_MAX_OPERATIONS: count(100, 10_000),
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    TRUSTED_DOCUMENTS: z.string().optional(),
    // Writing always needs an API key; READ_ACCESS=key makes reading need one too.
    READ_ACCESS: z.enum(['open', 'key']).default('open'),
    // Query operations the compiler understands are answered by one SQL statement (src/compiled/).
    COMPILED_READS: flag('true'),
    // Live events (subscriptions) through Redis pub/sub, shared by every instance; unset: in process.
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
      .optional(),
    SUBSCRIPTIONS_PER_CLIENT: count(20, 10_000),
    SUBSCRIPTIONS_PER_INSTANCE: count(10_000),
    // Worker threads that run compiled reads on SQLite, each with its own read-only connection.
    SQLITE_READERS: z.coerce.number().int().min(1).max(16).default(2),
  })
  .refine(
    (config) =>
      config.REQUEST_TIMEOUT_MS === 0 || config.HEADERS_TIMEOUT_MS <= config.REQUEST_TIMEOUT_MS,
    {
      path: ['HEADERS_TIMEOUT_MS'],
      message: 'must not exceed REQUEST_TIMEOUT_MS (Node refuses it)',
    },
  );

export type Config = z.infer<typeof schema>;

/** The limits that guard the API; defaults protect a public endpoint. */
export type Limits = Pick<
  Config,
  | 'MAX_BODY_BYTES'
  | 'MAX_TOKENS'
  | 'MAX_DEPTH'
  | 'MAX_ALIASES'
  | 'MAX_DIRECTIVES'
  | 'MAX_STRING_LENGTH'
  | 'MAX_VARIABLE_DEPTH'
  | 'MAX_NODES'
  | 'MAX_BATCH'
  | 'EXECUTION_TIMEOUT_MS'
  | 'REQUEST_TIMEOUT_MS'
  | 'HEADERS_TIMEOUT_MS'
  | 'BODY_IDLE_TIMEOUT_MS'
  | 'RATE_LIMIT_POINTS'
  | 'RATE_LIMIT_WINDOW_SECONDS'
>;

export class ConfigError extends Error {}

/** Reads and validates the environment once; every problem is named in one message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = schema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `  ${issue.path.join('.')}: ${issue.message}`,
    );
    throw new ConfigError(`invalid configuration:\n${problems.join('\n')}`);
  }
  return result.data;
}
