// What compiling a read costs: work units (the compiler's own count, which its budget bounds) and
// time per compile, for the benchmark's shapes and for fragment documents that double per level.
// No database: the compiler only builds SQL. Run: node --import tsx bench/compile-work.ts
import { cpus } from 'node:os';
import { formatPrismaCursor } from '@pothos/plugin-prisma';
import { type DocumentNode, parse } from 'graphql';
import { compileRead, documentSize, Unsupported, workBudget } from '../src/compiled/compile.js';
import { catalogOf } from '../src/compiled/derive.js';
import { schema } from '../src/schema/index.js';
import { globalId, type ShapeParams, shapes } from './shapes.js';

const rounds = Number(process.env.COMPILE_ROUNDS ?? 2000);

let started = performance.now();
catalogOf(schema);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);
console.log(`catalog derived from the schema in ${(performance.now() - started).toFixed(1)} ms\n`);

function measure(name: string, document: DocumentNode, variables: Record<string, unknown>) {
  const compile = () =>
    compileRead({ schema, document, variableValues: variables, provider: 'postgresql' });
  let work: number | string;
  try {
    work = compile().work;
  } catch (error) {
    if (!(error instanceof Unsupported)) throw error;
    console.log(`${name.padEnd(28)} not compiled: ${error.message}`);
    return;
  }
  started = performance.now();
  for (let round = 0; round < rounds; round++) compile();
  const each = ((performance.now() - started) / rounds) * 1000;
  console.log(
    `${name.padEnd(28)} size ${String(documentSize(document)).padStart(4)}  work ${String(work).padStart(5)}  budget ${String(workBudget(document)).padStart(5)}  ${each.toFixed(0).padStart(5)} µs/compile`,
  );
}

const id = globalId('Person', 1);
const params: ShapeParams = {
  personId: 1,
  speakerId: 2,
  subjectId: 3,
  meetingsFrom: '2020-01-01',
  meetingsTo: '2020-12-31',
  searchWord: 'talks',
  deepCursor: { ours: formatPrismaCursor({ id: 10_000 }, 'id'), postgraphile: '' },
  deepAfterId: 10_000,
};
for (const shape of shapes) {
  measure(shape.name, parse(shape.ours.query), shape.ours.variables(params));
}

for (const levels of [8, 16, 30, 60]) {
  const fragments = ['fragment F0 on Person { id name country { id } currentRoles { title } }'];
  for (let level = 1; level <= levels; level++) {
    fragments.push(`fragment F${level} on Person { ...F${level - 1} ...F${level - 1} }`);
  }
  const query = `query ($id: ID!) { node(id: $id) { ...F${levels} } }\n${fragments.join('\n')}`;
  measure(`fragments doubling × ${levels}`, parse(query), { id });
}
