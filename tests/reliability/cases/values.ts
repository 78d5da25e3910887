/**
 * Well-formed requests with values that mean nothing: dates that are not dates, country codes
 * and kinds that name nothing, cursors forged, edited or carried to another list, numbers
 * outside their documented ranges, and strings far longer than any real value. Each is checked
 * in core/graphql/arguments.ts or pagination.ts and refused as BAD_USER_INPUT naming the
 * argument (README "Questions you can ask"), except where the value is only a string to look
 * up: a long id names nothing (null or NOT_FOUND), a long text filter matches nothing.
 *
 * Bad values are spread over the arguments of their kind (every list, timeline, stats,
 * network, relations, partners), so each check is met from more than one resolver.
 */
import {
  answered,
  badArgument,
  graphqlCase,
  graphqlPost,
  httpCase,
  notFound,
  type BadInputCase,
  type Expected,
  type Fixtures,
} from './case';

/** A place a value of some kind can be sent: a document with `$v`, and the argument the server names. */
interface Place {
  label: string;
  query: string;
  argument: string;
  list?: boolean;
}

const totalCount = '{ totalCount }';
const datePlaces: Place[] = [
  { label: 'agencies(asOf)', query: `query($v: String) { agencies(asOf: $v) ${totalCount} }`, argument: 'asOf' },
  {
    label: 'memoranda(filter.from)',
    query: `query($v: String) { memoranda(filter: { from: $v }) ${totalCount} }`,
    argument: 'filter.from',
  },
  { label: 'events(filter.to)', query: `query($v: String) { events(filter: { to: $v }) ${totalCount} }`, argument: 'filter.to' },
  {
    label: 'trainings(filter.related[0].where.from)',
    query: `query($v: String) { trainings(filter: { related: [{ types: [UNDER], where: { from: $v } }] }) ${totalCount} }`,
    argument: 'filter.related[0].where.from',
  },
  { label: 'timeline(from)', query: 'query($v: String) { timeline(from: $v) { totalCount } }', argument: 'from' },
  { label: 'timeline(to)', query: 'query($v: String) { timeline(to: $v) { totalCount } }', argument: 'to' },
  {
    label: 'stats(filter.asOf)',
    query: 'query($v: String) { stats(filter: { asOf: $v }) { memorandaByYear { key count } } }',
    argument: 'filter.asOf',
  },
  {
    label: 'network(asOf)',
    query: 'query($v: String) { network(center: "agency:asan-xidmet", asOf: $v) { truncated } }',
    argument: 'asOf',
  },
  {
    label: 'Entity.relations(asOf)',
    query: 'query($v: String) { entity(id: "agency:asan-xidmet") { relations(asOf: $v) { type } } }',
    argument: 'asOf',
  },
  {
    label: 'Country.partners(asOf)',
    query: 'query($v: String) { country(code: "AZ") { partners(asOf: $v) { totalCount } } }',
    argument: 'asOf',
  },
];

const countryPlaces: Place[] = [
  {
    label: 'agencies(filter.country)',
    query: `query($v: String) { agencies(filter: { country: $v }) ${totalCount} }`,
    argument: 'filter.country',
  },
  { label: 'timeline(country)', query: 'query($v: String) { timeline(country: $v) { totalCount } }', argument: 'country' },
  {
    label: 'stats(filter.country)',
    query: 'query($v: String) { stats(filter: { country: $v }) { memorandaByYear { key count } } }',
    argument: 'filter.country',
  },
  {
    label: 'memoranda(filter.related[0].where.country)',
    query: `query($v: String) { memoranda(filter: { related: [{ types: [PARTY_TO], where: { country: $v } }] }) ${totalCount} }`,
    argument: 'filter.related[0].where.country',
  },
];

const kindPlaces: Place[] = [
  {
    label: 'memoranda(filter.kind)',
    query: `query($v: [String!]) { memoranda(filter: { kind: $v }) ${totalCount} }`,
    argument: 'filter.kind[0]',
    list: true,
  },
  {
    label: 'agencies(filter.kind)',
    query: `query($v: [String!]) { agencies(filter: { kind: $v }) ${totalCount} }`,
    argument: 'filter.kind[0]',
    list: true,
  },
  {
    label: 'events(filter.kind)',
    query: `query($v: [String!]) { events(filter: { kind: $v }) ${totalCount} }`,
    argument: 'filter.kind[0]',
    list: true,
  },
  {
    label: 'agencies(filter.related[0].where.kind)',
    query: `query($v: [String!]) { agencies(filter: { related: [{ types: [PARTY_TO], where: { kind: $v } }] }) ${totalCount} }`,
    argument: 'filter.related[0].where.kind[0]',
    list: true,
  },
];

/** One case per value, each sent to the next place of its kind in turn. */
function spread(
  kind: string,
  values: readonly [string, string][],
  places: readonly Place[],
  expected: (place: Place) => Expected,
): BadInputCase[] {
  return values.map(([label, value], i) => {
    const place = places[i % places.length]!;
    return graphqlCase(`${kind}: ${label} in ${place.label}`, place.query, expected(place), { v: place.list ? [value] : value });
  });
}

const refusedThere = (place: Place) => badArgument(place.argument);
const answeredThere = () => answered();

const badDates: [string, string][] = [
  ['month 13 (2020-13-01)', '2020-13-01'],
  ['year 0000', '0000'],
  ['30 February (2020-02-30)', '2020-02-30'],
  ['"yesterday"', 'yesterday'],
  ['29 February of a common year (2021-02-29)', '2021-02-29'],
  ['29 February 1900 (not a leap year)', '1900-02-29'],
  ['31 April', '2020-04-31'],
  ['month 00', '2020-00'],
  ['day 00', '2020-01-00'],
  ['unpadded 2020-1-1', '2020-1-1'],
  ['compact 20200101', '20200101'],
  ['a negative year', '-2020'],
  ['a signed year', '+2020'],
  ['a five-digit year', '10000'],
  ['a leading space', ' 2020'],
  ['a trailing space', '2020 '],
  ['a date-time', '2020-06-15T00:00:00Z'],
  ['slashes (2020/01/01)', '2020/01/01'],
  ['day first (01-01-2020)', '01-01-2020'],
  ['full-width digits', '２０２０'],
  ['Arabic-Indic digits', '٢٠٢٠'],
  ['a trailing NUL', '2020\u0000'],
  ['an empty string', ''],
  ['exponent notation', '2e3'],
  ['the word null', 'null'],
  ['a 200 KB string of digits', '2'.repeat(200_000)],
];

const goodDates: [string, string][] = [
  ['29 February of a leap year', '2020-02-29'],
  ['year 0001', '0001'],
  ['9999-12-31', '9999-12-31'],
  ['a month (2016-05)', '2016-05'],
];

const badCountries: [string, string][] = [
  ['UK (not ISO)', 'UK'],
  ['ZZ', 'ZZ'],
  ['a country name', 'Uganda'],
  ['an empty string', ''],
  ['a space', ' '],
  ['one letter', 'A'],
  ['four letters', 'AFGH'],
  ['an umlaut', 'ÄF'],
  ['full-width letters', 'ＡＦ'],
  ['a trailing NUL', 'AF\u0000'],
  ['a semicolon', 'AF;'],
  ['13 letters and digits', 'A1B2C3D4E5F6G'],
  ['an entity id', 'country:AF'],
  ['a flag emoji', '🇦🇫'],
  ['a right-to-left mark', '\u200fAF'],
  ['a wildcard', '*'],
  ['a 200 KB string', 'A'.repeat(200_000)],
];

const goodCountries: [string, string][] = [
  ['alpha-3 in lower case', 'afg'],
  ['surrounded by spaces', ' af '],
  ['mixed case', 'Af'],
];

// In turn: memoranda, agencies, events, then a nested filter (which accepts any type's kind).
const badKinds: [string, string][] = [
  ['lower case (mou)', 'mou'],
  ["another type's kind", 'SIGNING'],
  ['a trailing space', 'MOU '],
  ['an empty string', ''],
  ['a zero-width space inside', 'MO\u200bU'],
  ['a trailing NUL', 'MOU\u0000'],
  ['a wildcard', '*'],
  ['a 200 KB string', 'K'.repeat(200_000)],
];

/** `after: $c` on `list`, and the cursor the fixtures give. */
const withCursor = (name: string, query: string, cursor: (f: Fixtures) => string, argument = 'after'): BadInputCase =>
  httpCase(`cursor: ${name}`, (f) => graphqlPost(query, { c: cursor(f) }), badArgument(argument));

const agenciesAfter = (rest = ', filter: { country: "AZ" }') => `query($c: String) { agencies(first: 1, after: $c${rest}) ${totalCount} }`;
const decode = (cursor: string) => JSON.parse(Buffer.from(cursor.split('.')[0]!, 'base64url').toString('utf8')) as unknown[];
const encode = (payload: unknown) => Buffer.from(JSON.stringify(payload)).toString('base64url');

const cursors: BadInputCase[] = [
  withCursor('forged, unsigned', agenciesAfter(''), () => encode(['asan', 'agency:asan-xidmet'])),
  withCursor(
    'forged, with a made-up signature',
    agenciesAfter(''),
    () => `${encode(['asan', 'agency:asan-xidmet', 'scope'])}.${'A'.repeat(22)}`,
  ),
  withCursor('signature edited', agenciesAfter(), (f) => `${f.agencyCursor.slice(0, -2)}${f.agencyCursor.endsWith('AA') ? 'BB' : 'AA'}`),
  withCursor('payload edited, signature kept', agenciesAfter(), (f) => {
    const [sortValue, , scope] = decode(f.agencyCursor);
    return `${encode([sortValue, 'agency:zzz-injected', scope])}.${f.agencyCursor.split('.')[1]}`;
  }),
  withCursor('with a third part', agenciesAfter(), (f) => `${f.agencyCursor}.extra`),
  // Node's base64url decoder would skip these; the cursor must be exactly what was issued.
  withCursor('with a trailing space', agenciesAfter(), (f) => `${f.agencyCursor} `),
  withCursor('with an emoji appended', agenciesAfter(), (f) => `${f.agencyCursor}🙂`),
  withCursor('an empty string', agenciesAfter(), () => ''),
  withCursor('200 KB long', agenciesAfter(), () => `${'a'.repeat(200_000)}.b`),
  withCursor('foreign: another country in the filter', agenciesAfter(', filter: { country: "AF" }'), (f) => f.agencyCursor),
  withCursor('foreign: the filter dropped', agenciesAfter(''), (f) => f.agencyCursor),
  withCursor('foreign: another order', agenciesAfter(', filter: { country: "AZ" }, orderBy: { field: DATE }'), (f) => f.agencyCursor),
  withCursor('foreign: another asOf', agenciesAfter(', filter: { country: "AZ" }, asOf: "2019"'), (f) => f.agencyCursor),
  withCursor(
    'foreign: another list (memoranda)',
    'query($c: String) { memoranda(first: 1, after: $c, filter: { country: "AZ" }) { totalCount } }',
    (f) => f.agencyCursor,
  ),
  withCursor(
    'foreign: another search text',
    'query($c: String) { search(query: "xidmet", first: 1, after: $c) { totalCount } }',
    (f) => f.searchCursor,
  ),
  withCursor(
    'foreign: a search narrowed by type',
    'query($c: String) { search(query: "asan", types: [AGENCY], first: 1, after: $c) { totalCount } }',
    (f) => f.searchCursor,
  ),
  withCursor(
    "foreign: another country's partners",
    'query($c: String) { country(code: "AF") { partners(first: 1, after: $c) { totalCount } } }',
    (f) => f.partnersCursor,
  ),
  withCursor('foreign: partners on an agency list', agenciesAfter(''), (f) => f.partnersCursor),
  withCursor(
    'foreign: sources on conflicts',
    'query($c: String) { conflicts(first: 1, after: $c) { totalCount } }',
    (f) => f.sourcesCursor,
  ),
  withCursor(
    'foreign: agencies as before on sources',
    'query($c: String) { sources(last: 1, before: $c) { totalCount } }',
    (f) => f.agencyCursor,
    'before',
  ),
  httpCase('cursor: its own list, filter and order still pages', (f) => graphqlPost(agenciesAfter(), { c: f.agencyCursor }), answered()),
];

const bounds: BadInputCase[] = [
  graphqlCase('bounds: first -1', '{ agencies(first: -1) { totalCount } }', badArgument('first')),
  graphqlCase('bounds: first 101', '{ memoranda(first: 101) { totalCount } }', badArgument('first')),
  graphqlCase('bounds: last 101', '{ people(last: 101) { totalCount } }', badArgument('last')),
  graphqlCase('bounds: first and last together', '{ agencies(first: 2, last: 2) { totalCount } }', badArgument('last')),
  graphqlCase('bounds: search first 101', '{ search(query: "asan", first: 101) { totalCount } }', badArgument('first')),
  graphqlCase('bounds: conflicts first -5', '{ conflicts(first: -5) { totalCount } }', badArgument('first')),
  graphqlCase('bounds: sources last -1', '{ sources(last: -1) { totalCount } }', badArgument('last')),
  graphqlCase('bounds: network depth 0', '{ network(center: "agency:abad", depth: 0) { truncated } }', badArgument('depth')),
  graphqlCase('bounds: network depth 5', '{ network(center: "agency:abad", depth: 5) { truncated } }', badArgument('depth')),
  graphqlCase('bounds: network limit 0', '{ network(center: "agency:abad", limit: 0) { truncated } }', badArgument('limit')),
  graphqlCase('bounds: network limit 501', '{ network(center: "agency:abad", limit: 501) { truncated } }', badArgument('limit')),
  graphqlCase(
    'bounds: paths maxLength 0',
    '{ paths(from: "agency:abad", to: "country:AF", maxLength: 0) { length } }',
    badArgument('maxLength'),
  ),
  graphqlCase(
    'bounds: paths maxLength 7',
    '{ paths(from: "agency:abad", to: "country:AF", maxLength: 7) { length } }',
    badArgument('maxLength'),
  ),
  graphqlCase('bounds: paths first 0', '{ paths(from: "agency:abad", to: "country:AF", first: 0) { length } }', badArgument('first')),
  graphqlCase('bounds: paths first 11', '{ paths(from: "agency:abad", to: "country:AF", first: 11) { length } }', badArgument('first')),
  graphqlCase(
    'bounds: partners linksFirst 101',
    '{ country(code: "AZ") { partners(linksFirst: 101) { totalCount } } }',
    badArgument('linksFirst'),
  ),
  graphqlCase(
    'bounds: partners first -1',
    '{ entity(id: "agency:asan-xidmet") { ... on Agency { partners(first: -1) { totalCount } } } }',
    badArgument('first'),
  ),
];

const huge = 'x'.repeat(200_000);
const hugeStrings: BadInputCase[] = [
  graphqlCase('huge: a 200 KB search text', 'query($q: String!) { search(query: $q) { totalCount } }', badArgument('query'), { q: huge }),
  graphqlCase('huge: a search text of 201 characters', 'query($q: String!) { search(query: $q) { totalCount } }', badArgument('query'), {
    q: 'a'.repeat(201),
  }),
  graphqlCase('huge: a search text of 200 characters is searched', 'query($q: String!) { search(query: $q) { totalCount } }', answered(), {
    q: 'a'.repeat(200),
  }),
  graphqlCase(
    'huge: a 200 KB text filter matches nothing',
    `query($q: String) { agencies(filter: { text: $q }) ${totalCount} }`,
    answered((data) => expect(data.agencies).toEqual({ totalCount: 0 })),
    { q: huge },
  ),
  graphqlCase(
    'huge: a 200 KB id prefix matches nothing',
    `query($q: String) { events(filter: { idPrefix: $q }) ${totalCount} }`,
    answered((data) => expect(data.events).toEqual({ totalCount: 0 })),
    { q: huge },
  ),
  graphqlCase(
    'huge: a 200 KB node id is BAD_USER_INPUT (not of the form <type>:<slug>)',
    'query($q: ID!) { entity(id: $q) { id } }',
    badArgument('id'),
    { q: huge },
  ),
  graphqlCase('huge: a 200 KB network centre', 'query($q: ID!) { network(center: $q) { truncated } }', notFound('center'), { q: huge }),
  graphqlCase('huge: a 200 KB paths end', 'query($q: ID!) { paths(from: "agency:abad", to: $q) { length } }', notFound('to'), { q: huge }),
  graphqlCase('huge: a 200 KB timeline entity', 'query($q: ID!) { timeline(entity: $q) { totalCount } }', notFound('entity'), { q: huge }),
  graphqlCase('huge: a 200 KB unused variable', '{ __typename }', answered(), { unused: huge }),
  graphqlCase('huge: 10,000 kinds in one filter', `query($k: [String!]) { memoranda(filter: { kind: $k }) ${totalCount} }`, answered(), {
    k: Array.from({ length: 10_000 }, () => 'MOU'),
  }),
  graphqlCase(
    'huge: 10,000 entity types in a search',
    'query($t: [EntityType!]) { search(query: "asan", types: $t) { totalCount } }',
    answered(),
    { t: Array.from({ length: 10_000 }, () => 'AGENCY') },
  ),
];

export const valueCases: BadInputCase[] = [
  ...spread('date', badDates, datePlaces, refusedThere),
  ...spread('date', goodDates, datePlaces, answeredThere),
  ...spread('country', badCountries, countryPlaces, refusedThere),
  ...spread('country', goodCountries, countryPlaces, answeredThere),
  ...spread('kind', badKinds, kindPlaces, refusedThere),
  graphqlCase(
    "kind: a kind of the list's own type still filters",
    `query($v: [String!]) { memoranda(filter: { kind: $v }) ${totalCount} }`,
    answered(),
    { v: ['MOU'] },
  ),
  graphqlCase(
    'kind: any kind on a type that has none',
    `query($v: [String!]) { people(filter: { kind: $v }) ${totalCount} }`,
    badArgument('filter.kind[0]'),
    { v: ['OTHER'] },
  ),
  ...cursors,
  ...bounds,
  ...hugeStrings,
];
