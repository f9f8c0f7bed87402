// Reads whose SQL builds the whole answer as one JSON value (src/compiled/). PostgreSQL runs them
// on the pool Prisma uses; SQLite on a read-only connection of its own, which can hold the
// functions such SQL needs and keeps its prepared statements.
import Sqlite from 'better-sqlite3';
import type pg from 'pg';

export type JsonReader = {
  /** Runs `sql` (one row, one text column named data) and returns that text. */
  read(sql: string, params: unknown[]): Promise<string | null>;
  close(): void;
};

// Texts beyond the bound (which a client could vary without end) are parsed each time.
const cachedTexts = 2000;

export function postgresJsonReader(pool: pg.Pool): JsonReader {
  const names = new Map<string, string>();
  return {
    async read(sql, params) {
      let name = names.get(sql);
      if (name === undefined && names.size < cachedTexts) {
        name = `kbj${names.size}`;
        names.set(sql, name);
      }
      const result = await pool.query<{ data: string | null }>({ name, text: sql, values: params });
      return result.rows[0]?.data ?? null;
    },
    close() {},
  };
}

export function sqliteJsonReader(file: string): JsonReader {
  let connection: Sqlite.Database | undefined;
  const statements = new Map<string, Sqlite.Statement>();
  const open = () => {
    connection = new Sqlite(file, { readonly: true, fileMustExist: true, timeout: 10_000 });
    // SQLite has no base64; global IDs and cursors are base64 text.
    connection.function('kb_base64', { deterministic: true }, (text) =>
      text === null ? null : Buffer.from(String(text)).toString('base64'),
    );
    return connection;
  };
  return {
    async read(sql, params) {
      const sqlite = connection ?? open();
      let statement = statements.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql).pluck();
        if (statements.size < cachedTexts) statements.set(sql, statement);
      }
      const named = Object.fromEntries(params.map((value, index) => [`p${index + 1}`, value]));
      return (statement.get(named) as string | null | undefined) ?? null;
    },
    close() {
      connection?.close();
      connection = undefined;
      statements.clear();
    },
  };
}
