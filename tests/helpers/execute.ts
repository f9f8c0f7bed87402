// GraphQL operations executed in-process through the real Yoga instance (no port), with every
// SQL statement they send recorded.
import type { ExecutionResult } from 'graphql';
import { loadConfig } from '../../src/config.js';
import { database } from '../../src/db/client.js';
import { createLogger } from '../../src/observability/logger.js';
import { newRequestScope, requestScope } from '../../src/plugins/request-scope.js';
import { createYogaServer } from '../../src/yoga.js';

// Rate limiting is tested over HTTP; here it would only throttle the suite.
export const testConfig = loadConfig({ NODE_ENV: 'test', RATE_LIMIT_POINTS: '0' });
const yoga = createYogaServer(testConfig, {
  logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
});

export type Result<T = Record<string, unknown>> = ExecutionResult<T> & {
  sql: string[];
  status: number;
};

export async function execute<T = any>(
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<Result<T>> {
  const sql: string[] = [];
  const stop = database().onQuery(({ query: statement }) => sql.push(statement));
  try {
    const response = await requestScope.run(newRequestScope(), () =>
      yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      }),
    );
    const body = (await response.json()) as ExecutionResult<T>;
    // Prisma may emit a statement's log event after its result arrived: let pending ones land.
    await new Promise((resolve) => setImmediate(resolve));
    return { ...body, sql, status: response.status };
  } finally {
    stop();
  }
}

/** Executes and fails the test on any GraphQL error; returns the data. */
export async function data<T = any>(
  query: string,
  variables?: Record<string, unknown>,
  headers?: Record<string, string>,
): Promise<T> {
  const result = await execute<T>(query, variables, headers);
  if (result.errors?.length) {
    throw new Error(`unexpected errors: ${JSON.stringify(result.errors, null, 2)}`);
  }
  return result.data as T;
}

/** The first error's code and message, for asserting on expected failures. */
export async function failure(query: string, variables?: Record<string, unknown>) {
  const result = await execute(query, variables);
  const error = result.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(result.data)}`);
  return { code: error.extensions?.code, message: error.message, data: result.data };
}

/** The global ID of the entity of `type` whose name (or alias) matches `name` exactly once. */
export async function idOf(type: 'people' | 'countries' | 'organizations', name: string) {
  const result = await data(
    `query ($name: String!) { ${type}(filter: { name: $name }, first: 2) { edges { node { id name } } } }`,
    { name },
  );
  const edges = result[type].edges as { node: { id: string; name: string } }[];
  if (edges.length !== 1) throw new Error(`"${name}" matches ${edges.length} ${type}`);
  return edges[0]?.node.id;
}
