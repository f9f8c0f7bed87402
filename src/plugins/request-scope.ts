// What the server knows about the request being handled, wherever it is needed: the request ID
// for logs and errors, and the figures the request log reports (cost, SQL statements).
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export type RequestScope = {
  requestId: string;
  startedAt: number;
  operationName?: string;
  cost?: number;
  sqlStatements: number;
  /** Answered by one compiled SQL statement instead of the resolvers. */
  compiled?: boolean;
  /** When the execution timeout answers it (performance.now() time), if it has one. */
  deadline?: number;
  /** Aborted when the request was answered TIMEOUT: work still running for it must stop. */
  signal?: AbortSignal;
};

export const requestScope = new AsyncLocalStorage<RequestScope>();

const acceptableId = /^[\w.:-]{1,64}$/;

/** A new scope, keeping the caller's X-Request-ID when it is a sane token. */
export function newRequestScope(incomingId?: string | null): RequestScope {
  return {
    requestId: incomingId && acceptableId.test(incomingId) ? incomingId : randomUUID(),
    startedAt: performance.now(),
    sqlStatements: 0,
  };
}

let statementsSent = 0;

/** SQL statements this process has sent, for the metrics. */
export const sqlStatementsSent = () => statementsSent;

/** Counts a SQL statement against the request that sent it, if any. */
export function countSqlStatement(): void {
  statementsSent++;
  const scope = requestScope.getStore();
  if (scope) scope.sqlStatements++;
}
