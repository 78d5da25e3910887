/**
 * Validation rules graphql-js 16 lacks. Without them a `subscription` (an operation type this
 * schema does not define) passes validation and fails in execution as an internal error; with
 * them it is what it is, a request the schema cannot serve: 400, GRAPHQL_VALIDATION_FAILED.
 */
import { GraphQLError, type ValidationRule } from 'graphql';

/** An operation type the schema does not define is refused (graphql-js 17's KnownOperationTypesRule). */
export const knownOperationTypesRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    const schema = context.getSchema();
    const root =
      node.operation === 'query'
        ? schema.getQueryType()
        : node.operation === 'mutation'
          ? schema.getMutationType()
          : schema.getSubscriptionType();
    if (!root)
      context.reportError(
        new GraphQLError(`This API has no ${node.operation} operations: it answers queries and mutations.`, { nodes: node }),
      );
  },
});
