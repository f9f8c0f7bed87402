// The first thing a researcher sees in GraphiQL: who said what about whom, with the evidence.
export const defaultQuery = `# Who said what about whom, according to which source?
# Press the run button, then explore with the Docs panel.
query WhoSaidWhatAboutWhom {
  people(filter: { name: "trump" }, first: 1) {
    edges {
      node {
        name
        roles(first: 3) { edges { node { title country { name } start { text } } } }
        statements(first: 10) {
          totalCount
          edges {
            node {
              text
              kind
              date { text precision }
              about {
                __typename
                name
                ... on Country { isoCode }
              }
              attestations(first: 1) {
                edges { node { excerpt source { title publishedOn { text } } } }
              }
            }
          }
        }
        metWith(first: 10) {
          edges { meetingCount node { name country { name } } }
        }
      }
    }
  }
}
`;

const searchTab = `# Full-text search over people, countries, organizations, statements, meetings and
# sources: words are ANDed, "a phrase" keeps word order, Zelen* is a prefix, and other forms
# of a word match too (negotiation finds negotiations).
query Search {
  search(query: "negotiation", first: 10) {
    totalCount
    edges {
      rank
      snippet
      node {
        __typename
        ... on Person { name }
        ... on Statement { text speaker { ... on Person { name } ... on Organization { name } } }
        ... on Meeting { topic placeName }
        ... on Source { title }
      }
    }
  }
}
`;

const researchTab = `# Russia's timeline, what it is mentioned with, and statement counts for a chart.
query Research {
  countries(filter: { name: "Russia" }, first: 1) {
    edges {
      node {
        name
        timeline(first: 10) {
          totalCount
          edges {
            relation
            node {
              __typename
              ... on Statement { text date { text } }
              ... on Meeting { kind placeName date { text } }
            }
          }
        }
        mentionedWith(first: 5) { count entity { name } }
      }
    }
  }
  statementCounts(groupBy: SPEAKER_COUNTRY) { label count }
}
`;

/** GraphiQL's tabs on a first visit: the overview above, search, and research questions. */
export const defaultTabs = [defaultQuery, searchTab, researchTab].map((query) => ({ query }));
