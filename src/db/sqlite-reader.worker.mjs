// A worker thread holding a read-only SQLite connection for reads sent as SQL (sql-readers.ts). Plain
// JavaScript: a worker starts without the TypeScript loader the server runs under.
import { parentPort, workerData } from 'node:worker_threads';
import Sqlite from 'better-sqlite3';

const connection = new Sqlite(workerData.file, {
  readonly: true,
  fileMustExist: true,
  timeout: workerData.busyTimeoutMs,
});
// SQLite has no base64; global IDs and cursors are base64 text.
connection.function('kb_base64', { deterministic: true }, (text) =>
  text === null ? null : Buffer.from(String(text)).toString('base64'),
);

/** Prepared statements by the number the main thread gave their text. */
const statements = new Map();

parentPort.on('message', ({ id, key, mode, sql, params }) => {
  try {
    let statement = statements.get(key);
    if (!statement) {
      statement = connection.prepare(sql);
      if (mode === 'text') statement.pluck();
      if (key !== undefined) statements.set(key, statement);
    }
    const named = {};
    params.forEach((value, index) => {
      named[`p${index + 1}`] = value;
    });
    const answer = mode === 'text' ? (statement.get(named) ?? null) : statement.all(named);
    parentPort.postMessage({ id, answer });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: error.message, code: error.code } });
  }
});
