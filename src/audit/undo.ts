// Undoing an operation replays its changes backwards, provided no later change touched the
// same rows: each row must still be exactly as the operation left it.
import { ConflictError, NotFoundError } from '../schema/shared/errors.js';
import type { Model, Row, Writer } from './writer.js';

// updatedAt moves on every write; the version and the other columns are what must match.
const comparable = (row: Row | null) => {
  if (!row) return null;
  const { updatedAt: _, ...rest } = row;
  return JSON.stringify(rest);
};

const parse = (json: string | null) => (json === null ? null : (JSON.parse(json) as Row));

/** Reverts every change of `operation`; returns how many rows it restored. */
export async function undoOperation(writer: Writer, operation: string): Promise<number> {
  const changes = await writer.tx.change.findMany({
    where: { operation },
    orderBy: { id: 'desc' },
  });
  if (changes.length === 0) throw new NotFoundError(['input', 'change'], operation);
  for (const change of changes) {
    const model = change.model as Model;
    const current = await writer.delegate(model).findUnique({ where: { id: change.rowId } });
    const expected = parse(change.after);
    if (comparable(current) !== comparable(expected)) {
      throw new ConflictError(
        `${model} ${change.rowId} changed after this operation; undo the later changes first`,
      );
    }
  }
  for (const change of changes) {
    const model = change.model as Model;
    const before = parse(change.before);
    const target = { type: change.entityType, id: change.entityId };
    if (change.action === 'CREATE') {
      await writer.delete(model, change.rowId, { target });
    } else if (change.action === 'DELETE' && before) {
      // Prisma takes the ISO strings JSON made of the DateTime columns as they are.
      await writer.create(model, before, target);
    } else if (before) {
      // The writer bumps the version: a curator holding the pre-undo version must reload.
      const { id: _, version: __, updatedAt: ___, ...columns } = before;
      await writer.update(model, change.rowId, columns, { target });
    }
  }
  return changes.length;
}
