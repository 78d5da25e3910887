/**
 * The JSON scalar: any JSON value, in and out, unchanged. Inline literals are read as JSON too
 * (objects, lists, strings, numbers, booleans, null), so a bundle can be written in the query.
 */
import { GraphQLScalarType, valueFromASTUntyped } from 'graphql';

export const jsonScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables ?? undefined),
});
