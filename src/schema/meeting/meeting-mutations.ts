import { z } from 'zod';
import type { Writer } from '../../audit/writer.js';
import { builder } from '../builder.js';
import { countryColumn, VersionedInput } from '../person/person-mutations.js';
import { ConflictError, invalid, NotFoundError } from '../shared/errors.js';
import {
  confidenceField,
  dateColumns,
  defined,
  existing,
  nameField,
  parseInput,
  partialDateField,
  rowId,
  withQuery,
  write,
} from '../shared/write.js';
import { VerificationEnum } from '../statement/enums.js';
import { VerifyInput } from '../statement/statement-mutations.js';
import { MeetingKindEnum, MeetingStatusEnum } from './meeting.js';

builder.prismaObjectField('Meeting', 'version', (t) =>
  t.exposeInt('version', { description: 'Pass it back to update or delete (optimistic locking).' }),
);

const meetingSchema = z.object({
  topic: nameField.nullish(),
  placeName: nameField.nullish(),
  date: partialDateField,
  confidence: confidenceField.optional(),
});

const CreateMeetingInput = builder.inputType('CreateMeetingInput', {
  fields: (t) => ({
    kind: t.field({ type: MeetingKindEnum, required: true }),
    status: t.field({ type: MeetingStatusEnum, required: true }),
    participants: t.idList({ required: true, description: 'At least two people.' }),
    topic: t.string(),
    placeName: t.string(),
    country: t.id({ description: 'Where it was held.' }),
    date: t.string({ description: '"2025", "2025-03" or "2025-03-31".' }),
    confidence: t.float(),
    verification: t.field({ type: VerificationEnum }),
  }),
});

const UpdateMeetingInput = builder.inputType('UpdateMeetingInput', {
  description: 'Omitted fields keep their value; null clears topic, place, country and date.',
  fields: (t) => ({
    id: t.id({ required: true }),
    version: t.int({ required: true }),
    kind: t.field({ type: MeetingKindEnum }),
    status: t.field({ type: MeetingStatusEnum }),
    topic: t.string(),
    placeName: t.string(),
    country: t.id(),
    date: t.string(),
    confidence: t.float(),
    verification: t.field({ type: VerificationEnum }),
  }),
});

async function addParticipant(writer: Writer, meetingId: number, person: string, path: string[]) {
  const { id: personId } = await existing(writer, person, ['Person'], path);
  if ((await writer.tx.meetingParticipant.count({ where: { meetingId, personId } })) > 0) {
    throw new ConflictError(`${path.join('.')}: the person already takes part in the meeting`);
  }
  await writer.create(
    'MeetingParticipant',
    { meetingId, personId },
    { type: 'Meeting', id: meetingId },
  );
}

builder.mutationField('createMeeting', (t) =>
  t.prismaField({
    type: 'Meeting',
    errors: { dataField: { name: 'meeting' } },
    args: { input: t.arg({ type: CreateMeetingInput, required: true }) },
    resolve: (query, _root, { input }, context) =>
      write(context, 'createMeeting', 'EDITOR', async (writer) => {
        const { topic, placeName, date, confidence } = parseInput(meetingSchema, input);
        if (new Set(input.participants).size < 2) {
          throw invalid(['input', 'participants'], 'a meeting needs at least two participants');
        }
        const meeting = await writer.create('Meeting', {
          kind: input.kind,
          status: input.status,
          topic: topic ?? null,
          placeName: placeName ?? null,
          ...(await countryColumn(writer, input.country, ['input', 'country'])),
          ...dateColumns(date, 'occurredOn', 'occurredPrecision'),
          ...defined({ confidence, verification: input.verification ?? undefined }),
        });
        for (const [index, person] of input.participants.entries()) {
          await addParticipant(writer, meeting.id, person, [
            'input',
            'participants',
            String(index),
          ]);
        }
        return withQuery(writer, 'Meeting', query, meeting);
      }),
  }),
);

builder.mutationField('updateMeeting', (t) =>
  t.prismaField({
    type: 'Meeting',
    errors: { dataField: { name: 'meeting' } },
    args: { input: t.arg({ type: UpdateMeetingInput, required: true }) },
    resolve: (
      query,
      _root,
      { input: { id, version, kind, status, verification, country, ...input } },
      context,
    ) =>
      write(context, 'updateMeeting', 'EDITOR', async (writer) => {
        const meeting = rowId(id, ['Meeting'], ['input', 'id']);
        const { topic, placeName, date, confidence } = parseInput(
          meetingSchema.partial(),
          defined(input),
        );
        for (const [field, value] of Object.entries({
          kind,
          status,
          verification,
          confidence: input.confidence,
        })) {
          if (value === null) throw invalid(['input', field], 'must not be null');
        }
        return withQuery(
          writer,
          'Meeting',
          query,
          writer.update(
            'Meeting',
            meeting.id,
            {
              ...defined({ kind, status, verification, topic, placeName, confidence }),
              ...dateColumns(date, 'occurredOn', 'occurredPrecision'),
              ...(await countryColumn(writer, country, ['input', 'country'])),
            },
            { expectedVersion: version, path: ['input', 'id'] },
          ),
        );
      }),
  }),
);

builder.mutationField('verifyMeeting', (t) =>
  t.prismaField({
    type: 'Meeting',
    errors: { dataField: { name: 'meeting' } },
    description:
      'Marks a meeting VERIFIED: a curator checked it against its sources (recorded in the audit trail). Correct it with updateMeeting, or delete it.',
    args: { input: t.arg({ type: VerifyInput, required: true, description: 'Which meeting.' }) },
    resolve: (query, _root, { input }, context) =>
      write(context, 'verifyMeeting', 'EDITOR', async (writer) => {
        const meeting = rowId(input.id, ['Meeting'], ['input', 'id']);
        return withQuery(
          writer,
          'Meeting',
          query,
          writer.update(
            'Meeting',
            meeting.id,
            { verification: 'VERIFIED' },
            { expectedVersion: input.version, path: ['input', 'id'] },
          ),
        );
      }),
  }),
);

builder.mutationField('deleteMeeting', (t) =>
  t.id({
    errors: { dataField: { name: 'deletedId' } },
    description: 'Deletes a meeting with its participants and attestations.',
    args: { input: t.arg({ type: VersionedInput, required: true }) },
    resolve: (_root, { input }, context) =>
      write(context, 'deleteMeeting', 'EDITOR', async (writer) => {
        const { id } = await existing(writer, input.id, ['Meeting'], ['input', 'id']);
        const target = { type: 'Meeting', id };
        for (const model of ['MeetingParticipant', 'Attestation'] as const) {
          await writer.deleteWhere(model, { meetingId: id }, target);
        }
        await writer.delete('Meeting', id, { expectedVersion: input.version });
        return input.id;
      }),
  }),
);

const ParticipantInput = builder.inputType('MeetingParticipantInput', {
  fields: (t) => ({ meeting: t.id({ required: true }), person: t.id({ required: true }) }),
});

builder.mutationField('addMeetingParticipant', (t) =>
  t.prismaField({
    type: 'Meeting',
    errors: { dataField: { name: 'meeting' } },
    args: { input: t.arg({ type: ParticipantInput, required: true }) },
    resolve: (query, _root, { input }, context) =>
      write(context, 'addMeetingParticipant', 'EDITOR', async (writer) => {
        const meeting = await existing(writer, input.meeting, ['Meeting'], ['input', 'meeting']);
        await addParticipant(writer, meeting.id, input.person, ['input', 'person']);
        return withQuery(writer, 'Meeting', query, meeting);
      }),
  }),
);

builder.mutationField('removeMeetingParticipant', (t) =>
  t.prismaField({
    type: 'Meeting',
    errors: { dataField: { name: 'meeting' } },
    description: 'Refused when it would leave fewer than two participants.',
    args: { input: t.arg({ type: ParticipantInput, required: true }) },
    resolve: (query, _root, { input }, context) =>
      write(context, 'removeMeetingParticipant', 'EDITOR', async (writer) => {
        const meeting = await existing(writer, input.meeting, ['Meeting'], ['input', 'meeting']);
        const person = await existing(writer, input.person, ['Person'], ['input', 'person']);
        const links = await writer.tx.meetingParticipant.findMany({
          where: { meetingId: meeting.id },
        });
        const link = links.find((row) => row.personId === person.id);
        if (!link) {
          throw new NotFoundError(
            ['input', 'person'],
            input.person,
            'input.person: not a participant',
          );
        }
        if (links.length <= 2) {
          throw invalid(['input', 'person'], 'a meeting needs at least two participants');
        }
        await writer.delete('MeetingParticipant', link.id, {
          target: { type: 'Meeting', id: meeting.id },
        });
        return withQuery(writer, 'Meeting', query, meeting);
      }),
  }),
);
