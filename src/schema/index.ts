import { builder } from './builder.js';
import './shared/scalars.js';
import './country/country.js';
import './organization/organization.js';
import './person/person.js';
import './statement/statement.js';
import './statement/aggregates.js';
import './statement/citations.js';
import './meeting/meeting.js';
import './source/source.js';
import './search/search.js';
import './timeline/timeline.js';
import './path/path.js';

export const schema = builder.toSchema();
