import { listCaps } from '../../shared/list-caps.js';
import { builder } from '../builder.js';
import { ConflictError, invalid, NotFoundError } from '../shared/errors.js';
import { existing, withQuery, write } from '../shared/write.js';

const StatementRelationKindEnum = builder.enumType('StatementRelationKind', {
  values: {
    DENIES: { description: 'Says the other statement is false (usually someone else does).' },
    RETRACTS: { description: 'Its speaker takes the other statement back.' },
    CORRECTS: { description: 'Replaces the other statement with a corrected version.' },
  } as const,
});

builder.prismaObject('StatementRelation', {
  description: 'A statement that denies, retracts or corrects another.',
  fields: (t) => ({
    kind: t.expose('kind', { type: StatementRelationKindEnum }),
    statement: t.relation('statement', { description: 'The later statement, which responds.' }),
    target: t.relation('target', { description: 'The statement responded to.' }),
    recordedAt: t.expose('recordedAt', { type: 'DateTime' }),
  }),
});

const byId = { orderBy: { id: 'asc' as const }, take: listCaps.statementRelations };

builder.prismaObjectFields('Statement', (t) => ({
  respondsTo: t.relation('respondsTo', {
    description: 'The statements this one denies, retracts or corrects.',
    query: byId,
  }),
  responses: t.relation('responses', {
    description: 'The statements that deny, retract or correct this one.',
    query: byId,
  }),
  retracted: t.boolean({
    description: 'Whether its speaker retracted it (see responses).',
    select: { responses: { where: { kind: 'RETRACTS' }, select: { id: true }, take: 1 } },
    resolve: (statement) => statement.responses.length > 0,
  }),
}));

const RelationInput = builder.inputType('StatementRelationInput', {
  fields: (t) => ({
    statement: t.id({ required: true, description: 'The later statement, which responds.' }),
    kind: t.field({ type: StatementRelationKindEnum, required: true }),
    target: t.id({ required: true, description: 'The statement it responds to.' }),
  }),
});

builder.mutationField('relateStatements', (t) =>
  t.prismaField({
    type: 'Statement',
    errors: { dataField: { name: 'statement' } },
    description:
      'Records that a statement denies, retracts or corrects another. A retraction must come from the same speaker.',
    args: { input: t.arg({ type: RelationInput, required: true }) },
    resolve: (query, _root, { input }, context) =>
      write(context, 'relateStatements', 'EDITOR', async (writer) => {
        const statement = await existing(
          writer,
          input.statement,
          ['Statement'],
          ['input', 'statement'],
        );
        const target = await existing(writer, input.target, ['Statement'], ['input', 'target']);
        if (statement.id === target.id) {
          throw invalid(['input', 'target'], 'a statement cannot respond to itself');
        }
        const sameSpeaker =
          statement.row.speakerPersonId === target.row.speakerPersonId &&
          statement.row.speakerOrganizationId === target.row.speakerOrganizationId;
        if (input.kind === 'RETRACTS' && !sameSpeaker) {
          throw invalid(['input', 'kind'], 'only the speaker can retract a statement; use DENIES');
        }
        const link = { statementId: statement.id, targetId: target.id, kind: input.kind };
        if ((await writer.tx.statementRelation.count({ where: link })) > 0) {
          throw new ConflictError('the statements are already related so');
        }
        await writer.create('StatementRelation', link);
        return withQuery(writer, 'Statement', query, statement);
      }),
  }),
);

builder.mutationField('unrelateStatements', (t) =>
  t.prismaField({
    type: 'Statement',
    errors: { dataField: { name: 'statement' } },
    args: { input: t.arg({ type: RelationInput, required: true }) },
    resolve: (query, _root, { input }, context) =>
      write(context, 'unrelateStatements', 'EDITOR', async (writer) => {
        const statement = await existing(
          writer,
          input.statement,
          ['Statement'],
          ['input', 'statement'],
        );
        const target = await existing(writer, input.target, ['Statement'], ['input', 'target']);
        const link = await writer.tx.statementRelation.findFirst({
          where: { statementId: statement.id, targetId: target.id, kind: input.kind },
        });
        if (!link)
          throw new NotFoundError(['input', 'target'], input.target, 'input: no such relation');
        await writer.delete('StatementRelation', link.id);
        return withQuery(writer, 'Statement', query, statement);
      }),
  }),
);
