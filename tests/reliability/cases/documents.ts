/**
 * Documents and variables GraphQL itself refuses: syntax errors, fields and types the schema
 * does not have, operations this read-only API does not serve, fragments that cannot work, and
 * variables of the wrong type or missing. graphql-js and Apollo refuse them before execution
 * (400 with GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, BAD_USER_INPUT or
 * OPERATION_RESOLUTION_FAILURE); the point here is that each keeps its code on the way out
 * through our error formatter and plugins, and none becomes an internal error.
 */
import { graphqlCase, httpCase, invalid, rawPost, type BadInputCase } from './case';

const parseFailed = invalid('GRAPHQL_PARSE_FAILED');
const validationFailed = invalid('GRAPHQL_VALIDATION_FAILED');
const badVariable = invalid('BAD_USER_INPUT');

const syntax: BadInputCase[] = [
  graphqlCase('syntax: unclosed selection', '{ entity(id: "agency:abad") { id ', parseFailed),
  graphqlCase('syntax: unclosed argument list', '{ entity(id: ', parseFailed),
  graphqlCase('syntax: plain words', 'hello world', parseFailed),
  graphqlCase('syntax: a comment only', '# nothing here', parseFailed),
  graphqlCase('syntax: an unterminated string', '{ search(query: "asan) { totalCount } }', parseFailed),
  graphqlCase('syntax: a bad escape in a string', '{ search(query: "\\x41") { totalCount } }', parseFailed),
  graphqlCase('syntax: a NUL outside strings', '{ __typename \u0000 }', parseFailed),
  graphqlCase('syntax: a non-ASCII field name', '{ nöde(id: "x") { id } }', parseFailed),
  graphqlCase('syntax: JSON instead of GraphQL', '{"node": {"id": "x"}}', parseFailed),
  graphqlCase('syntax: SQL instead of GraphQL', 'SELECT * FROM entities', parseFailed),
  // The parser quotes the client's own first word back ("Unexpected Name \"MATCH\""): not Cypher from the server.
  graphqlCase('syntax: Cypher instead of GraphQL', 'MATCH (n) DETACH DELETE n', parseFailed, undefined, ['MATCH']),
];

const schemaMismatch: BadInputCase[] = [
  graphqlCase('validation: an unknown root field', '{ nope }', validationFailed),
  graphqlCase('validation: an unknown nested field', '{ entity(id: "agency:abad") { id password } }', validationFailed),
  graphqlCase(
    'validation: an unknown argument',
    '{ entity(id: "agency:abad", cypher: "MATCH (n) RETURN n") { id } }',
    validationFailed,
    undefined,
    ['MATCH (n) RETURN n'],
  ),
  graphqlCase('validation: a required argument missing', '{ entity { id } }', validationFailed),
  graphqlCase('validation: an object without a selection', '{ entity(id: "agency:abad") }', validationFailed),
  graphqlCase('validation: a selection on a scalar', '{ entity(id: "agency:abad") { id { value } } }', validationFailed),
  graphqlCase('validation: a number where a string belongs', '{ search(query: 5) { totalCount } }', validationFailed),
  graphqlCase('validation: a string where an Int belongs', '{ agencies(first: "5") { totalCount } }', validationFailed),
  graphqlCase('validation: a float where an Int belongs', '{ agencies(first: 1.5) { totalCount } }', validationFailed),
  graphqlCase('validation: an Int past 32 bits', '{ agencies(first: 2147483648) { totalCount } }', validationFailed),
  graphqlCase('validation: an unknown enum value', '{ search(query: "asan", types: [NOPE]) { totalCount } }', validationFailed),
  graphqlCase(
    'validation: an enum value written as a string',
    '{ search(query: "asan", types: ["AGENCY"]) { totalCount } }',
    validationFailed,
  ),
  graphqlCase('validation: null for a required argument', '{ entity(id: null) { id } }', validationFailed),
  graphqlCase('validation: an unknown input field', '{ agencies(filter: { cypher: "x" }) { totalCount } }', validationFailed),
  graphqlCase(
    'validation: a relation filter without its required types',
    '{ agencies(filter: { related: [{ direction: OUT }] }) { totalCount } }',
    validationFailed,
  ),
  graphqlCase('validation: an inline fragment on an impossible type', '{ source(id: "x") { ... on Country { code } } }', validationFailed),
  graphqlCase('validation: a fragment on a scalar', '{ entity(id: "x") { ...F } } fragment F on String { length }', validationFailed),
  graphqlCase('validation: a fragment on an unknown type', '{ entity(id: "x") { ...F } } fragment F on Secret { id }', validationFailed),
  graphqlCase(
    'validation: the same response name for two different fields',
    '{ a: entity(id: "x") { id } a: search(query: "y") { totalCount } }',
    validationFailed,
  ),
];

const operations: BadInputCase[] = [
  graphqlCase('operation: a mutation', 'mutation { deleteEverything }', validationFailed),
  graphqlCase('operation: a subscription', 'subscription { changes { id } }', validationFailed),
  graphqlCase('operation: a mutation beside a query', 'query A { __typename } mutation B { x }', validationFailed),
  graphqlCase('operation: two operations with one name', 'query A { __typename } query A { __typename }', validationFailed),
  graphqlCase('operation: an anonymous operation beside a named one', '{ __typename } query A { __typename }', validationFailed),
  httpCase(
    'operation: an operationName naming the mutation of a mixed document',
    () => rawPost(JSON.stringify({ query: 'query A { __typename } mutation B { x }', operationName: 'B' })),
    validationFailed,
  ),
  graphqlCase(
    'operation: two named operations and no operationName',
    'query A { __typename } query B { __typename }',
    invalid('OPERATION_RESOLUTION_FAILURE'),
  ),
  httpCase(
    'operation: an operationName the document does not define',
    () => rawPost(JSON.stringify({ query: 'query A { __typename }', operationName: 'Nope' })),
    invalid('OPERATION_RESOLUTION_FAILURE'),
  ),
  httpCase(
    'operation: a 200 KB operationName',
    () => rawPost(JSON.stringify({ query: 'query A { __typename }', operationName: 'N'.repeat(200_000) })),
    invalid('OPERATION_RESOLUTION_FAILURE'),
  ),
];

const fragments: BadInputCase[] = [
  graphqlCase(
    'fragments: a cycle of two',
    '{ entity(id: "x") { ...A } } fragment A on Entity { id ...B } fragment B on Entity { name ...A }',
    validationFailed,
  ),
  graphqlCase('fragments: a fragment spreading itself', '{ entity(id: "x") { ...A } } fragment A on Entity { id ...A }', validationFailed),
  graphqlCase(
    'fragments: a cycle of three through inline fragments',
    '{ entity(id: "x") { ...A } } fragment A on Entity { ... on Agency { ...B } } fragment B on Agency { ...C } fragment C on Entity { ...A }',
    validationFailed,
  ),
  graphqlCase('fragments: a spread of an undefined fragment', '{ entity(id: "x") { ...Missing } }', validationFailed),
  graphqlCase('fragments: a fragment never used', '{ __typename } fragment Unused on Query { __typename }', validationFailed),
  graphqlCase(
    'fragments: two fragments with one name',
    '{ entity(id: "x") { ...A } } fragment A on Entity { id } fragment A on Entity { name }',
    validationFailed,
  ),
];

const directives: BadInputCase[] = [
  graphqlCase('directives: unknown directive', '{ __typename @nope }', validationFailed),
  graphqlCase('directives: @skip twice on one field', '{ __typename @skip(if: false) @skip(if: false) }', validationFailed),
  graphqlCase('directives: @include without its argument', '{ __typename @include }', validationFailed),
  graphqlCase('directives: @include on the operation', 'query @include(if: true) { __typename }', validationFailed),
  graphqlCase('directives: @defer (not supported)', '{ entity(id: "agency:abad") { ... @defer { id } } }', validationFailed),
  graphqlCase(
    'directives: @stream (not supported)',
    '{ entity(id: "agency:abad") { aliases @stream(initialCount: 1) } }',
    validationFailed,
  ),
];

const variableDefinitions: BadInputCase[] = [
  graphqlCase('variables: used but not declared', '{ entity(id: $id) { id } }', validationFailed),
  graphqlCase('variables: declared but not used', 'query($id: ID) { __typename }', validationFailed),
  graphqlCase('variables: declared twice', 'query($id: ID!, $id: ID!) { entity(id: $id) { id } }', validationFailed),
  graphqlCase('variables: of an unknown type', 'query($id: Secret) { entity(id: $id) { id } }', validationFailed),
  graphqlCase('variables: of an output type', 'query($e: Entity) { __typename }', validationFailed),
  graphqlCase('variables: an Int variable for an ID argument', 'query($id: Int!) { entity(id: $id) { id } }', validationFailed),
  graphqlCase('variables: a nullable variable for a required argument', 'query($id: ID) { entity(id: $id) { id } }', validationFailed),
];

const nodeById = 'query($id: ID!) { entity(id: $id) { id } }';
const pageOf = 'query($first: Int) { agencies(first: $first) { totalCount } }';
const searchTyped = 'query($q: String!, $types: [EntityType!]) { search(query: $q, types: $types) { totalCount } }';
const filtered = 'query($filter: EntityFilter) { agencies(filter: $filter) { totalCount } }';

const variableValues: BadInputCase[] = [
  graphqlCase('variable values: a required ID missing', nodeById, badVariable, {}),
  graphqlCase('variable values: a required ID null', nodeById, badVariable, { id: null }),
  graphqlCase('variable values: an object for an ID', nodeById, badVariable, { id: { $ne: null } }),
  graphqlCase('variable values: an array for an ID', nodeById, badVariable, { id: ['agency:abad', 'agency:asan-xidmet'] }),
  graphqlCase('variable values: a boolean for an ID', nodeById, badVariable, { id: true }),
  graphqlCase('variable values: a float for an ID', nodeById, badVariable, { id: 1.5 }),
  graphqlCase('variable values: a required String missing', searchTyped, badVariable, {}),
  graphqlCase('variable values: a number for a String', searchTyped, badVariable, { q: 42 }),
  graphqlCase('variable values: an object for a String', searchTyped, badVariable, { q: { query: 'asan' } }),
  graphqlCase('variable values: a string for an Int', pageOf, badVariable, { first: '5' }),
  graphqlCase('variable values: a float for an Int', pageOf, badVariable, { first: 1.5 }),
  graphqlCase(
    'variable values: an Int past 32 bits',
    'query($d: Int) { network(center: "agency:abad", depth: $d) { truncated } }',
    badVariable,
    { d: 2 ** 31 },
  ),
  graphqlCase('variable values: Infinity written as a string for an Int', pageOf, badVariable, { first: 'Infinity' }),
  graphqlCase('variable values: an unknown enum value', searchTyped, badVariable, { q: 'asan', types: ['SECRET'] }),
  graphqlCase('variable values: an enum value in lower case', searchTyped, badVariable, { q: 'asan', types: ['agency'] }),
  graphqlCase('variable values: null inside a list of non-null enums', searchTyped, badVariable, { q: 'asan', types: [null] }),
  graphqlCase('variable values: a string for an input object', filtered, badVariable, { filter: 'country = "AF"' }),
  graphqlCase('variable values: an array for an input object', filtered, badVariable, { filter: [{ country: 'AF' }] }),
  graphqlCase('variable values: an unknown input field', filtered, badVariable, { filter: { where: 'n.secret = true' } }),
  graphqlCase('variable values: a relation filter without its required types', filtered, badVariable, {
    filter: { related: [{ direction: 'OUT' }] },
  }),
  graphqlCase('variable values: a number inside a list of strings', filtered, badVariable, { filter: { kind: ['MINISTRY', 7] } }),
  graphqlCase('variable values: a string for the Boolean of @include', 'query($v: Boolean!) { __typename @include(if: $v) }', badVariable, {
    v: 'yes',
  }),
];

export const documentCases: BadInputCase[] = [
  ...syntax,
  ...schemaMismatch,
  ...operations,
  ...fragments,
  ...directives,
  ...variableDefinitions,
  ...variableValues,
];
