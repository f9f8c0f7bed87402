import { GraphQLError } from 'graphql';
import { type AccessRole, hasRole, type Viewer } from '../../auth/api-keys.js';

/** An expected failure caused by the request: reported to the client with code BAD_USER_INPUT. */
export function badInput(argument: string, reason: string): GraphQLError {
  return new GraphQLError(`${argument}: ${reason}`, {
    extensions: { code: 'BAD_USER_INPUT', argument },
  });
}

/** Refuses a read that needs `role`: UNAUTHENTICATED without a valid key, FORBIDDEN below it. */
export function requireRole(viewer: Viewer, role: AccessRole, what: string): void {
  if (hasRole(viewer, role)) return;
  if (viewer.kind === 'anonymous') {
    throw new GraphQLError(`reading ${what} needs an API key with the ${role} role`, {
      extensions: { code: 'UNAUTHENTICATED' },
    });
  }
  throw new GraphQLError(
    `reading ${what} needs the ${role} role; the key "${viewer.name}" has the ${viewer.role} role`,
    { extensions: { code: 'FORBIDDEN' } },
  );
}

// Expected failures of mutations, returned in the payload (errors plugin) rather than thrown
// to the client as GraphQL errors. Each becomes a GraphQL type implementing `Error`.

export type FieldIssue = { path: string[]; message: string };

/** The input breaks a rule; `issues` point at the offending fields. */
export class ValidationError extends Error {
  override name = 'ValidationError';
  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  }
}

export const invalid = (path: string[], message: string) =>
  new ValidationError([{ path, message }]);

/** An ID in the input names nothing (any more). */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
  constructor(
    readonly path: string[],
    readonly id: string,
    message = `${path.join('.')}: nothing has the ID "${id}"`,
  ) {
    super(message);
  }
}

/** Someone else changed the row since it was read, or the change would duplicate a row. */
export class ConflictError extends Error {
  override name = 'ConflictError';
  constructor(
    message: string,
    readonly currentVersion: number | null = null,
  ) {
    super(message);
  }
}

/** The request carries no valid credential, or one whose role is not enough. */
export class AuthorizationError extends Error {
  override name = 'AuthorizationError';
}
