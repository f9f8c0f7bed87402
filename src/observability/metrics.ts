import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../db/client.js';
import { sqlStatementsSent } from '../plugins/request-scope.js';

export type Metrics = ReturnType<typeof createMetrics>;

export type OperationLabels = {
  /** The operation names of the trusted documents: then no other name becomes a label. */
  trusted?: ReadonlySet<string>;
  /** Otherwise, the first names answered without error, up to this many; later ones are `other`. */
  maxNames: number;
};

const maxLabelLength = 64;
const operationName = /^[_A-Za-z][_0-9A-Za-z]*$/;

/**
 * The label an operation name is counted under. Names come from clients: unbounded, they would
 * grow /metrics and the process without limit (one series per name), so only trusted names or a
 * bounded first-come set of short ones become labels.
 */
export function operationLabeller({ trusted, maxNames }: OperationLabels) {
  const admitted = new Set<string>();
  return (name: string | undefined, answered: boolean): string => {
    if (name === undefined) return 'anonymous';
    if (trusted) return trusted.has(name) ? name : 'other';
    if (admitted.has(name)) return name;
    if (!answered || admitted.size >= maxNames) return 'other';
    if (name.length > maxLabelLength || !operationName.test(name)) return 'other';
    admitted.add(name);
    return name;
  };
}

/** Prometheus metrics of one server: requests, latency per operation, errors, database pool. */
export function createMetrics(database: () => Database | undefined, labels: OperationLabels) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by method, path and status.',
    labelNames: ['method', 'path', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'Time to answer a GraphQL request, by operation name.',
    labelNames: ['operation'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'graphql_errors_total',
    help: 'GraphQL errors by code.',
    labelNames: ['code'],
    registers: [registry],
  });
  new Gauge({
    name: 'db_pool_connections',
    help: 'PostgreSQL pool connections by state (SQLite has no pool).',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const pool = database()?.pool;
      if (!pool) return;
      this.set({ state: 'total' }, pool.totalCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'waiting' }, pool.waitingCount);
    },
  });
  let statementsCounted = 0;
  new Counter({
    name: 'db_statements_total',
    help: 'SQL statements sent to the database (divided by requests: statements per request).',
    registers: [registry],
    collect() {
      const sent = sqlStatementsSent();
      this.inc(sent - statementsCounted);
      statementsCounted = sent;
    },
  });
  return { registry, requests, duration, errors, operationLabel: operationLabeller(labels) };
}
