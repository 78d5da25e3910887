/**
 * Requests that go wrong before GraphQL reads a document: bodies that are not JSON, JSON that is
 * not a GraphQL request, content types and methods a browser form or a confused client sends,
 * and bodies too large or too deeply nested to read. server.ts refuses some itself (413,
 * invalid JSON, nested variables); Apollo's HTTP layer refuses the rest. Either way the client
 * must get a status and a code, never a reset or an internal error.
 */
import { gzipSync } from 'node:zlib';
import { answered, graphqlPost, httpCase, invalid, rawPost, refused, type BadInputCase, type Expected, type HttpRequest } from './case';

const typename = '{"query":"{ __typename }"}';
const json = { 'content-type': 'application/json' };
/** Apollo's CSRF prevention lets a GET through only with a header a browser form cannot set. */
const preflight = { 'apollo-require-preflight': 'true' };
const maxBodyBytes = 1024 * 1024;

const post = (name: string, body: string | Buffer, expected: Expected = invalid('BAD_REQUEST')) =>
  httpCase(name, () => rawPost(body), expected);
const withHeaders = (name: string, headers: Record<string, string>, body: string | Buffer, expected: Expected = invalid('BAD_REQUEST')) =>
  httpCase(name, () => rawPost(body, headers), expected);
const method = (name: string, request: HttpRequest, expected: Expected) => httpCase(name, () => request, expected);
const get = (search: string): HttpRequest => ({ method: 'GET', headers: preflight, search });

/** `levels` objects nested in one another, written as text (JSON.stringify recurses). */
const nested = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
const withVariablesText = (variables: string) => `{"query":"{ __typename }","variables":${variables}}`;

const notJson: BadInputCase[] = [
  post('body: truncated JSON', '{"query": '),
  post('body: unclosed object', '{"query":"{ __typename }"'),
  post('body: trailing garbage after the object', `${typename}xyz`),
  post('body: byte order mark before the JSON', `\ufeff${typename}`),
  post('body: single-quoted JSON', "{'query':'{ __typename }'}"),
  post('body: NaN as a value', '{"query":"{ __typename }","variables":NaN}'),
  post('body: a comment inside the JSON', '{"query":"{ __typename }" /* hi */}'),
  post('body: whitespace only', '  \n\t '),
  post('body: GraphQL text sent as JSON', '{ __typename }'),
];

const notARequest: BadInputCase[] = [
  post('body: empty', ''),
  post('body: JSON null', 'null'),
  post('body: a JSON string', '"{ __typename }"'),
  post('body: a JSON number', '42'),
  post('body: a JSON boolean', 'true'),
  post('body: an empty object', '{}'),
  post('body: a batch of two operations (batching is off)', `[${typename},${typename}]`),
  post('body: an empty batch', '[]'),
  post('body: query is a number', '{"query":1}'),
  post('body: query is null', '{"query":null}'),
  post('body: query is an object', '{"query":{"kind":"Document"}}'),
  post('body: query is an array', '{"query":["{ __typename }"]}'),
  post('body: query is an empty string', '{"query":""}'),
  post('body: query is whitespace', '{"query":"   "}', invalid('GRAPHQL_PARSE_FAILED')),
  post('body: variables is a string', withVariablesText('"{}"')),
  post('body: variables is an array', withVariablesText('[1]')),
  post('body: variables is a number', withVariablesText('7')),
  post('body: variables is a boolean', withVariablesText('true')),
  post('body: operationName is a number', '{"query":"{ __typename }","operationName":1}'),
  post('body: operationName is an object', '{"query":"{ __typename }","operationName":{}}'),
  post('body: extensions is a string', '{"query":"{ __typename }","extensions":"{}"}'),
  post('body: extensions is an array', '{"query":"{ __typename }","extensions":[1]}'),
  post('body: only __proto__ holding the query', '{"__proto__":{"query":"{ __typename }"}}'),
  post(
    'body: a variable smuggled in __proto__',
    '{"query":"query($id: ID!) { entity(id: $id) { id } }","variables":{"__proto__":{"id":"agency:abad"}}}',
    invalid('BAD_USER_INPUT'),
  ),
  post('body: constructor.prototype in unused variables', withVariablesText('{"constructor":{"prototype":{"polluted":true}}}'), answered()),
  post('body: the query key twice (JSON keeps the last)', '{"query":"mutation { x }","query":"{ __typename }"}', answered()),
];

const contentTypes: BadInputCase[] = [
  withHeaders('content type: text/plain (a CSRF-simple request)', { 'content-type': 'text/plain' }, typename),
  withHeaders('content type: none', {}, typename),
  withHeaders('content type: form-urlencoded', { 'content-type': 'application/x-www-form-urlencoded' }, 'query=%7B__typename%7D'),
  withHeaders(
    'content type: multipart/form-data',
    { 'content-type': 'multipart/form-data; boundary=x' },
    '--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n{ __typename }\r\n--x--',
  ),
  withHeaders('content type: application/graphql with a raw document', { 'content-type': 'application/graphql' }, '{ __typename }'),
  withHeaders('accept: application/xml only', { ...json, accept: 'application/xml' }, typename, refused(406, 'BAD_REQUEST')),
  withHeaders('accept: text/html only', { ...json, accept: 'text/html' }, typename, refused(406, 'BAD_REQUEST')),
];

const methods: BadInputCase[] = [
  method('method: PUT', { method: 'PUT', headers: json, body: typename }, refused(405, 'BAD_REQUEST')),
  method('method: PATCH', { method: 'PATCH', headers: json, body: typename }, refused(405, 'BAD_REQUEST')),
  method('method: DELETE', { method: 'DELETE', headers: json, body: typename }, refused(405, 'BAD_REQUEST')),
  method(
    'method: GET without the preflight header (CSRF)',
    { method: 'GET', headers: {}, search: '?query=%7B__typename%7D' },
    invalid('BAD_REQUEST'),
  ),
  method('method: GET without a query', get(''), invalid('BAD_REQUEST')),
  method(
    'method: GET with variables that are not JSON',
    get(`?query=${encodeURIComponent('query($id: ID!) { entity(id: $id) { id } }')}&variables=%7Bnope`),
    invalid('BAD_REQUEST'),
  ),
  method('method: GET with a mutation', get(`?query=${encodeURIComponent('mutation { x }')}`), invalid('GRAPHQL_VALIDATION_FAILED')),
  httpCase(
    'method: GET with the preflight header is an ordinary query',
    () => get(`?query=${encodeURIComponent('{ __typename }')}`),
    answered(),
  ),
];

const sizes: BadInputCase[] = [
  httpCase(
    'size: a 2 MB body',
    () => graphqlPost('{ __typename }', { pad: 'x'.repeat(2 * 1024 * 1024) }),
    refused(413, 'PAYLOAD_TOO_LARGE'),
  ),
  httpCase(
    'size: 1 MiB plus one byte',
    () => rawPost(withVariablesText(`{"pad":"${'x'.repeat(maxBodyBytes - withVariablesText('{"pad":""}').length + 1)}"}`)),
    refused(413, 'PAYLOAD_TOO_LARGE'),
  ),
  httpCase(
    'size: exactly 1 MiB is read',
    () => rawPost(withVariablesText(`{"pad":"${'x'.repeat(maxBodyBytes - withVariablesText('{"pad":""}').length)}"}`)),
    answered(),
  ),
  post('size: variables nested 65 levels', withVariablesText(nested(65)), invalid('BAD_USER_INPUT')),
  post('size: variables nested 64 levels are read', withVariablesText(nested(64)), answered()),
  post('size: variables nested 5,000 levels', withVariablesText(nested(5000)), invalid('BAD_USER_INPUT')),
  post('size: variables nested 100,000 levels', withVariablesText(nested(100_000)), invalid('BAD_USER_INPUT')),
  post(
    'size: a variable that is an array nested 10,000 levels',
    withVariablesText(`{"a":${'['.repeat(10_000)}${']'.repeat(10_000)}}`),
    invalid('BAD_USER_INPUT'),
  ),
];

const encodings: BadInputCase[] = [
  post(
    'encoding: invalid UTF-8 bytes inside a string',
    Buffer.concat([Buffer.from('{"query":"{ search(query: \\"'), Buffer.from([0xff, 0xfe, 0x80]), Buffer.from('\\") { totalCount } }"}')]),
    answered(),
  ),
  post(
    'encoding: overlong UTF-8 for "/" (C0 AF)',
    Buffer.concat([Buffer.from('{"query":"{ search(query: \\"'), Buffer.from([0xc0, 0xaf]), Buffer.from('etc\\") { totalCount } }"}')]),
    answered(),
  ),
  post(
    'encoding: overlong UTF-8 for NUL (C0 80) in a variable',
    Buffer.concat([
      Buffer.from('{"query":"query($q: String!) { search(query: $q) { totalCount } }","variables":{"q":"a'),
      Buffer.from([0xc0, 0x80]),
      Buffer.from('b"}}'),
    ]),
    answered(),
  ),
  post('encoding: a UTF-16 body', Buffer.from(typename, 'utf16le')),
  // The server never inflates a body, so a compression bomb is only its compressed bytes: not JSON.
  withHeaders('encoding: a gzip body', { ...json, 'content-encoding': 'gzip' }, gzipSync(typename)),
];

/** Automatic persisted queries are off: any request naming one gets Apollo's coded refusal. */
const notSupported = refused(200, 'PERSISTED_QUERY_NOT_SUPPORTED');
const persistedQueries: BadInputCase[] = [
  post(
    'persisted query: an unknown hash',
    JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }),
    notSupported,
  ),
  post(
    'persisted query: a hash that is a number',
    JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 5 } } }),
    notSupported,
  ),
  post(
    'persisted query: a hash that does not match the query',
    JSON.stringify({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }),
    notSupported,
  ),
  post(
    'persisted query: version 2',
    JSON.stringify({ query: '{ __typename }', extensions: { persistedQuery: { version: 2, sha256Hash: 'a'.repeat(64) } } }),
    notSupported,
  ),
  post('persisted query: a string', JSON.stringify({ query: '{ __typename }', extensions: { persistedQuery: 'x' } }), notSupported),
];

export const transportCases: BadInputCase[] = [
  ...notJson,
  ...notARequest,
  ...contentTypes,
  ...methods,
  ...sizes,
  ...encodings,
  ...persistedQueries,
];
