/**
 * The documented read mix of the load checks (tests/reliability/load.test.ts, bench/load.ts): one
 * of each question a dashboard or an analyst sends, on seed entities.
 */
export const loadMix: { name: string; query: string; variables?: Record<string, unknown> }[] = [
  {
    name: 'entity',
    query: '{ entity(id: "agency:asan-xidmet") { id name ... on Agency { memoranda { id name parties { id name } } staff { id name } } } }',
  },
  { name: 'list', query: '{ agencies(first: 20, filter: { country: "AZ" }) { totalCount edges { cursor node { id name } } } }' },
  {
    name: 'search',
    query: 'query($q: String!) { search(query: $q, first: 10) { totalCount edges { node { id name } } } }',
    variables: { q: 'asan xidmet' },
  },
  {
    name: 'network',
    query: '{ network(center: "agency:asan-xidmet", depth: 2, limit: 100) { nodes { id name } edges { type from { id } to { id } } } }',
  },
  {
    name: 'timeline',
    query:
      '{ timeline(country: "AF", from: "2015", to: "2022", first: 100) { totalCount edges { node { date { iso precision } kind entity { id name } } } } }',
  },
  {
    name: 'partners',
    query: '{ country(code: "AZ") { partners(first: 10) { totalCount edges { node { partner { id name } facts linkCount } } } } }',
  },
  { name: 'stats', query: '{ stats { entitiesByType { key count } relationsByType { key count } } }' },
  { name: 'paths', query: '{ paths(from: "agency:asan-xidmet", to: "country:AF", first: 3) { length explanation } }' },
];
