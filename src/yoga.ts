import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { createYoga, maskError, type Plugin, useReadinessCheck } from 'graphql-yoga';
import { type Context, createContext } from './context.js';
import { db } from './db/client.js';
import { defaultQuery } from './graphiql-default-query.js';
import { schema } from './schema/index.js';

export type YogaOptions = { graphiql?: boolean; logErrors?: boolean; readAccess?: 'open' | 'key' };

export function createYogaServer({
  graphiql = true,
  logErrors = true,
  readAccess = 'open',
}: YogaOptions = {}) {
  return createYoga({
    schema,
    context: createContext,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    // Unexpected errors are logged where they are masked (below); expected ones are not logged.
    logging: false,
    graphiql: graphiql ? { title: 'News knowledge base', defaultQuery } : false,
    maskedErrors: {
      // Internal details stay in the logs whatever NODE_ENV says.
      isDev: false,
      maskError(error, message) {
        const masked = maskError(error, message, false);
        if (logErrors && masked !== error) console.error(error);
        return masked;
      },
    },
    plugins: [
      ...(readAccess === 'key' ? [useKeyForReading()] : []),
      useValidationErrorCodes(),
      useReadinessCheck({
        endpoint: '/ready',
        check: async () => {
          await db().$queryRaw`SELECT 1`;
        },
      }),
    ],
  });
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
            error.originalError instanceof PothosValidationError && !error.extensions.code
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

// With READ_ACCESS=key, a request without a valid API key is refused before it executes.
function useKeyForReading(): Plugin<Context> {
  return {
    onExecute: ({ args, setResultAndStopExecution }) => {
      const { viewer } = args.contextValue;
      if (viewer.kind === 'key') return;
      setResultAndStopExecution({
        errors: [
          new GraphQLError(
            `reading needs an API key${viewer.problem ? `: ${viewer.problem}` : ''}`,
            {
              extensions: { code: 'UNAUTHENTICATED' },
            },
          ),
        ],
      });
    },
  };
}
