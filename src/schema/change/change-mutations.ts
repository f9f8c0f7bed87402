import { decodeGlobalID } from '@pothos/plugin-relay';
import { undoOperation } from '../../audit/undo.js';
import { builder } from '../builder.js';
import { invalid, NotFoundError } from '../shared/errors.js';
import { rowIdOf } from '../shared/ids.js';
import { write } from '../shared/write.js';

const UndoInput = builder.inputType('UndoOperationInput', {
  fields: (t) => ({
    change: t.id({ required: true, description: 'Any change of the operation to undo.' }),
  }),
});

builder.mutationField('undoOperation', (t) =>
  t.int({
    errors: { dataField: { name: 'restoredRows' } },
    description:
      'Admin only. Reverts everything one mutation or import did (e.g. a merge), recording the reversal as a new operation; refused when a later change touched the same rows.',
    args: { input: t.arg({ type: UndoInput, required: true }) },
    resolve: (_root, { input }, context) =>
      write(context, 'undoOperation', 'ADMIN', async (writer) => {
        const path = ['input', 'change'];
        let decoded: { typename: string; id: string } | undefined;
        try {
          decoded = decodeGlobalID(input.change);
        } catch {}
        const id = decoded && rowIdOf(decoded.id);
        if (decoded?.typename !== 'Change' || id === undefined) {
          throw invalid(path, `"${input.change}" is not the ID of a Change`);
        }
        const change = await writer.tx.change.findUnique({ where: { id } });
        if (!change) throw new NotFoundError(path, input.change);
        return undoOperation(writer, change.operation);
      }),
  }),
);
