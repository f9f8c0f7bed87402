// A request that runs too long gets an error instead of holding its client; on PostgreSQL the
// same limit is the connections' statement_timeout, so the database stops its work as well.
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export function useExecutionTimeout(timeoutMs: number): Plugin {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      if (timeoutMs === 0) return;
      setExecuteFn(async (args) => {
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<{ errors: GraphQLError[] }>((resolve) => {
          timer = setTimeout(
            () =>
              resolve({
                errors: [
                  new GraphQLError(
                    `The request took longer than ${timeoutMs} ms and was stopped.`,
                    {
                      extensions: { code: 'TIMEOUT', http: { status: 503 } },
                    },
                  ),
                ],
              }),
            timeoutMs,
          );
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
