import { readFileSync } from 'node:fs';
import { getNullableType, isInterfaceType, isListType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { listBounds } from '../src/plugins/cost.js';
import { schema } from '../src/schema/index.js';
import { printedSchema } from '../src/schema/print.js';

describe('schema.graphql', () => {
  it('matches the schema the code builds (run `npm run schema:print` after changing it)', () => {
    const committed = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
    expect(committed).toBe(printedSchema());
  });
});

describe('the cost model', () => {
  it('declares, for every list field of the schema, its longest length or the argument bounding it', () => {
    const undeclared: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
      if (isInterfaceType(type)) continue; // their implementations declare theirs
      for (const field of Object.values(type.getFields())) {
        if (!isListType(getNullableType(field.type))) continue;
        if (field.name === 'edges' && type.name.endsWith('Connection')) continue;
        const bound = listBounds[`${type.name}.${field.name}`];
        if (bound === undefined) undeclared.push(`${type.name}.${field.name}`);
        else if (typeof bound === 'object') {
          expect(
            field.args.map((a) => a.name),
            `${type.name}.${field.name}`,
          ).toContain(bound.argument);
        }
      }
    }
    expect(undeclared).toEqual([]);
  });
});
