import { useQuery } from '@urql/preact';
import { useMemo } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { graphql, type VariablesOf } from '../graphql.ts';
import { LazyChart } from '../lazy.tsx';
import { paths } from '../links.ts';
import { Empty, Failure, Loading, useTitle } from '../ui.tsx';

const CountsQuery = graphql(`
  query ExplorerCounts($groupBy: StatementCountGroup!, $filter: StatementFilter, $first: Int) {
    statementCounts(groupBy: $groupBy, filter: $filter, first: $first) {
      key
      label
      count
      entity { __typename id }
    }
  }
`);

type Variables = VariablesOf<typeof CountsQuery>;
type Filter = NonNullable<Variables['filter']>;

const groupings = [
  ['MONTH', 'month said'],
  ['SPEAKER', 'speaker'],
  ['SUBJECT', 'subject'],
  ['SPEAKER_COUNTRY', 'speaker’s country'],
] as const;
const kinds = ['QUOTE', 'PARAPHRASE', 'REPORT'] as const;

/** The form's state is the address's query string, so every chart has a link. */
function variablesOf(query: Record<string, string>): Variables {
  const filter: Filter = {};
  if (query.from || query.to) filter.date = { from: query.from || null, to: query.to || null };
  if (kinds.includes(query.kind as never)) filter.kind = query.kind as Filter['kind'];
  if (query.retracted === 'exclude') filter.retracted = false;
  const groupBy = groupings.some(([value]) => value === query.groupBy)
    ? (query.groupBy as Variables['groupBy'])
    : 'MONTH';
  return { groupBy, filter, first: 50 };
}

export function CountsPage() {
  useTitle('Statement counts');
  const location = useLocation();
  const query = location.query;
  const variables = useMemo(() => variablesOf(query), [query]);
  const [result] = useQuery({ query: CountsQuery, variables });
  const rows = useMemo(
    () =>
      (result.data?.statementCounts ?? []).map((row) => ({ label: row.label, count: row.count })),
    [result.data],
  );
  const update = (name: string, value: string) => {
    const next = new URLSearchParams(query);
    if (value) next.set(name, value);
    else next.delete(name);
    location.route(`${paths.counts}?${next}`, true);
  };
  const field = (name: string) => ({
    value: query[name] ?? '',
    onChange: (event: Event) => update(name, (event.target as HTMLInputElement).value),
  });

  return (
    <section class="counts">
      <h1>Statement counts</h1>
      <form class="filters" onSubmit={(event) => event.preventDefault()}>
        <label>
          Group by
          <select {...field('groupBy')}>
            {groupings.map(([value, words]) => (
              <option key={value} value={value}>
                {words}
              </option>
            ))}
          </select>
        </label>
        <label>
          Said from
          <input type="date" {...field('from')} />
        </label>
        <label>
          Said until
          <input type="date" {...field('to')} />
        </label>
        <label>
          Kind
          <select {...field('kind')}>
            <option value="">any</option>
            {kinds.map((kind) => (
              <option key={kind} value={kind}>
                {kind.toLowerCase()}
              </option>
            ))}
          </select>
        </label>
        <label>
          Retracted
          <select {...field('retracted')}>
            <option value="">included</option>
            <option value="exclude">left out</option>
          </select>
        </label>
      </form>
      {result.error ? <Failure error={result.error} /> : null}
      {!result.data && !result.error ? <Loading /> : null}
      {result.data && rows.length === 0 ? <Empty>No statement matches these filters.</Empty> : null}
      {rows.length ? (
        <>
          <LazyChart
            rows={rows}
            horizontal={variables.groupBy !== 'MONTH'}
            label={`Statements by ${variables.groupBy.toLowerCase()}: ${rows.map((r) => `${r.label} ${r.count}`).join(', ')}`}
          />
          <table>
            <caption>
              Statements by {groupings.find(([value]) => value === variables.groupBy)?.[1]}
            </caption>
            <thead>
              <tr>
                <th scope="col">Group</th>
                <th scope="col">Statements</th>
              </tr>
            </thead>
            <tbody>
              {(result.data?.statementCounts ?? []).map((row) => (
                <tr key={row.key}>
                  <td>
                    {row.entity ? <a href={paths.entity(row.entity.id)}>{row.label}</a> : row.label}
                  </td>
                  <td>{row.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
