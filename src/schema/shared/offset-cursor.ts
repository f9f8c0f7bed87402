import { cursorToOffset } from '@pothos/plugin-relay';
import { badInput } from './errors.js';

function check(cursor: string | null | undefined, argument: string): void {
  if (cursor == null) return;
  let offset: number;
  try {
    offset = cursorToOffset(cursor);
  } catch {
    throw badInput(argument, `"${cursor}" is not a cursor of this connection`);
  }
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw badInput(argument, `"${cursor}" is not a cursor of this connection`);
  }
}

/** Offset-paged connections: a cursor the server did not make is the client's error. */
export function checkOffsetCursors(args: { after?: string | null; before?: string | null }) {
  check(args.after, 'after');
  check(args.before, 'before');
}
