/**
 * Documents shaped to make the server work hard: deep selections, lists of lists, alias, root
 * field, directive and token bombs, oversized query text and wide relation filters. README
 * "Limits" promises each a 400 with the limit's code before anything runs;
 * tests/integration/limits.test.ts checks one attack per limit and that Neo4j sees nothing.
 * These are the variations an attacker tries next: the same attack through fragments, inline
 * fragments, introspection, variables, or split across places the count might not look.
 */
import { defaultLimits } from '../../../src/app/plugins/limits';
import { answered, badArgument, graphqlCase, invalid, type BadInputCase } from './case';

const times = (count: number, make: (i: number) => string) => Array.from({ length: count }, (_, i) => make(i)).join(' ');

const tooDeep = invalid('QUERY_TOO_DEEP');
const tooCostly = invalid('COST_LIMIT_EXCEEDED');
const tooManyAliases = invalid('TOO_MANY_ALIASES');
const tooManyRootFields = invalid('TOO_MANY_ROOT_FIELDS');
const tooManyDirectives = invalid('TOO_MANY_DIRECTIVES');
const tooManyTokens = invalid('TOO_MANY_TOKENS');
const tooLarge = invalid('QUERY_TOO_LARGE');

/** `{ entity { ... on Agency { parent { parent ... { id } } } } }` with `levels` parents. */
const parents = (levels: number) =>
  `{ entity(id: "agency:abad") { ... on Agency { ${'parent { '.repeat(levels)}id${' }'.repeat(levels)} } } }`;
/** The same depth written as a chain of fragments, each adding one level. */
const fragmentChain = (levels: number) =>
  `{ entity(id: "agency:abad") { ...L0 } } ${times(levels, (i) => `fragment L${i} on Agency { parent { ...L${i + 1} } }`)} fragment L${levels} on Agency { id }`;
/** Fields of the types of fields, `levels` times: each level multiplies the answer by the fields per type. */
const introspectionFanOut = (levels: number): string =>
  levels === 0 ? 'name' : `name fields { type { ofType { ${introspectionFanOut(levels - 1)} } } }`;

const depth: BadInputCase[] = [
  graphqlCase('depth: parents 16 levels down', parents(defaultLimits.maxDepth), tooDeep),
  graphqlCase('depth: 200 levels of parents', parents(200), tooDeep),
  graphqlCase('depth: parents through a chain of 20 fragments', fragmentChain(20), tooDeep),
  // graphql-armor leaves introspection to Apollo, whose own rule refuses the fan-out.
  graphqlCase(
    'depth: introspection fields of types of fields, 4 levels',
    `{ __schema { types { ${introspectionFanOut(4)} } } }`,
    invalid('GRAPHQL_VALIDATION_FAILED'),
  ),
  graphqlCase(
    'depth: relations of relations 16 levels down',
    `{ entity(id: "agency:abad") { ${'relations { to { '.repeat(8)}id${' } }'.repeat(8)} } }`,
    tooDeep,
  ),
  graphqlCase(
    'depth: memoranda, parties and their memoranda 16 levels down',
    `{ entity(id: "agency:abad") { ... on Agency { ${'memoranda { parties { ... on Agency { '.repeat(8)}id${' } } }'.repeat(8)} } } }`,
    tooDeep,
  ),
];

/** Country partners, each partner's partners, `levels` deep, `first` per page. */
const partnersOfPartners = (levels: number, first: number) =>
  `{ country(code: "AF") { ${`partners(first: ${first}) { edges { node { partner { ... on Country { `.repeat(levels)}id${' } } } } }'.repeat(levels)} } }`;

const fanOut: BadInputCase[] = [
  graphqlCase(
    'fan-out: 100 agencies, their memoranda, parties, memoranda, parties',
    '{ agencies(first: 100) { edges { node { memoranda { parties { ... on Agency { memoranda { parties { id } } } } } } } } }',
    tooCostly,
  ),
  graphqlCase('fan-out: partners of partners of partners, 100 a page', partnersOfPartners(3, 100), tooDeep),
  graphqlCase(
    'fan-out: 500 network nodes, each with 100 partners of 100 partners',
    '{ network(center: "country:AZ", depth: 4, limit: 500) { nodes { ... on Country { partners(first: 100) { edges { node { partner { ... on Country { partners(first: 100) { totalCount } } } } } } } } } }',
    tooCostly,
  ),
  graphqlCase(
    'fan-out: search pages of relations of relations',
    '{ search(query: "a", first: 100) { edges { node { relations { to { relations { to { relations { to { relations { to { id } } } } } } } } } } } }',
    tooCostly,
  ),
  graphqlCase(
    'fan-out: page size 2^31 - 1 through a variable',
    'query($n: Int) { agencies(first: $n) { edges { node { id } } } }',
    tooCostly,
    { n: 2 ** 31 - 1 },
  ),
  graphqlCase(
    'fan-out: ten root lists of 100, each with three nested lists',
    `{ ${times(10, (i) => `l${i}: agencies(first: 100) { edges { node { memoranda { parties { ... on Agency { memoranda { id } } } } } } }`)} }`,
    tooCostly,
  ),
];

/** `count` copies of `field` under distinct aliases. */
const aliased = (count: number, field: string) => times(count, (i) => `a${i}: ${field}`);

const aliases: BadInputCase[] = [
  graphqlCase('alias bomb: 31 aliases of an id', `{ entity(id: "agency:abad") { ${aliased(31, 'id')} } }`, tooManyAliases),
  graphqlCase('alias bomb: 1,000 aliases of a name', `{ entity(id: "agency:abad") { ${aliased(1000, 'name')} } }`, tooManyAliases),
  graphqlCase('alias bomb: 31 aliased searches', `{ ${aliased(31, 'search(query: "a", first: 100) { totalCount }')} }`, tooManyAliases),
  graphqlCase(
    'alias bomb: 16 aliases in each of two fragments',
    `{ entity(id: "agency:abad") { ...A ...B } } fragment A on Entity { ${aliased(16, 'name')} } fragment B on Entity { ${times(16, (i) => `b${i}: id`)} }`,
    tooManyAliases,
  ),
  graphqlCase(
    'alias bomb: 16 aliases in each of two nested levels',
    `{ entity(id: "agency:abad") { ${aliased(16, 'name')} ... on Agency { parent { ${aliased(16, 'name')} } } } }`,
    tooManyAliases,
  ),
];

const rootLists = [
  'agencies',
  'countries',
  'people',
  'memoranda',
  'trainings',
  'awards',
  'events',
  'statistics',
  'serviceCenters',
  'conflicts',
  'sources',
];
const elevenRoots = rootLists.map((field) => `${field}(first: 1) { totalCount }`).join(' ');

const rootFields: BadInputCase[] = [
  graphqlCase('root-field bomb: 11 different lists', `{ ${elevenRoots} }`, tooManyRootFields),
  graphqlCase(
    'root-field bomb: 11 aliased networks',
    `{ ${aliased(11, 'network(center: "country:AZ", depth: 4, limit: 500) { truncated }')} }`,
    tooManyRootFields,
  ),
  // graphql-armor does not count __typename as an alias; the root-field limit still does.
  graphqlCase('root-field bomb: 31 aliases of __typename', `{ ${aliased(31, '__typename')} }`, tooManyRootFields),
  // Root fields are counted as they run: through inline fragments and spreads too.
  graphqlCase('root-field bomb: 11 lists inside an inline fragment', `{ ... on Query { ${elevenRoots} } }`, tooManyRootFields),
  graphqlCase(
    'root-field bomb: 11 lists inside a named fragment',
    `{ ...Everything } fragment Everything on Query { ${elevenRoots} }`,
    tooManyRootFields,
  ),
  graphqlCase(
    'root-field bomb: 6 and 5 lists in two inline fragments',
    `{ ... on Query { ${rootLists
      .slice(0, 6)
      .map((f) => `${f}(first: 1) { totalCount }`)
      .join(' ')} } ... on Query { ${rootLists
      .slice(6)
      .map((f) => `${f}(first: 1) { totalCount }`)
      .join(' ')} } }`,
    tooManyRootFields,
  ),
  graphqlCase(
    'root-field bomb: 30 aliased networks in an inline fragment',
    `{ ... on Query { ${aliased(30, 'network(center: "country:AZ", depth: 4, limit: 500) { truncated }')} } }`,
    tooManyRootFields,
  ),
];

/** `levels` fragments each spreading the next `width` times: as executed, each fragment counts once. */
const spreadFanOut = (levels: number, width: number, on: string, leafField: string, root = (spread: string) => spread) =>
  `{ ${root('...F0')} } ${times(levels, (i) => `fragment F${i} on ${on} { ${`...F${i + 1} `.repeat(width)}}`)} fragment F${levels} on ${on} { ${leafField} }`;

// Answered at once, not after 16^6 walks of the same fragments (it once took 12 s and held every other request).
const fragmentFanOut: BadInputCase[] = [
  graphqlCase('fragment fan-out: 6 levels of 16 spreads at the root', spreadFanOut(6, 16, 'Query', '__typename'), answered()),
  graphqlCase(
    'fragment fan-out: 4 levels of 20 spreads under node',
    spreadFanOut(4, 20, 'Entity', 'id', (spread) => `entity(id: "agency:abad") { ${spread} }`),
    answered(),
  ),
];

const directives: BadInputCase[] = [
  graphqlCase(
    'directive bomb: 51 @include on one field',
    `{ entity(id: "agency:abad") { ${'id @include(if: true) '.repeat(51)} } }`,
    tooManyDirectives,
  ),
  graphqlCase(
    'directive bomb: 26 directives in each of two fragments',
    `{ entity(id: "agency:abad") { ...C ...D } } fragment C on Entity { ${'id @include(if: true) '.repeat(26)} } fragment D on Entity { ${'name @skip(if: false) '.repeat(26)} }`,
    tooManyDirectives,
  ),
  graphqlCase(
    'directive bomb: 51 directives on inline fragments',
    `{ entity(id: "agency:abad") { ${'... on Agency @include(if: true) { id } '.repeat(51)} } }`,
    tooManyDirectives,
  ),
  graphqlCase(
    'directive bomb: @skip on 51 spreads of one fragment',
    `{ entity(id: "agency:abad") { ${'...F @skip(if: false) '.repeat(51)} } } fragment F on Entity { id }`,
    tooManyDirectives,
  ),
];

const tokens: BadInputCase[] = [
  graphqlCase('token bomb: 5,001 field names', `{ entity(id: "agency:abad") { ${'id '.repeat(defaultLimits.maxTokens)} } }`, tooManyTokens),
  graphqlCase('token bomb: 1,800 nested selections', `{ ${'a { '.repeat(1800)}id${' }'.repeat(1800)} }`, tooManyTokens),
  // The parser runs out of stack near 2,400 levels, the token limit stops it at 2,500: which
  // comes first depends on the stack the machine gives (seen both ways); either is a 400 naming a limit.
  graphqlCase('token bomb: 3,000 unclosed nested selections', `{ ${'a { '.repeat(3000)}`, { ...tooDeep, orCode: 'TOO_MANY_TOKENS' }),
  graphqlCase('token bomb: 3,000 arguments', `{ entity(id: "agency:abad", ${'a: 1 '.repeat(3000)}) { id } }`, tooManyTokens),
  graphqlCase('token bomb: 2,000 variable definitions', `query(${times(2000, (i) => `$v${i}: ID`)}) { __typename }`, tooManyTokens),
  graphqlCase(
    'token bomb: a list literal of 5,000 values',
    `{ search(query: "a", types: [${'AGENCY '.repeat(5000)}]) { totalCount } }`,
    tooManyTokens,
  ),
];

const bytes: BadInputCase[] = [
  graphqlCase('query bytes: a 20,001-byte comment', `# ${'x'.repeat(defaultLimits.maxQueryBytes)}\n{ __typename }`, tooLarge),
  graphqlCase('query bytes: a 30 KB string literal', `{ search(query: "${'x'.repeat(30_000)}") { totalCount } }`, tooLarge),
  graphqlCase('query bytes: 20,001 spaces', `{${' '.repeat(defaultLimits.maxQueryBytes)}__typename }`, tooLarge),
  graphqlCase('query bytes: 20,001 commas', `{ __typename${','.repeat(defaultLimits.maxQueryBytes)} }`, tooLarge),
  graphqlCase('query bytes: 10,000 two-byte characters in a comment', `# ${'ə'.repeat(10_000)}\n{ __typename }`, tooLarge),
];

/** A relation filter of PARTY_TO whose far end matches `inner` (more relation filters). */
const level = (inner: string) => `{ types: [PARTY_TO], where: { related: [${inner}] } }`;
const leaf = '{ types: [BASED_IN] }';
const copies = (count: number, item: string) => Array.from({ length: count }, () => item).join(', ');

const filterWidth: BadInputCase[] = [
  graphqlCase(
    'filter width: 11 relation filters side by side',
    `{ agencies(first: 1, filter: { related: [${copies(11, leaf)}] }) { totalCount } }`,
    badArgument('filter.related'),
  ),
  graphqlCase(
    'filter width: 5 x 5 x 5 nested relation filters',
    `{ agencies(first: 1, filter: { related: [${copies(5, level(copies(5, level(copies(5, leaf)))))}] }) { totalCount } }`,
    badArgument('filter.related'),
  ),
  graphqlCase(
    'filter width: 200 relation filters through a variable',
    'query($f: EntityFilter) { memoranda(filter: $f) { totalCount } }',
    badArgument('filter.related'),
    { f: { related: Array.from({ length: 200 }, () => ({ types: ['PARTY_TO'] })) } },
  ),
  graphqlCase(
    'filter width: relation filters nested 4 levels',
    `{ agencies(filter: { related: [${level(level(level(leaf)))}] }) { totalCount } }`,
    badArgument('filter.related[0].where.related[0].where.related[0].where.related[0]'),
  ),
  graphqlCase(
    'filter width: a relation filter with no types',
    '{ agencies(filter: { related: [{ types: [] }] }) { totalCount } }',
    badArgument('filter.related[0].types'),
  ),
];

export const limitCases: BadInputCase[] = [
  ...depth,
  ...fanOut,
  ...fragmentFanOut,
  ...aliases,
  ...rootFields,
  ...directives,
  ...tokens,
  ...bytes,
  ...filterWidth,
];
