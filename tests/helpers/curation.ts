// API keys and database snapshots for the curation tests.
import { type AccessRole, createApiKey } from '../../src/auth/api-keys.js';
import { type Db, database } from '../../src/db/client.js';
import { data } from './execute.js';

/** A fresh key of `role`, as request headers. */
export async function keyHeaders(role: AccessRole, name = role.toLowerCase()) {
  const key = await createApiKey(database().prisma, name, role);
  return { authorization: `Bearer ${key.secret}` };
}

/** Every row of every knowledge and audit table: equal snapshots mean nothing changed. */
export async function snapshot(prisma: Db = database().prisma) {
  const byId = { orderBy: { id: 'asc' as const } };
  return {
    sources: await prisma.source.findMany(byId),
    countries: await prisma.country.findMany(byId),
    organizations: await prisma.organization.findMany(byId),
    people: await prisma.person.findMany(byId),
    aliases: await prisma.alias.findMany(byId),
    externalIds: await prisma.externalId.findMany(byId),
    roles: await prisma.role.findMany(byId),
    statements: await prisma.statement.findMany(byId),
    statementSubjects: await prisma.statementSubject.findMany(byId),
    meetings: await prisma.meeting.findMany(byId),
    meetingParticipants: await prisma.meetingParticipant.findMany(byId),
    attestations: await prisma.attestation.findMany(byId),
    changes: await prisma.change.findMany(byId),
    redirects: await prisma.redirect.findMany(byId),
  };
}

/** Runs a mutation whose payload is a union; returns the payload (success or error object). */
export async function mutate(
  field: string,
  input: Record<string, unknown>,
  selection: string,
  headers: Record<string, string>,
) {
  const query = `mutation ($input: ${inputTypeOf(field)}!) { ${field}(input: $input) {
    __typename
    ... on Error { message }
    ... on ValidationError { issues { path message } }
    ... on NotFoundError { path id }
    ... on ConflictError { currentVersion }
    ${selection}
  } }`;
  const result = await data(query, { input }, headers);
  return result[field];
}

const inputTypes: Record<string, string> = {
  deleteCountry: 'VersionedInput',
  deleteSource: 'VersionedInput',
  deletePerson: 'VersionedInput',
  deleteOrganization: 'VersionedInput',
  deleteRole: 'VersionedInput',
  deleteStatement: 'VersionedInput',
  deleteMeeting: 'VersionedInput',
  addAlias: 'AliasInput',
  removeAlias: 'AliasInput',
  addMeetingParticipant: 'MeetingParticipantInput',
  removeMeetingParticipant: 'MeetingParticipantInput',
  relateStatements: 'StatementRelationInput',
  unrelateStatements: 'StatementRelationInput',
  mergeEntities: 'MergeEntitiesInput',
};

function inputTypeOf(field: string) {
  return inputTypes[field] ?? `${field.charAt(0).toUpperCase()}${field.slice(1)}Input`;
}
