// GraphQL operations executed in-process through the real Yoga instance (no port), with every
// SQL statement they send recorded.
import type { ExecutionResult } from 'graphql';
import { database } from '../../src/db/client.js';
import { createYogaServer } from '../../src/yoga.js';

const yoga = createYogaServer({ logErrors: false });

export type Result<T = Record<string, unknown>> = ExecutionResult<T> & { sql: string[] };

export async function execute<T = any>(
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<Result<T>> {
  const sql: string[] = [];
  const stop = database().onQuery(({ query: statement }) => sql.push(statement));
  try {
    const response = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as ExecutionResult<T>;
    return { ...body, sql };
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
