// Compiled reads are bounded by construction: compiling costs work linear in the document's size
// (fragments are expanded once per type, not once per spread), and a document whose answer
// would outgrow its budget goes to the resolvers. Work is counted in units by the compiler, not
// timed. Random valid documents (fragments, spreads, aliases, @include/@skip, inline fragments,
// nested connections) answer exactly as the resolvers do, within the linear bound.
import fc from 'fast-check';
import { type DocumentNode, parse, validate } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { globalId } from '../bench/shapes.js';
import {
  baseWork,
  compileRead,
  documentSize,
  Unsupported,
  workPerNode,
} from '../src/compiled/compile.js';
import { catalogOf, type Field } from '../src/compiled/derive.js';
import { loadConfig } from '../src/config.js';
import { database } from '../src/db/client.js';
import { createLogger } from '../src/observability/logger.js';
import { newRequestScope, requestScope } from '../src/plugins/request-scope.js';
import { schema } from '../src/schema/index.js';
import { createYogaServer } from '../src/yoga.js';
import { useSeededDatabase } from './helpers/seeded.js';

const seeded = useSeededDatabase();

const settings = {
  seed: Number(process.env.FC_SEED ?? 20261204),
  numRuns: Number(process.env.FC_RUNS ?? 60),
  endOnFailure: true,
};

const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
// Alias and depth limits above the defaults (which alone keep answers small) let a document
// outgrow the compiler's budget, the line behind them. Aliases count once per expanded spread.
const server = (compiled: boolean) =>
  createYogaServer(
    {
      ...loadConfig({
        NODE_ENV: 'test',
        RATE_LIMIT_POINTS: '0',
        MAX_DEPTH: '60',
        COMPILED_READS: String(compiled),
      }),
      // Past what the configuration accepts (1,000): the document below has 4,368 aliases.
      MAX_ALIASES: 5000,
    },
    { logger },
  );
const compiledServer = server(true);
const resolverServer = server(false);

async function run(yoga: typeof compiledServer, query: string, variables?: object) {
  const sql: string[] = [];
  const stop = database().onQuery(({ query: statement }) => sql.push(statement));
  try {
    const response = await requestScope.run(newRequestScope(), () =>
      yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query, variables }),
      }),
    );
    const body = (await response.json()) as { data?: unknown; errors?: unknown };
    await new Promise((resolve) => setImmediate(resolve));
    return { ...body, status: response.status, sql };
  } finally {
    stop();
  }
}

const withoutRequestId = (errors: unknown) =>
  errors && JSON.parse(JSON.stringify(errors).replace(/"requestId":"[^"]*"/g, '"requestId":""'));

/** Both servers' answers, which must be the same. */
async function sameAnswer(query: string, variables?: object) {
  const fast = await run(compiledServer, query, variables);
  const reference = await run(resolverServer, query, variables);
  expect(withoutRequestId(fast.errors)).toEqual(withoutRequestId(reference.errors));
  expect(JSON.stringify(fast.data)).toBe(JSON.stringify(reference.data));
  expect(fast.status).toBe(reference.status);
  const compiled =
    fast.sql.length === 1 && /^SELECT \(?json_(build_)?object\(/.test(fast.sql[0] ?? '');
  return { data: fast.data as Record<string, unknown> | undefined, errors: fast.errors, compiled };
}

const linearBound = (document: DocumentNode) => baseWork + workPerNode * documentSize(document);

/** The compile's work with no budget (undefined when it is not translated for another reason). */
function unboundedWork(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  try {
    return compileRead({
      schema,
      document,
      variableValues: variables,
      provider: database().provider,
      budget: Number.POSITIVE_INFINITY,
    }).work;
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

/** `levels` fragments, each spreading the one before twice: 2^levels spreads of the first. */
function doublingFragments(levels: number, type: string, first: string): string {
  const fragments = [`fragment F0 on ${type} { ${first} }`];
  for (let level = 1; level <= levels; level++) {
    fragments.push(`fragment F${level} on ${type} { ...F${level - 1} ...F${level - 1} }`);
  }
  return fragments.join('\n');
}

let personId: string;
let roleId: string;

beforeAll(async () => {
  const prisma = seeded.current.database.prisma;
  // A role whose person has a country: role → person → country are all to-one.
  const country = await prisma.country.findFirstOrThrow();
  const person = await prisma.person.create({
    data: { name: 'Bounded', normalizedName: 'bounded', countryId: country.id },
  });
  const role = await prisma.role.create({ data: { personId: person.id, title: 'Envoy' } });
  personId = globalId('Person', person.id);
  roleId = globalId('Role', role.id);
});

describe('compiled reads are bounded by construction', () => {
  for (const levels of [16, 30]) {
    it(`a fragment spread twice per level, ${levels} levels: linear work, the resolvers' answer`, async () => {
      const query = `query { ...F${levels} }\n${doublingFragments(levels, 'Query', '__typename')}`;
      const work = unboundedWork(query);
      expect(work).toBeDefined();
      expect(work).toBeLessThanOrEqual(10 * documentSize(parse(query)));
      const answer = await sameAnswer(query);
      expect(answer.data).toEqual({ __typename: 'Query' });
      expect(answer.compiled).toBe(true);
    });

    it(`the same on a node's fields and relations, ${levels} levels`, async () => {
      const query = `query ($id: ID!) { node(id: $id) { ...F${levels} } }\n${doublingFragments(
        levels,
        'Person',
        'id name country { id } __typename',
      )}`;
      const work = unboundedWork(query, { id: personId });
      expect(work).toBeDefined();
      expect(work).toBeLessThanOrEqual(10 * documentSize(parse(query)));
      const answer = await sameAnswer(query, { id: personId });
      expect(answer.data?.node).toMatchObject({
        id: personId,
        name: 'Bounded',
        __typename: 'Person',
      });
      expect(answer.compiled).toBe(true);
    });
  }

  it('an answer that multiplies per level outgrows the budget: the resolvers answer it', async () => {
    // Sixteen aliases per level through to-one relations (which the cost limit lets through):
    // 16 × 16 × 16 names from some fifty selections.
    const width = 16;
    const aliases = (body: (i: number) => string) =>
      Array.from({ length: width }, (_, i) => body(i)).join(' ');
    const query = `query ($id: ID!) { node(id: $id) { ... on Role { ${aliases((i) => `p${i}: person { ...P }`)} } } }
      fragment P on Person { ${aliases((i) => `c${i}: country { ...C }`)} }
      fragment C on Country { ${aliases((i) => `n${i}: name`)} }`;
    const document = parse(query);
    expect(validate(schema, document)).toEqual([]);
    // Without a budget the work follows the answer's 4,096 leaves, past the linear bound…
    const work = unboundedWork(query, { id: roleId });
    expect(work).toBeGreaterThan(linearBound(document));
    // …so with it, compiling stops at the budget and the resolvers give the same answer.
    expect(() =>
      compileRead({
        schema,
        document,
        variableValues: { id: roleId },
        provider: database().provider,
      }),
    ).toThrow(new Unsupported('work budget'));
    const answer = await sameAnswer(query, { id: roleId });
    expect(answer.compiled).toBe(false);
    const names = JSON.stringify(answer.data).match(/"n\d+":/g) ?? [];
    expect(names.length).toBe(width ** 3);
  });
});

// Random documents over the fields the compiler translates (and a few it does not, which send
// the document to the resolvers), built from the derived catalog so that new fields join in.
const catalog = catalogOf(schema);
const rootTypes = ['Person', 'Country', 'Organization', 'Statement', 'Meeting', 'Role'] as const;
const untranslated: Record<string, string[]> = {
  Person: ['recordedAt', 'aliases'],
  Statement: ['recordedAt', 'reportedOn { text }'],
};

type Draw = fc.GeneratorValue;

class DocumentBuilder {
  fragments: { name: string; type: string; body: string }[] = [];

  constructor(private g: Draw) {}

  pick<T>(items: readonly T[]): T {
    return items[this.g(fc.nat, { max: items.length - 1 })] as T;
  }

  chance(percent: number): boolean {
    return this.g(fc.nat, { max: 99 }) < percent;
  }

  directive(): string {
    if (!this.chance(12)) return '';
    const name = this.pick(['include', 'skip']);
    return ` @${name}(if: ${this.pick(['$yes', '$no', 'true', 'false'])})`;
  }

  alias(name: string): string {
    // Equal aliases always name the same field with the same arguments, so they merge.
    return this.chance(30) ? `${name}_${this.g(fc.nat, { max: 1 })}: ` : '';
  }

  selection(type: string, depth: number): string {
    const fields = [...(catalog.types.get(type) ?? [])];
    const parts: string[] = [];
    const count = depth > 2 ? 1 : 1 + this.g(fc.nat, { max: 3 });
    for (let i = 0; i < count; i++) {
      const roll = this.g(fc.nat, { max: 99 });
      const spreads = this.fragments.filter((f) => f.type === type);
      if (roll < 15 && spreads.length) {
        parts.push(`...${this.pick(spreads).name}${this.directive()}`);
      } else if (roll < 25) {
        parts.push(`... on ${type}${this.directive()} { ${this.selection(type, depth + 1)} }`);
      } else if (roll < 30 && untranslated[type]) {
        parts.push(this.pick(untranslated[type] ?? []));
      } else {
        const [name, field] = this.pick(fields);
        parts.push(this.field(name, field, depth));
      }
    }
    return `__typename ${parts.join(' ')}`;
  }

  field(name: string, field: Field, depth: number): string {
    const head = `${this.alias(name)}${name}`;
    const nested = depth < 2;
    switch (field.kind) {
      case 'column':
      case 'id':
        return `${head}${this.directive()}`;
      case 'partialDate':
        return `${head}${this.directive()} { ${this.pick(['text', 'precision date', 'lastDate text'])} }`;
      case 'one':
      case 'list':
        return nested ? `${head} { ${this.selection(field.type, depth + 1)} }` : '__typename';
      case 'oneOf':
        return nested
          ? `${head} { __typename ${field.options
              .map((o) => `... on ${o.type} { ${this.selection(o.type, depth + 1)} }`)
              .join(' ')} }`
          : '__typename';
      case 'connection': {
        if (!nested) return '__typename';
        const first = this.pick([1, 2, 3]);
        const edge = Object.keys(field.edgeColumns).join(' ');
        const pageInfo = this.chance(50) ? ' pageInfo { hasNextPage endCursor }' : '';
        // The page size is in the alias: one response key, one set of arguments.
        return `${name}_${first}: ${name}(first: ${first}) { edges { cursor ${edge} node { ${this.selection(field.node.type, depth + 1)} } }${pageInfo} }`;
      }
    }
  }

  document(root: string): string {
    const count = this.g(fc.nat, { max: 5 });
    for (let i = 0; i < count; i++) {
      const type = this.chance(60) ? root : this.pick(rootTypes);
      this.fragments.push({ name: `G${i}`, type, body: this.selection(type, 0) });
    }
    // Every fragment is spread on the node (as a type condition that may not apply), so each is used.
    const spreads = this.fragments.map((f) => `...${f.name}`).join(' ');
    const operation = `query ($id: ID!, $yes: Boolean!, $no: Boolean!) { yes: __typename @include(if: $yes) no: __typename @skip(if: $no) node(id: $id) { id ... on ${root} { ${this.selection(root, 0)} } ${spreads} } }`;
    return [
      operation,
      ...this.fragments.map((f) => `fragment ${f.name} on ${f.type} { ${f.body} }`),
    ].join('\n');
  }
}

describe('random valid documents', () => {
  const ids: Record<string, string[]> = {};

  beforeAll(async () => {
    const prisma = seeded.current.database.prisma as unknown as Record<
      string,
      { findMany(args: object): Promise<{ id: number }[]> }
    >;
    for (const type of rootTypes) {
      const delegate = prisma[type.charAt(0).toLowerCase() + type.slice(1)];
      const rows = (await delegate?.findMany({ select: { id: true }, take: 3 })) ?? [];
      ids[type] = rows.map((row) => globalId(type, row.id));
    }
  });

  it('answer as the resolvers do, compiled in work linear in their size', async () => {
    let compiled = 0;
    let valid = 0;
    let answered = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...rootTypes), fc.nat(2), fc.gen(), async (root, n, g) => {
        const query = new DocumentBuilder(g).document(root);
        const document = parse(query);
        if (validate(schema, document).length) return;
        const id = ids[root]?.[n % (ids[root]?.length ?? 1)];
        expect(id, `a ${root} to query`).toBeDefined();
        valid++;
        const variables = { id, yes: true, no: false };
        const work = unboundedWork(query, variables);
        if (work !== undefined) expect(work).toBeLessThanOrEqual(linearBound(document));
        const answer = await sameAnswer(query, variables);
        if (answer.compiled) compiled++;
        if (answer.data !== undefined) answered++;
        // Refused before execution (the document limits) or compiled exactly when it compiles.
        if (answer.data !== undefined) expect(answer.compiled).toBe(work !== undefined);
      }),
      settings,
    );
    if (process.env.FC_REPORT) console.log({ runs: settings.numRuns, valid, answered, compiled });
    // The generator must produce valid documents, most of which compile.
    expect(valid).toBeGreaterThan(settings.numRuns / 2);
    expect(answered).toBeGreaterThan(valid / 2);
    expect(compiled).toBeGreaterThan(answered / 3);
  }, 300_000);
});
