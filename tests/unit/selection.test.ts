/** selectsOnly reads a field's selection through fragments, so a resolver can skip unrequested work. */
import { parse, type FragmentDefinitionNode, type OperationDefinitionNode, type FieldNode } from 'graphql';
import { selectsOnly } from '../../src/core/graphql/selection';

/** The resolve info of the first field under the query root of `query`. */
function infoOf(query: string) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  const fragments = Object.fromEntries(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition')
      .map((fragment) => [fragment.name.value, fragment]),
  );
  return { fieldNodes: [operation.selectionSet.selections[0] as FieldNode], fragments };
}

test.each([
  ['{ to { id } }', true],
  ['{ to { id type __typename } }', true],
  ['{ to { ... on Agency { id } } }', true],
  ['{ to { ...Ref } } fragment Ref on Entity { id }', true],
  ['{ to { id name } }', false],
  ['{ to { ... on Agency { kind } } }', false],
  ['{ to { ...Ref } } fragment Ref on Entity { id citations { quote } }', false],
])('%s selects only id and type: %s', (query, expected) => {
  expect(selectsOnly(infoOf(query), ['id', 'type', '__typename'])).toBe(expected);
});

test('abuse: a fragment the document does not define is not "only id"', () => {
  expect(selectsOnly(infoOf('{ to { ...Missing } }'), ['id'])).toBe(false);
});
