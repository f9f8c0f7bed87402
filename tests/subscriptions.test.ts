// Subscriptions over server-sent events between two real server processes sharing one database
// and a private Redis: a write on A reaches a subscriber on B, only once committed; Redis killed
// mid-stream ends the stream with a typed error while queries and mutations keep working.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/auth/api-keys.js';
import { openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { readArticleFile } from '../src/ingest/article-format.js';
import { seedArticlePath } from '../src/ingest/seed.js';
import { createEmptyDatabase, testProvider } from './helpers/database.js';
import { type PrivateRedis, startPrivateRedis } from './helpers/private-redis.js';
import { type RunningServer, startServer } from './helpers/server.js';
import { subscribe } from './helpers/sse.js';

describe(`subscriptions across two instances (${testProvider})`, () => {
  let a: RunningServer;
  let b: RunningServer;
  let redis: PrivateRedis;
  let auth: Record<string, string>;
  let remove: () => Promise<void>;

  beforeAll(async () => {
    const database = await createEmptyDatabase();
    remove = database.remove;
    await migrate(database.url);
    const admin = openDatabase(database.url);
    auth = {
      authorization: `Bearer ${(await createApiKey(admin.prisma, 'live test', 'ADMIN')).secret}`,
    };
    await admin.close();
    redis = await startPrivateRedis();
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      SUBSCRIPTIONS_PER_CLIENT: '3',
      MAX_STRING_LENGTH: '1000000',
    };
    a = await startServer(env);
    b = await startServer(env);
  }, 120_000);

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await redis?.kill();
    await remove?.();
  });

  const post = async (server: RunningServer, query: string, variables?: object) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: any; errors?: any[] };
  };
  const personId = async (name: string) => {
    const { data } = await post(a, '{ people(first: 50) { edges { node { id name } } } }');
    return data.people.edges.find((edge: any) => edge.node.name === name).node.id as string;
  };
  const createStatement = (input: object) =>
    post(
      a,
      `mutation ($input: CreateStatementInput!) { createStatement(input: $input) {
        __typename ... on CreateStatementSuccess { statement { id } } } }`,
      { input },
    );

  it('delivers a statement written on A to a filtered subscriber on B, never a rolled-back one', async () => {
    const lavrov = await personId('Sergei Lavrov');
    const wang = await personId('Wang Yi');
    const bySpeaker = await subscribe(
      b.url,
      'subscription ($speaker: ID!) { statementAdded(filter: { speaker: { id: $speaker } }) { text speaker { ... on Person { name } } } }',
      { speaker: wang },
    );
    const everything = await subscribe(b.url, 'subscription { statementAdded { text } }');
    try {
      // Rolled back: the statement row is written, then the unknown subject fails the transaction.
      const missing = Buffer.from('Person:999999').toString('base64');
      const failed = await createStatement({
        speaker: wang,
        text: 'never committed',
        kind: 'QUOTE',
        about: [{ subject: missing }],
      });
      expect(failed.data.createStatement.__typename).toBe('NotFoundError');
      expect(
        (await createStatement({ speaker: lavrov, text: 'by Lavrov', kind: 'QUOTE' })).data
          .createStatement.__typename,
      ).toBe('CreateStatementSuccess');
      await createStatement({ speaker: wang, text: 'by Wang', kind: 'QUOTE' });

      expect((await everything.next())?.data.statementAdded.text).toBe('by Lavrov');
      expect((await everything.next())?.data.statementAdded.text).toBe('by Wang');
      expect((await bySpeaker.next())?.data.statementAdded).toEqual({
        text: 'by Wang',
        speaker: { name: 'Wang Yi' },
      });
    } finally {
      bySpeaker.close();
      everything.close();
    }
  });

  it('tells a watcher of an entity about an edit and about its merge into another', async () => {
    const lavrov = await personId('Sergei Lavrov');
    const created = await post(
      a,
      'mutation { createPerson(input: { name: "S. Lavrov", duplicates: CREATE }) { ... on CreatePersonSuccess { person { id } } } }',
    );
    const duplicate = created.data.createPerson.person.id as string;
    const watcher = await subscribe(
      b.url,
      'subscription ($id: ID!) { entityChanged(id: $id) { id deleted entity { name } mergedInto { name } } }',
      { id: duplicate },
    );
    try {
      await post(
        a,
        'mutation ($id: ID!) { addAlias(input: { entity: $id, name: "Lavrov S." }) { __typename } }',
        { id: duplicate },
      );
      expect((await watcher.next())?.data.entityChanged).toEqual({
        id: duplicate,
        deleted: false,
        entity: { name: 'S. Lavrov' },
        mergedInto: null,
      });
      const merged = await post(
        a,
        'mutation ($input: MergeEntitiesInput!) { mergeEntities(input: $input) { __typename } }',
        { input: { survivor: lavrov, duplicate } },
      );
      expect(merged.data.mergeEntities.__typename).not.toMatch(/Error/);
      // The person's creation, just before the watch began, may still be in flight: skip edits.
      let change: any;
      do change = (await watcher.next())?.data.entityChanged;
      while (change && !change.deleted);
      expect(change).toEqual({
        id: duplicate,
        deleted: true,
        entity: null,
        mergedInto: { name: 'Sergei Lavrov' },
      });
    } finally {
      watcher.close();
    }
  });

  it('announces a committed import', async () => {
    const article = await readArticleFile(seedArticlePath);
    const finished = await subscribe(
      b.url,
      'subscription { importFinished { source { title } created { statements } } }',
    );
    try {
      const imported = await post(
        a,
        'mutation ($article: JSON!) { importArticle(article: $article) { __typename ... on ValidationError { issues { path message } } } }',
        { article },
      );
      expect(imported.data.importArticle.__typename).toBe('ImportArticleSuccess');
      const event = (await finished.next())?.data.importFinished;
      expect(event.source.title).toBe(article.source.title);
      expect(event.created.statements).toBe(0); // the seed is already there: nothing new
    } finally {
      finished.close();
    }
  });

  it('caps open subscriptions per client with a typed error, and frees a slot on close', async () => {
    // As the key's holder: the other tests subscribe anonymously, each client has its own cap.
    const query = 'subscription { meetingAdded { id } }';
    const open = [await subscribe(b.url, query, {}, auth), await subscribe(b.url, query, {}, auth)];
    open.push(await subscribe(b.url, query, {}, auth));
    const refused = await subscribe(b.url, query, {}, auth);
    const answer = await refused.next();
    expect(answer?.errors?.[0]?.extensions.code).toBe('SUBSCRIPTION_LIMIT');
    expect(answer?.errors?.[0]?.message).toMatch(/at most 3 per client/);
    open.pop()?.close();
    // The server notices the closed stream asynchronously: retry until the slot is free.
    let accepted = false;
    for (let tries = 0; tries < 50 && !accepted; tries++) {
      const again = await subscribe(b.url, query, {}, auth);
      accepted = !(await again.arrivesWithin(300));
      if (accepted) open.push(again);
      else again.close();
    }
    expect(accepted).toBe(true);
    for (const subscription of open) subscription.close();
  });

  /** A statementAdded subscription on `server`, retried until the server accepts one. */
  const openOnce = async (server: RunningServer) => {
    for (let tries = 0; tries < 100; tries++) {
      const attempt = await subscribe(server.url, 'subscription { statementAdded { text } }');
      if (!(await attempt.arrivesWithin(300))) return attempt;
      attempt.close();
    }
    throw new Error(`${server.url} refused subscriptions for too long`);
  };

  it('ends subscriptions with a typed error when Redis dies; queries and writes go on', async () => {
    const live = await subscribe(b.url, 'subscription { meetingAdded { id } }');
    await redis.kill();
    const ended = await live.next();
    expect(ended?.errors?.[0]?.extensions.code).toBe('SUBSCRIPTION_ENDED');
    expect(await live.next()).toBeNull();

    const refused = await subscribe(b.url, 'subscription { meetingAdded { id } }');
    expect((await refused.next())?.errors?.[0]?.extensions.code).toBe('SUBSCRIPTIONS_UNAVAILABLE');
    expect(
      (await post(b, '{ people(first: 1) { totalCount } }')).data.people.totalCount,
    ).toBeGreaterThan(0);
    const written = await createStatement({
      speaker: await personId('Wang Yi'),
      text: 'while Redis is down',
      kind: 'QUOTE',
    });
    expect(written.data.createStatement.__typename).toBe('CreateStatementSuccess');

    // Back: clients that subscribe again are served (on A too, whose write is published).
    await redis.start();
    const [, again] = await Promise.all([openOnce(a), openOnce(b)]);
    await createStatement({
      speaker: await personId('Wang Yi'),
      text: 'Redis is back',
      kind: 'QUOTE',
    });
    const back = await again.next();
    expect(back?.data.statementAdded.text).toBe('Redis is back');
    again.close();
  });
});
