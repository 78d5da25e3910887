/** Which request bodies get the mutation deadline (REQUEST_MUTATION_DEADLINE_MS). */
import { isMutation } from '../../src/app/http/mutation-deadline';

test.each([
  ['the only operation is a mutation', { query: 'mutation { importBundle(bundle: {}) { dryRun } }' }, true],
  [
    'a named mutation among queries, chosen by operationName',
    { query: 'query A { viewer { role } } mutation B { importBundle(bundle: {}) { dryRun } }', operationName: 'B' },
    true,
  ],
  [
    'the query chosen by operationName',
    { query: 'query A { viewer { role } } mutation B { importBundle(bundle: {}) { dryRun } }', operationName: 'A' },
    false,
  ],
  [
    'two operations and no operationName (Apollo refuses it)',
    { query: 'query A { viewer { role } } mutation B { importBundle(bundle: {}) { dryRun } }' },
    false,
  ],
  ['a query', { query: '{ viewer { role } }' }, false],
  ['abuse: a query that does not parse', { query: 'mutation {' }, false],
  ['abuse: no query', { variables: {} }, false],
  ['abuse: a query that is not a string', { query: ['mutation { x }'] }, false],
  ['abuse: more tokens than a request may have', { query: `mutation { ${'a '.repeat(100)} }` }, false],
])('%s', (_, body, expected) => {
  expect(isMutation(body, 50)).toBe(expected);
});
