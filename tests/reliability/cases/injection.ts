/**
 * Cypher and Lucene injection in every String, ID and JSON argument of the schema (see
 * schema-arguments.ts). Every value goes through a variable, so the server receives exactly
 * these bytes. Whatever the string, the graph must not change (the suite compares fingerprints),
 * nothing internal may leak, and the answer must be the one the argument's meaning gives: free
 * text is searched for literally (200, data), an id names nothing (null or NOT_FOUND), a date,
 * cursor, country code, kind or language is refused as BAD_USER_INPUT naming the argument.
 *
 * The short form sends each argument three payloads, rotating through the list so that every
 * payload is sent somewhere; RELIABILITY_FULL=1 sends every payload to every argument.
 */
import { answered, badArgument, graphqlCase, notFound, refused, type BadInputCase, type Expected } from './case';
import { acceptedValues, stringArguments, type StringArgument } from './schema-arguments';

interface Payload {
  label: string;
  /** The string, or a function of a value the argument accepts (to slip past a prefix check). */
  value: string | ((valid: string) => string);
  /**
   * Only punctuation: as literal text it names nothing, so a search or text filter finds
   * nothing. Had it been read as Lucene or Cypher syntax, it would have matched everything.
   */
  matchesNothing?: boolean;
}

const cypherPayloads: Payload[] = [
  { label: 'quote OR 1=1', value: "' OR 1=1 //" },
  { label: 'double quote OR true', value: '" OR true RETURN 1 //' },
  { label: 'close pattern and DETACH DELETE', value: "'}) MATCH (n) DETACH DELETE n //" },
  { label: 'SET a property on every node', value: "x') WITH 1 AS x MATCH (n) SET n.pwned = true //" },
  { label: 'escaped quote and UNION', value: '\\u0027 UNION MATCH (n) RETURN n //' },
  { label: 'backtick and CREATE', value: '`) CREATE (:Pwned {at: timestamp()}) //' },
  { label: 'parameter name', value: '$id' },
  { label: 'map literal', value: "{id: 'agency:asan-xidmet'}" },
  { label: 'CALL a procedure', value: "'; CALL db.labels() YIELD label RETURN label //" },
  { label: 'expression concatenation', value: "' + toString(1/0) + '" },
  { label: 'LOAD CSV', value: "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l" },
  { label: 'valid value then OR', value: (valid) => `${valid}' OR '1'='1` },
];

const lucenePayloads: Payload[] = [
  { label: 'Lucene match all', value: '*:*', matchesNothing: true },
  { label: 'Lucene wildcard', value: '*', matchesNothing: true },
  { label: 'Lucene single-character wildcards', value: '?????', matchesNothing: true },
  { label: 'Lucene regex', value: '/.*/', matchesNothing: true },
  { label: 'Lucene field query', value: 'name:* OR id:*' },
  { label: 'Lucene fuzzy and boost', value: 'asan~ xidmet~2 kabul^100' },
  { label: 'Lucene range', value: '[a TO z]' },
  { label: 'Lucene open phrase', value: '"unterminated' },
  { label: 'Lucene open groups', value: '(((((', matchesNothing: true },
  { label: 'Lucene trailing backslash', value: '\\', matchesNothing: true },
  { label: 'Lucene every operator', value: '&& || ! + - ( ) { } [ ] ^ " ~ * ? : \\ /', matchesNothing: true },
  { label: 'Lucene boolean operators', value: 'asan AND NOT xidmet OR (+kabul -baku)' },
];

export const payloads: readonly Payload[] = [...cypherPayloads, ...lucenePayloads];

function expectedFor(argument: StringArgument, payload: Payload): Expected {
  switch (argument.outcome) {
    case 'bad argument':
      return badArgument(argument.argumentPath);
    case 'not found':
      return notFound(argument.argumentPath);
    case 'null':
      return answered((data) => expect(data[argument.rootField]).toBeNull());
    case 'unauthenticated':
      // The corpus sends no token: a mutation (or an editor's query) is refused before any of its arguments is read.
      return refused(401, 'UNAUTHENTICATED');
    case 'answered':
      return payload.matchesNothing && argument.counted
        ? answered((data) => expect(data[argument.rootField]).toMatchObject({ totalCount: 0 }))
        : answered();
  }
}

function injectionCase(argument: StringArgument, payload: Payload): BadInputCase {
  const value = typeof payload.value === 'string' ? payload.value : payload.value(acceptedValues[argument.role]);
  return graphqlCase(`injection: ${payload.label} in ${argument.label}`, argument.query, expectedFor(argument, payload), {
    v: argument.wrap(value),
  });
}

/** Each argument's payloads: all of them, or three rotating ones (one Cypher, one Lucene, one more). */
function payloadsFor(index: number, full: boolean): Payload[] {
  if (full) return [...payloads];
  const pick = (list: readonly Payload[], offset: number) => list[(index + offset) % list.length]!;
  return [pick(cypherPayloads, 0), pick(lucenePayloads, 0), pick(payloads, 7 * index + 3)].filter(
    (payload, i, all) => all.indexOf(payload) === i,
  );
}

export function injectionCases(full: boolean): BadInputCase[] {
  return stringArguments().flatMap((argument, index) => payloadsFor(index, full).map((payload) => injectionCase(argument, payload)));
}
