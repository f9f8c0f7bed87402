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
