import { builder } from '../builder.js';
import {
  AuthorizationError,
  ConflictError,
  type FieldIssue,
  NotFoundError,
  ValidationError,
} from './errors.js';

export const ErrorInterface = builder.interfaceRef<Error>('Error').implement({
  description: 'An expected failure of a mutation; nothing was changed.',
  fields: (t) => ({ message: t.exposeString('message') }),
});

const FieldIssueRef = builder.objectRef<FieldIssue>('FieldIssue').implement({
  description: 'What is wrong with one input field.',
  fields: (t) => ({
    path: t.exposeStringList('path', { description: 'E.g. ["input", "name"].' }),
    message: t.exposeString('message'),
  }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  interfaces: [ErrorInterface],
  description: 'The input breaks a rule; each issue names the field.',
  fields: (t) => ({ issues: t.field({ type: [FieldIssueRef], resolve: (e) => e.issues }) }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  interfaces: [ErrorInterface],
  description: 'An ID in the input names nothing.',
  fields: (t) => ({
    path: t.exposeStringList('path'),
    id: t.exposeString('id'),
  }),
});

builder.objectType(ConflictError, {
  name: 'ConflictError',
  interfaces: [ErrorInterface],
  description:
    'The row changed since it was read (reload it and retry with its current version), or the change would duplicate something.',
  fields: (t) => ({
    currentVersion: t.exposeInt('currentVersion', { nullable: true }),
  }),
});

builder.objectType(AuthorizationError, {
  name: 'AuthorizationError',
  interfaces: [ErrorInterface],
  description: 'Writing needs an API key (Authorization: Bearer <key>) with a sufficient role.',
});
