import { z } from 'zod';
import type { Writer } from '../../audit/writer.js';
import { builder } from '../builder.js';
import { VersionedInput } from '../person/person-mutations.js';
import { ConflictError, invalid, NotFoundError } from '../shared/errors.js';
import {
  confidenceField,
  dateColumns,
  defined,
  existing,
  parseInput,
  partialDateField,
  rowId,
  textField,
  withQuery,
  write,
} from '../shared/write.js';
import { StanceEnum, StatementKindEnum, VerificationEnum } from './enums.js';

builder.prismaObjectField('Statement', 'version', (t) =>
  t.exposeInt('version', { description: 'Pass it back to update or delete (optimistic locking).' }),
);

const statementSchema = z.object({
  text: textField,
  date: partialDateField,
  confidence: confidenceField.optional(),
});

const SubjectInput = builder.inputType('StatementSubjectInput', {
  fields: (t) => ({
    subject: t.id({ required: true, description: 'A person, country or organization.' }),
    stance: t.field({ type: StanceEnum }),
  }),
});

const CreateStatementInput = builder.inputType('CreateStatementInput', {
  fields: (t) => ({
    speaker: t.id({ required: true, description: 'A person or an organization.' }),
    text: t.string({ required: true, extensions: { longText: true } }),
    kind: t.field({ type: StatementKindEnum, required: true }),
    date: t.string({ description: 'When it was said: "2025", "2025-03" or "2025-03-31".' }),
    confidence: t.float({ description: 'From 0 to 1; 1 when omitted.' }),
    verification: t.field({ type: VerificationEnum }),
    about: t.field({ type: [SubjectInput], description: 'Whom and what it is about.' }),
  }),
});

const UpdateStatementInput = builder.inputType('UpdateStatementInput', {
  description: 'Omitted fields keep their value; null clears the date.',
  fields: (t) => ({
    id: t.id({ required: true }),
    version: t.int({ required: true }),
    speaker: t.id(),
    text: t.string({ extensions: { longText: true } }),
    kind: t.field({ type: StatementKindEnum }),
    date: t.string(),
    confidence: t.float(),
    verification: t.field({ type: VerificationEnum }),
  }),
});

const subjectTypes = ['Person', 'Country', 'Organization'] as const;
const ownerField = { Person: 'personId', Country: 'countryId', Organization: 'organizationId' };

async function speakerColumns(writer: Writer, speaker: string, path: string[]) {
  if (speaker === '') throw invalid(path, 'a statement needs a speaker');
  const { type, id } = await existing(writer, speaker, ['Person', 'Organization'], path);
  return {
    speakerPersonId: type === 'Person' ? id : null,
    speakerOrganizationId: type === 'Organization' ? id : null,
  };
}

async function addSubject(
  writer: Writer,
  statementId: number,
  subject: { subject: string; stance?: string | null },
  path: string[],
) {
  const entity = await existing(writer, subject.subject, subjectTypes, [...path, 'subject']);
  const owner = { [ownerField[entity.type]]: entity.id };
  if ((await writer.tx.statementSubject.count({ where: { statementId, ...owner } })) > 0) {
    throw new ConflictError(
      `${path.join('.')}: the statement is already about this ${entity.type}`,
    );
  }
  await writer.create(
    'StatementSubject',
    { statementId, ...owner, stance: subject.stance ?? null },
    { type: 'Statement', id: statementId },
  );
}

builder.mutationField('createStatement', (t) =>
  t.prismaField({
    type: 'Statement',
    errors: { dataField: { name: 'statement' } },
    args: { input: t.arg({ type: CreateStatementInput, required: true }) },
    resolve: (query, _root, { input }, context) =>
      write(context, 'createStatement', 'EDITOR', async (writer) => {
        const { text, date, confidence } = parseInput(statementSchema, input);
        const speaker = await speakerColumns(writer, input.speaker, ['input', 'speaker']);
        const statement = await writer.create('Statement', {
          text,
          kind: input.kind,
          ...speaker,
          ...dateColumns(date, 'occurredOn', 'occurredPrecision'),
          ...defined({ confidence, verification: input.verification ?? undefined }),
        });
        for (const [index, subject] of (input.about ?? []).entries()) {
          await addSubject(writer, statement.id, subject, ['input', 'about', String(index)]);
        }
        return withQuery(writer, 'Statement', query, statement);
      }),
  }),
);

builder.mutationField('updateStatement', (t) =>
  t.prismaField({
    type: 'Statement',
    errors: { dataField: { name: 'statement' } },
    args: { input: t.arg({ type: UpdateStatementInput, required: true }) },
    resolve: (
      query,
      _root,
      { input: { id, version, speaker, kind, verification, ...input } },
      context,
    ) =>
      write(context, 'updateStatement', 'EDITOR', async (writer) => {
        const statement = rowId(id, ['Statement'], ['input', 'id']);
        const { text, date, confidence } = parseInput(statementSchema.partial(), defined(input));
        if (speaker === null) throw invalid(['input', 'speaker'], 'a statement needs a speaker');
        if (kind === null) throw invalid(['input', 'kind'], 'must not be null');
        if (verification === null) throw invalid(['input', 'verification'], 'must not be null');
        if (input.confidence === null) throw invalid(['input', 'confidence'], 'must not be null');
        return withQuery(
          writer,
          'Statement',
          query,
          writer.update(
            'Statement',
            statement.id,
            {
              ...defined({ text, kind, verification, confidence }),
              ...dateColumns(date, 'occurredOn', 'occurredPrecision'),
              ...(speaker === undefined
                ? {}
                : await speakerColumns(writer, speaker, ['input', 'speaker'])),
            },
            { expectedVersion: version, path: ['input', 'id'] },
          ),
        );
      }),
  }),
);

export const VerifyInput = builder.inputType('VerifyInput', {
  description: 'An extracted statement or meeting a curator has checked, at the version read.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'Its ID.' }),
    version: t.int({ required: true, description: 'The version you read.' }),
  }),
});

builder.mutationField('verifyStatement', (t) =>
  t.prismaField({
    type: 'Statement',
    errors: { dataField: { name: 'statement' } },
    description:
      'Marks a statement VERIFIED: a curator checked it against its sources (recorded in the audit trail). Correct it with updateStatement, or delete it.',
    args: { input: t.arg({ type: VerifyInput, required: true, description: 'Which statement.' }) },
    resolve: (query, _root, { input }, context) =>
      write(context, 'verifyStatement', 'EDITOR', async (writer) => {
        const statement = rowId(input.id, ['Statement'], ['input', 'id']);
        return withQuery(
          writer,
          'Statement',
          query,
          writer.update(
            'Statement',
            statement.id,
            { verification: 'VERIFIED' },
            { expectedVersion: input.version, path: ['input', 'id'] },
          ),
        );
      }),
  }),
);

builder.mutationField('deleteStatement', (t) =>
  t.id({
    errors: { dataField: { name: 'deletedId' } },
    description: 'Deletes a statement with its subjects and attestations.',
    args: { input: t.arg({ type: VersionedInput, required: true }) },
    resolve: (_root, { input }, context) =>
      write(context, 'deleteStatement', 'EDITOR', async (writer) => {
        const { id } = await existing(writer, input.id, ['Statement'], ['input', 'id']);
        const target = { type: 'Statement', id };
        for (const model of ['StatementSubject', 'Attestation'] as const) {
          await writer.deleteWhere(model, { statementId: id }, target);
        }
        await writer.deleteWhere('StatementRelation', {
          OR: [{ statementId: id }, { targetId: id }],
        });
        await writer.delete('Statement', id, { expectedVersion: input.version });
        return input.id;
      }),
  }),
);

const AddSubjectInput = builder.inputType('AddStatementSubjectInput', {
  fields: (t) => ({
    statement: t.id({ required: true }),
    subject: t.id({ required: true }),
    stance: t.field({ type: StanceEnum }),
  }),
});

const RemoveSubjectInput = builder.inputType('RemoveStatementSubjectInput', {
  fields: (t) => ({ statement: t.id({ required: true }), subject: t.id({ required: true }) }),
});

builder.mutationField('addStatementSubject', (t) =>
  t.prismaField({
    type: 'Statement',
    errors: { dataField: { name: 'statement' } },
    args: { input: t.arg({ type: AddSubjectInput, required: true }) },
    resolve: (query, _root, { input }, context) =>
      write(context, 'addStatementSubject', 'EDITOR', async (writer) => {
        const statement = await existing(
          writer,
          input.statement,
          ['Statement'],
          ['input', 'statement'],
        );
        await addSubject(writer, statement.id, input, ['input']);
        return withQuery(writer, 'Statement', query, statement);
      }),
  }),
);

builder.mutationField('removeStatementSubject', (t) =>
  t.prismaField({
    type: 'Statement',
    errors: { dataField: { name: 'statement' } },
    args: { input: t.arg({ type: RemoveSubjectInput, required: true }) },
    resolve: (query, _root, { input }, context) =>
      write(context, 'removeStatementSubject', 'EDITOR', async (writer) => {
        const statement = await existing(
          writer,
          input.statement,
          ['Statement'],
          ['input', 'statement'],
        );
        const entity = await existing(writer, input.subject, subjectTypes, ['input', 'subject']);
        const link = await writer.tx.statementSubject.findFirst({
          where: { statementId: statement.id, [ownerField[entity.type]]: entity.id },
        });
        if (!link) {
          throw new NotFoundError(
            ['input', 'subject'],
            input.subject,
            'input.subject: the statement is not about it',
          );
        }
        await writer.delete('StatementSubject', link.id, {
          target: { type: 'Statement', id: statement.id },
        });
        return withQuery(writer, 'Statement', query, statement);
      }),
  }),
);
