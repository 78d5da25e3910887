/**
 * Unicode a client may send by accident or on purpose: lone surrogates (not valid UTF-16, not
 * encodable as UTF-8 for Neo4j), NUL, direction marks and overrides, combining characters,
 * emoji sequences, 4-byte characters and strings long in code units but short in characters.
 * Folding (core/model/folding.ts) and the full-text index read search text and text filters,
 * so those must answer; ids, codes, dates and kinds must name nothing or be refused, whatever
 * the bytes. A lone surrogate written into the GraphQL document itself is a syntax error.
 */
import { answered, badArgument, graphqlCase, invalid, type BadInputCase } from './case';

const search = 'query($q: String!) { search(query: $q) { totalCount edges { node { id } } } }';
const textFilter = 'query($q: String) { agencies(filter: { text: $q }) { totalCount } }';

const searchTexts: [string, string][] = [
  ['a lone high surrogate', '\ud800asan'],
  ['a lone low surrogate', 'asan\udc00'],
  ['a reversed surrogate pair', '\ude00\ud83d'],
  ['NUL inside a word', 'as\u0000an'],
  ['a right-to-left mark', '\u200fasan'],
  ['a right-to-left override', '\u202exidmet\u202c'],
  ['Arabic text', 'خدمات آسان'],
  ['a combining diaeresis (Ü decomposed)', 'U\u0308lvi'],
  ['a letter under 150 combining marks', `a${'\u0301'.repeat(150)}`],
  ['an emoji ZWJ sequence', '👩‍👩‍👧‍👦 asan'],
  ['4-byte mathematical letters', '𝒜𝓈𝒶𝓃'],
  ['100 emoji (200 UTF-16 code units)', '🏛'.repeat(100)],
  ['a byte order mark', '\ufeffasan'],
  ['zero-width spaces between letters', 'a\u200bs\u200ba\u200bn'],
  ['the non-character U+FFFF', 'asan\uffff'],
  ['the replacement character', '\ufffd\ufffd'],
  ['Turkish dotted and dotless i', 'İıİı'],
  ['200 sharp s (folds to 400 letters)', 'ß'.repeat(200)],
  ['full-width letters', 'ＡＳＡＮ'],
  ['only whitespace', ' \t\u00a0\u3000 '],
  ['an empty string', ''],
];

const elsewhere: BadInputCase[] = [
  graphqlCase('unicode: a lone surrogate in a text filter', textFilter, answered(), { q: '\udbff' }),
  graphqlCase('unicode: NUL in an id prefix', 'query($q: String) { memoranda(filter: { idPrefix: $q }) { totalCount } }', answered(), {
    q: 'memorandum:\u0000',
  }),
  graphqlCase(
    'unicode: a lone surrogate in a node id',
    'query($q: ID!) { entity(id: $q) { id } }',
    // Not of the form <type>:<slug>: refused naming the form (issue 23), no longer a null lookup.
    badArgument('id'),
    { q: 'agency:\ud83d' },
  ),
  graphqlCase(
    'unicode: an emoji id in a source lookup',
    'query($q: ID!) { source(id: $q) { id } }',
    // Not of the form <type>:<slug>: refused naming the form, as entity(id:) is.
    badArgument('id'),
    { q: 'source:🙂' },
  ),
  graphqlCase(
    'unicode: a right-to-left override in a country lookup',
    'query($q: String!) { country(code: $q) { id } }',
    badArgument('code'),
    { q: '\u202eFA' },
  ),
  graphqlCase(
    'unicode: a combining mark on a country code',
    'query($q: String) { timeline(country: $q) { totalCount } }',
    badArgument('country'),
    { q: 'A\u0301F' },
  ),
  graphqlCase('unicode: Devanagari digits in a date', 'query($q: String) { agencies(asOf: $q) { totalCount } }', badArgument('asOf'), {
    q: '२०२०',
  }),
  graphqlCase(
    'unicode: a lone surrogate in a kind',
    'query($q: [String!]) { events(filter: { kind: $q }) { totalCount } }',
    badArgument('filter.kind[0]'),
    { q: ['MEETING\ud800'] },
  ),
  graphqlCase('unicode: a lone surrogate in a cursor', 'query($q: String) { sources(after: $q) { totalCount } }', badArgument('after'), {
    q: 'abc\udfff.def',
  }),
];

const inDocument: BadInputCase[] = [
  graphqlCase(
    'unicode: an escaped lone surrogate in a GraphQL string',
    '{ search(query: "\\uD800") { totalCount } }',
    invalid('GRAPHQL_PARSE_FAILED'),
  ),
  graphqlCase(
    'unicode: a raw lone surrogate in a GraphQL string',
    '{ search(query: "\ud800") { totalCount } }',
    invalid('GRAPHQL_PARSE_FAILED'),
  ),
  graphqlCase('unicode: a braced escape of an emoji is read', '{ search(query: "\\u{1F3DB} asan") { totalCount } }', answered()),
  graphqlCase('unicode: emoji written into a GraphQL string are read', '{ search(query: "🏛 asan 𝒜") { totalCount } }', answered()),
  graphqlCase('unicode: a right-to-left override in a field name', '{ \u202enode(id: "x") { id } }', invalid('GRAPHQL_PARSE_FAILED')),
];

export const unicodeCases: BadInputCase[] = [
  ...searchTexts.map(([label, text]) => graphqlCase(`unicode: ${label} in a search`, search, answered(), { q: text })),
  graphqlCase(
    'unicode: decomposed Ü finds what composed Ü finds',
    search,
    answered((data) => expect((data.search as { totalCount: number }).totalCount).toBeGreaterThan(0)),
    { q: 'U\u0308lvi Mehdiyev' },
  ),
  ...elsewhere,
  ...inDocument,
];
