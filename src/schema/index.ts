import { builder } from './builder.js';
import './shared/scalars.js';
import './shared/error-types.js';
import './country/country.js';
import './organization/organization.js';
import './person/person.js';
import './statement/statement.js';
import './meeting/meeting.js';
import './source/source.js';
import './change/change.js';
import './country/country-mutations.js';
import './person/person-mutations.js';
import './organization/organization-mutations.js';
import './shared/alias-mutations.js';
import './statement/statement-mutations.js';
import './meeting/meeting-mutations.js';
import './source/import-mutation.js';

export const schema = builder.toSchema();
