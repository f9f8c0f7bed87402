import { offsetForArgs, offsetToCursor } from '@pothos/plugin-relay';
import { type TimelineRelation, timelinePages } from '../../db/timeline.js';
import { builder } from '../builder.js';
import { Meeting } from '../meeting/meeting.js';
import { batched } from '../shared/batch.js';
import { kindOfRow, loadByKindBatched } from '../shared/load-by-kind.js';
import { checkOffsetCursors } from '../shared/offset-cursor.js';
import { Statement } from '../statement/statement.js';

const TimelineItem = builder.unionType('TimelineItem', {
  description: 'A statement or a meeting on an entity’s timeline.',
  types: [Statement, Meeting],
  resolveType: (row) => kindOfRow(row) as 'Statement' | 'Meeting',
});

const TimelineRelationEnum = builder.enumType('TimelineRelation', {
  description: 'How the entity is involved in a timeline item.',
  values: {
    SAID: { description: 'It made the statement.' },
    MENTIONED: { description: 'The statement is about it.' },
    TOOK_PART: { description: 'The person took part in the meeting.' },
    HOSTED: { description: 'The meeting was held in the country.' },
  } as const,
});

type TimelineNode = typeof TimelineItem.$inferType;
type TimelineEdge = { cursor: string; node: TimelineNode; relation: TimelineRelation };

for (const type of ['Person', 'Country', 'Organization'] as const) {
  builder.prismaObjectField(type, 'timeline', (t) =>
    t.connection(
      {
        type: TimelineItem,
        description:
          'Everything known about this entity in date order (undated last): statements it made, statements about it, meetings it took part in or that were held in it.',
        select: { id: true },
        resolve: async (parent, args, context, info) => {
          checkOffsetCursors(args);
          const page = offsetForArgs({ args, defaultSize: 20, maxSize: 100 });
          // Every item of a list asks for the same page: one query pair serves them all.
          const pageKey = `timeline:${type}:${page.offset}:${page.limit}`;
          const { entries, total } = (await batched(context, pageKey, parent.id, (ids) =>
            timelinePages(type, ids, page),
          )) ?? { entries: [], total: 0 };
          const shown = entries.slice(0, page.expectedSize);
          const rows = await loadByKindBatched(pageKey, shown, context, info);
          const edges: TimelineEdge[] = [];
          for (const [index, entry] of shown.entries()) {
            const node = rows.get(`${entry.kind}:${entry.id}`) as TimelineNode | undefined;
            if (node) {
              edges.push({ cursor: offsetToCursor(page.offset + index), node, ...entry });
            }
          }
          return {
            edges,
            totalCount: total,
            pageInfo: {
              startCursor: edges[0]?.cursor ?? null,
              endCursor: edges.at(-1)?.cursor ?? null,
              hasPreviousPage: page.hasPreviousPage,
              hasNextPage: page.hasNextPage(entries.length),
            },
          };
        },
      },
      { name: `${type}TimelineConnection` },
      {
        name: `${type}TimelineEdge`,
        fields: (edge) => ({
          relation: edge.field({
            type: TimelineRelationEnum,
            resolve: (e) => (e as unknown as TimelineEdge).relation,
          }),
        }),
      },
    ),
  );
}
