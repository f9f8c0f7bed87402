import { useQuery } from '@urql/preact';
import { useMemo } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { graphql, type ResultOf } from '../graphql.ts';
import { LazyChart, LazyGraph, loadChart, loadGraph } from '../lazy.tsx';
import { paths, typeOfId } from '../links.ts';
import { StatementList, StatementRowFields } from '../statement-list.tsx';
import { DateText, Empty, ExternalLink, Failure, Loading, NotFound, useTitle } from '../ui.tsx';

// One request: the entity with everything its page shows, and its statements counted by month.
const EntityQuery = graphql(
  `
  query ExplorerEntity($id: ID!, $counts: StatementFilter!) {
    node(id: $id) {
      __typename
      id
      ... on Entity { name description }
      ... on Person {
        aliases
        externalIds { scheme value url }
        country { id name }
        roles(first: 50) { edges { node { ...RoleRow } } }
        statements(first: 50, orderBy: DATE_DESC) { totalCount edges { node { ...StatementRow } } }
        statementsAbout(first: 50) { totalCount edges { stance node { ...StatementRow } } }
        metWith(first: 40) { totalCount edges { meetingCount lastMetOn node { id name } } }
        mentionedWith(first: 12) { count entity { __typename id name } }
      }
      ... on Organization {
        aliases
        externalIds { scheme value url }
        country { id name }
        roles(first: 50) { edges { node { ...RoleRow } } }
        statements(first: 50, orderBy: DATE_DESC) { totalCount edges { node { ...StatementRow } } }
        statementsAbout(first: 50) { totalCount edges { stance node { ...StatementRow } } }
        mentionedWith(first: 12) { count entity { __typename id name } }
      }
      ... on Country {
        aliases
        isoCode
        externalIds { scheme value url }
        roles(first: 50) { edges { node { ...RoleRow } } }
        statementsAbout(first: 50) { totalCount edges { stance node { ...StatementRow } } }
        meetings: meetingsHeldIn(first: 30) { totalCount edges { node { id topic kind date { text } } } }
        mentionedWith(first: 12) { count entity { __typename id name } }
      }
    }
    statementCounts(groupBy: MONTH, filter: $counts, first: 120) { key label count }
  }

  fragment RoleRow on Role {
    id
    title
    start { text }
    end { text }
    person { id name }
    country { id name }
    organization { id name }
  }
`,
  [StatementRowFields],
);

type EntityNode = NonNullable<ResultOf<typeof EntityQuery>['node']>;
type Role = Extract<EntityNode, { __typename: 'Person' }>['roles']['edges'][number]['node'];

function entityKind(typename: string): string {
  return (
    { Person: 'Person', Organization: 'Organization', Country: 'Country' }[typename] ?? typename
  );
}

export function EntityPage() {
  const id = decodeURIComponent(useRoute().params.id ?? '');
  // Only people and organizations speak; a country is counted as a subject only.
  const counts =
    typeOfId(id) === 'Country'
      ? { subject: { id } }
      : { OR: [{ speaker: { id } }, { subject: { id } }] };
  const [result] = useQuery({ query: EntityQuery, variables: { id, counts } });
  // The libraries load while the data is on its way.
  if (typeOfId(id) === 'Person') void loadGraph();
  void loadChart();
  const node = result.data?.node;
  const entity = node && 'name' in node ? node : null;
  useTitle(entity?.name);
  if (result.error && !result.data) return <Failure error={result.error} />;
  if (!result.data) return <Loading />;
  if (!entity) return <NotFound what="person, organization or country" />;
  return <Entity entity={entity} counts={result.data.statementCounts} />;
}

function Entity({
  entity,
  counts,
}: {
  entity: Extract<EntityNode, { name: string }>;
  counts: { key: string; label: string; count: number }[];
}) {
  const metWith = entity.__typename === 'Person' ? entity.metWith : null;
  const graph = useMemo(() => {
    if (!metWith) return null;
    return {
      nodes: [
        { id: entity.id, label: entity.name, central: true },
        ...metWith.edges.map((edge) => ({ id: edge.node.id, label: edge.node.name })),
      ],
      edges: metWith.edges.map((edge) => ({
        id: `${entity.id}-${edge.node.id}`,
        source: entity.id,
        target: edge.node.id,
        weight: edge.meetingCount,
        label: String(edge.meetingCount),
      })),
    };
  }, [entity.id, entity.name, metWith]);
  const chartRows = useMemo(
    () => counts.map((row) => ({ label: row.label, count: row.count })),
    [counts],
  );
  const statements = 'statements' in entity ? entity.statements : null;

  return (
    <article class="entity">
      <header>
        <p class="kind">{entityKind(entity.__typename)}</p>
        <h1>{entity.name}</h1>
        {entity.description ? <p class="description">{entity.description}</p> : null}
        <dl class="facts">
          {'country' in entity && entity.country ? (
            <>
              <dt>Country</dt>
              <dd>
                <a href={paths.entity(entity.country.id)}>{entity.country.name}</a>
              </dd>
            </>
          ) : null}
          {'isoCode' in entity ? (
            <>
              <dt>ISO code</dt>
              <dd>{entity.isoCode}</dd>
            </>
          ) : null}
          <dt>Also known as</dt>
          <dd>{entity.aliases.length ? entity.aliases.join(', ') : 'no other names recorded'}</dd>
          <dt>External IDs</dt>
          <dd>
            {entity.externalIds.length ? (
              <ul class="inline">
                {entity.externalIds.map((external) => (
                  <li key={`${external.scheme}:${external.value}`}>
                    {external.scheme}:{' '}
                    {external.url ? <ExternalLink url={external.url} /> : external.value}
                  </li>
                ))}
              </ul>
            ) : (
              'none recorded'
            )}
          </dd>
        </dl>
        <p class="actions">
          <a href={paths.timeline(entity.id)}>Timeline</a> ·{' '}
          <a href={paths.path(entity.id)}>Find a path from here</a>
        </p>
      </header>

      <section aria-labelledby="roles">
        <h2 id="roles">Roles over time</h2>
        <RoleTimeline roles={entity.roles.edges.map((edge) => edge.node)} />
      </section>

      {graph && metWith ? (
        <section aria-labelledby="met">
          <h2 id="met">Met with</h2>
          {metWith.edges.length ? (
            <>
              <LazyGraph
                nodes={graph.nodes}
                edges={graph.edges}
                layout="concentric"
                label={`Network of the people ${entity.name} met; the list below has the same people.`}
              />
              <ul class="met-list">
                {metWith.edges.map((edge) => (
                  <li key={edge.node.id}>
                    <a href={paths.entity(edge.node.id)}>{edge.node.name}</a>: {edge.meetingCount}{' '}
                    {edge.meetingCount === 1 ? 'meeting' : 'meetings'}
                    {edge.lastMetOn ? `, last on ${edge.lastMetOn}` : ''}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <Empty>No meetings recorded.</Empty>
          )}
        </section>
      ) : null}

      <section aria-labelledby="over-time">
        <h2 id="over-time">Statements over time</h2>
        {chartRows.length ? (
          <LazyChart
            rows={chartRows}
            horizontal={false}
            label={`Statements by or about ${entity.name} per month: ${chartRows
              .map((row) => `${row.label} ${row.count}`)
              .join(', ')}`}
          />
        ) : (
          <Empty>No statements by or about {entity.name}.</Empty>
        )}
      </section>

      {statements ? (
        <section aria-labelledby="made">
          <h2 id="made">Statements made</h2>
          <StatementList
            rows={statements.edges}
            total={statements.totalCount}
            empty="No statements recorded."
          />
        </section>
      ) : null}

      <section aria-labelledby="about">
        <h2 id="about">Statements about {entity.name}</h2>
        <StatementList
          rows={entity.statementsAbout.edges}
          total={entity.statementsAbout.totalCount}
          empty="No statements about this entity."
        />
      </section>

      {'meetings' in entity ? (
        <section aria-labelledby="held">
          <h2 id="held">Meetings held here</h2>
          {entity.meetings.edges.length ? (
            <ul>
              {entity.meetings.edges.map(({ node }) => (
                <li key={node.id}>
                  <DateText date={node.date} />:{' '}
                  <a href={paths.meeting(node.id)}>{node.topic ?? node.kind.toLowerCase()}</a>
                </li>
              ))}
            </ul>
          ) : (
            <Empty>No meetings held here.</Empty>
          )}
        </section>
      ) : null}

      <section aria-labelledby="co">
        <h2 id="co">Mentioned together with</h2>
        {entity.mentionedWith.length ? (
          <ul class="inline">
            {entity.mentionedWith.map((co) => (
              <li key={co.entity.id}>
                <a href={paths.entity(co.entity.id)}>{co.entity.name}</a> ({co.count})
              </li>
            ))}
          </ul>
        ) : (
          <Empty>Not mentioned with anyone else.</Empty>
        )}
      </section>
    </article>
  );
}

/** Roles in date order as a list of periods: who, what, for whom, from when to when. */
function RoleTimeline({ roles }: { roles: Role[] }) {
  if (roles.length === 0) return <Empty>No roles recorded.</Empty>;
  return (
    <ol class="timeline">
      {roles.map((role) => (
        <li key={role.id}>
          <span class="period">
            {role.start?.text ?? '?'} – {role.end?.text ?? 'now'}
          </span>{' '}
          <a href={paths.entity(role.person.id)}>{role.person.name}</a>:{' '}
          <strong>{role.title}</strong>
          {role.organization ? (
            <>
              , <a href={paths.entity(role.organization.id)}>{role.organization.name}</a>
            </>
          ) : null}
          {role.country ? (
            <>
              , <a href={paths.entity(role.country.id)}>{role.country.name}</a>
            </>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
