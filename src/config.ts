import { z } from 'zod';
import { providerOf, redact } from './db/provider.js';

const schema = z.object({
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
  SEED_ON_EMPTY: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  GRAPHIQL: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  // Writing always needs an API key; READ_ACCESS=key makes reading need one too.
  READ_ACCESS: z.enum(['open', 'key']).default('open'),
});

export type Config = z.infer<typeof schema>;

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
