// A request that runs too long gets an error instead of holding its client, and the work still
// running for it is told to stop: the request scope carries the deadline and an aborted signal, by
// which its transactions time out and roll back (src/db/transaction.ts). On PostgreSQL the same
// limit is the connections' statement_timeout, so the database stops a long statement as well.
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { requestScope } from './request-scope.js';

export function useExecutionTimeout(timeoutMs: number): Plugin {
  return {
    onExecute({ setExecuteFn, executeFn }) {
      if (timeoutMs === 0) return;
      setExecuteFn(async (args) => {
        const stop = new AbortController();
        const scope = requestScope.getStore();
        if (scope) {
          scope.deadline = performance.now() + timeoutMs;
          scope.signal = stop.signal;
        }
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<{ errors: GraphQLError[] }>((resolve) => {
          timer = setTimeout(() => {
            const error = new GraphQLError(
              `The request took longer than ${timeoutMs} ms and was stopped.`,
              { extensions: { code: 'TIMEOUT', http: { status: 503 } } },
            );
            stop.abort(error);
            resolve({ errors: [error] });
          }, timeoutMs);
        });
        try {
          return await Promise.race([executeFn(args), timedOut]);
        } finally {
          clearTimeout(timer);
        }
      });
    },
  };
}
