// `npm run schema:print` writes schema.graphql; a test fails when the two differ.
import { writeFileSync } from 'node:fs';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from './index.js';

export const printedSchema = () => `${printSchema(lexicographicSortSchema(schema))}\n`;

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(new URL('../../schema.graphql', import.meta.url), printedSchema());
}
