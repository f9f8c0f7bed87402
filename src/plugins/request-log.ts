// One JSON log line and the metrics of every request, and the request ID on every response.
import { type GraphQLError, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { requestScope } from './request-scope.js';

const servedPaths = new Set(['/graphql', '/health', '/ready', '/metrics']);

export function useRequestLog({ logger, metrics }: { logger: Logger; metrics: Metrics }): Plugin {
  return {
    onExecute({ args }) {
      const scope = requestScope.getStore();
      if (scope) {
        scope.operationName = getOperationAST(args.document, args.operationName)?.name?.value;
      }
      return {
        onExecuteDone({ result, setResult }) {
          if (!('errors' in result) || !result.errors?.length || !scope) return;
          scope.errored = true;
          for (const error of result.errors as GraphQLError[]) {
            metrics.errors.inc({ code: String(error.extensions?.code ?? 'UNKNOWN') });
          }
          setResult({
            ...result,
            extensions: { ...result.extensions, requestId: scope.requestId },
          });
        },
      };
    },
    onResponse({ request, response }) {
      const scope = requestScope.getStore();
      const path = new URL(request.url).pathname;
      metrics.requests.inc({
        method: request.method,
        path: servedPaths.has(path) ? path : 'other',
        status: response.status,
      });
      if (!scope) return;
      response.headers.set('x-request-id', scope.requestId);
      const durationMs = performance.now() - scope.startedAt;
      if (path === '/graphql') {
        const operation = metrics.operationLabel(
          scope.operationName,
          response.status === 200 && !scope.errored,
        );
        metrics.duration.observe({ operation }, durationMs / 1000);
      }
      if (path === '/health' || path === '/metrics') return;
      logger.info({
        requestId: scope.requestId,
        method: request.method,
        path,
        status: response.status,
        // Client-chosen, so capped: a 500 KB name would make every log line 500 KB.
        operationName: scope.operationName?.slice(0, 200),
        durationMs: Math.round(durationMs * 10) / 10,
        cost: scope.cost,
        sqlStatements: scope.sqlStatements,
        compiled: scope.compiled,
      });
    },
  };
}
