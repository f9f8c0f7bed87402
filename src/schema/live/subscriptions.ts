// Subscriptions (GraphQL over server-sent events, Yoga's built-in transport). Each field streams
// the bus's events (src/events/bus.ts); its resolver loads the node as a query would.
import { GraphQLError } from 'graphql';
import { db } from '../../db/client.js';
import { type Delivery, type EntityType, type Events, eventBus } from '../../events/bus.js';
import { builder } from '../builder.js';
import { Meeting } from '../meeting/meeting.js';
import { Entity, typed } from '../shared/entity.js';
import { decodeId } from '../shared/ids.js';
import { ImportCountsRef } from '../source/import-mutation.js';
import { Source } from '../source/source.js';
import { StatementFilter, statementWhere } from '../statement/filter.js';
import { Statement } from '../statement/statement.js';

builder.subscriptionType({
  description:
    'Live events, sent over server-sent events (POST or GET /graphql with Accept: text/event-stream). Each subscription starts with the next event; a subscription that ends early (the server shutting down, the event bus unreachable) sends one error with extensions.code SUBSCRIPTION_ENDED: subscribe again.',
});

/** The event a delivery carries; a failure ends the stream with a typed error. */
function eventOf<T extends keyof Events>(delivery: Delivery<T>): Events[T] {
  if ('failure' in delivery) {
    throw new GraphQLError(`The subscription ended: ${delivery.failure}; subscribe again.`, {
      extensions: { code: 'SUBSCRIPTION_ENDED' },
    });
  }
  return delivery.event;
}

/** The deliveries whose event passes `keep`; failures always pass. */
async function* only<T extends keyof Events>(
  source: AsyncIterable<Delivery<T>>,
  keep: (event: Events[T]) => boolean | Promise<boolean>,
): AsyncGenerator<Delivery<T>> {
  for await (const delivery of source) {
    if ('failure' in delivery || (await keep(delivery.event))) yield delivery;
    if ('failure' in delivery) return;
  }
}

builder.subscriptionField('statementAdded', (t) =>
  t.prismaField({
    type: Statement,
    description:
      'Each statement recorded from now on (by a mutation or an import, once committed) that matches the filter.',
    args: {
      filter: t.arg({
        type: StatementFilter,
        required: false,
        description: 'The same conditions as the statements query: about, by, stance, and more.',
      }),
    },
    subscribe: (_root, args) => {
      // Built (and its IDs checked) once, before the stream starts.
      const where = args.filter ? statementWhere(args.filter) : undefined;
      const deliveries = eventBus().subscribe('statementAdded');
      if (!where) return deliveries;
      return only(
        deliveries,
        async ({ id }) => (await db().statement.count({ where: { AND: [{ id }, where] } })) > 0,
      );
    },
    resolve: (query, delivery) =>
      db().statement.findUniqueOrThrow({
        ...query,
        where: { id: eventOf(delivery as Delivery<'statementAdded'>).id },
      }),
  }),
);

builder.subscriptionField('meetingAdded', (t) =>
  t.prismaField({
    type: Meeting,
    description: 'Each meeting recorded from now on (by a mutation or an import, once committed).',
    subscribe: () => eventBus().subscribe('meetingAdded'),
    resolve: (query, delivery) =>
      db().meeting.findUniqueOrThrow({
        ...query,
        where: { id: eventOf(delivery as Delivery<'meetingAdded'>).id },
      }),
  }),
);

type EntityChange = Events['entityChanged'];

async function loadEntity(type: EntityType, id: number) {
  const row =
    type === 'Person'
      ? await db().person.findUnique({ where: { id } })
      : type === 'Country'
        ? await db().country.findUnique({ where: { id } })
        : await db().organization.findUnique({ where: { id } });
  return row && typed(row, type);
}

const EntityChangeRef = builder.objectRef<EntityChange>('EntityChange').implement({
  description: 'A committed change to a person, country or organization, or to what it owns.',
  fields: (t) => ({
    id: t.id({
      description: 'The global ID of the entity that changed.',
      resolve: (change) => Buffer.from(`${change.type}:${change.id}`).toString('base64'),
    }),
    deleted: t.boolean({
      description: 'True when the entity was deleted or merged into another.',
      resolve: (change) => change.deleted,
    }),
    mergedInto: t.field({
      type: Entity,
      nullable: true,
      description: 'The entity it was merged into, when the change was a merge.',
      resolve: (change) => (change.mergedInto ? loadEntity(change.type, change.mergedInto) : null),
    }),
    entity: t.field({
      type: Entity,
      nullable: true,
      description: 'The entity as it is now; null once deleted or merged away.',
      resolve: (change) => (change.deleted ? null : loadEntity(change.type, change.id)),
    }),
  }),
});

builder.subscriptionField('entityChanged', (t) =>
  t.field({
    type: EntityChangeRef,
    description:
      'Each committed change to this person, country or organization: edits, aliases, roles, deletion, a merge into another.',
    args: {
      id: t.arg.id({ required: true, description: 'The entity to watch.' }),
    },
    subscribe: (_root, args) => {
      const entity = decodeId(String(args.id), ['Person', 'Country', 'Organization'], 'id');
      return only(
        eventBus().subscribe('entityChanged'),
        (change) => change.type === entity.type && change.id === entity.id,
      );
    },
    resolve: (delivery) => eventOf(delivery as Delivery<'entityChanged'>),
  }),
);

type ImportFinished = Events['importFinished'];

const ImportFinishedRef = builder.objectRef<ImportFinished>('ImportFinished').implement({
  description: 'An article import that committed.',
  fields: (t) => ({
    source: t.prismaField({
      type: Source,
      description: 'The article imported.',
      resolve: (query, event) =>
        db().source.findUniqueOrThrow({ ...query, where: { id: event.sourceId } }),
    }),
    created: t.field({
      type: ImportCountsRef,
      description: 'Rows the import created, per kind.',
      resolve: (event) => event.created as never,
    }),
  }),
});

builder.subscriptionField('importFinished', (t) =>
  t.field({
    type: ImportFinishedRef,
    description: 'Each article import that commits from now on.',
    subscribe: () => eventBus().subscribe('importFinished'),
    resolve: (delivery) => eventOf(delivery as Delivery<'importFinished'>),
  }),
);
