// Settings every PostgreSQL session of ours starts with (pg's `options`, sent at connection).

/**
 * What the planner takes a random page read to cost (its default, 4, assumes spinning disks).
 * With 4, the page of a popular entity's list (2,769 mentions for 50 shown) is read by a bitmap
 * scan and sorted, the planner going by the average list's length; with 1.1 it walks the index
 * that yields the page's order: half the database time for "statements about".
 */
export const randomPageCost = 1.1;

/**
 * The `options` of a pg connection: the planner setting and, given the execution timeout, a
 * statement timeout and an idle-in-transaction timeout of the same length: a transaction left
 * open longer than any request may run (its process stalled or gone) is rolled back by the server.
 */
export function sessionOptions(statementTimeoutMs?: number): string {
  return [
    ...(statementTimeoutMs
      ? [
          `-c statement_timeout=${statementTimeoutMs}`,
          `-c idle_in_transaction_session_timeout=${statementTimeoutMs}`,
        ]
      : []),
    `-c random_page_cost=${randomPageCost}`,
  ].join(' ');
}
