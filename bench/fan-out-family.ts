/**
 * The fan-out family (issue 23): walks 2 to 6 levels deep from hubs over `relations`, `network`,
 * `partners` and `paths`. A 152-byte walk four levels deep once blocked Node's event loop for
 * 20 s and grew it to 702 MB before its answer was refused. Used by the reliability test on the
 * seed graph (tests/reliability/fan-out.test.ts) and by `npm run bench:fan-out` on a generated one.
 */

/** The hubs a family walks from: an agency with many relations, a country with many partners, and a path's far end. */
export interface FanOutHubs {
  agency: string;
  country: string;
  pathTarget: string;
}

export const fanOutDepths = [2, 3, 4, 5, 6];

export function fanOutFamily(hubs: FanOutHubs): { name: string; query: string }[] {
  /** The hub's network `depth` levels out (the schema allows 1 to 4), each node with its relations. */
  const networkWalk = (depth: number) =>
    `{ network(center: "${hubs.agency}", depth: ${depth}, limit: 500) { truncated nodes { id name relations { type to { id name } } } edges { type from { id } to { id } } } }`;
  /** Partners of partners, `levels` deep, 100 per page. */
  const partnersWalk = (levels: number) =>
    `{ country(code: "${hubs.country}") { ${'partners(first: 100) { edges { node { linkCount links { type } partner { id name ... on Country { '.repeat(levels)}id${' } } } } }'.repeat(levels)} } }`;
  /** Paths of up to `length` steps from the hub agency, each node with its relations. */
  const pathsWalk = (length: number) =>
    `{ paths(from: "${hubs.agency}", to: "${hubs.pathTarget}", maxLength: ${length}, first: 10) { length explanation nodes { id name relations { type to { id name } } } } }`;
  return fanOutDepths.flatMap((depth) => [
    { name: `relations x${depth}`, query: relationsWalk(hubs.agency, depth) },
    { name: `network depth ${depth}`, query: networkWalk(depth) },
    { name: `partners x${depth}`, query: partnersWalk(depth) },
    { name: `paths length ${depth}`, query: pathsWalk(depth) },
  ]);
}

/** `levels` of `relations { to { ... } }` from `agency`: the walk of the issue at four levels. */
export const relationsWalk = (agency: string, levels: number): string =>
  `{ entity(id: "${agency}") { ${'relations { type to { id name '.repeat(levels)}${'} } '.repeat(levels)}} }`;
