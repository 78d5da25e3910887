/**
 * GraphQL stage 4, mutation deadline: a writer's mutation (an import) gets the mutation deadline
 * (mutationDeadlineMs) instead of the request deadline. Only a POST with a bearer token can be
 * one; the auth plugin still refuses it before anything runs unless its token may make it.
 */
import { Kind, parse, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import type { GraphQLExchange } from './exchange';
import type { Stage } from './pipeline';

export function extendMutationDeadline(limits: { maxTokens: number; mutationDeadlineMs: number }): Stage<GraphQLExchange> {
  return async (exchange, next) => {
    exchange.mutation =
      exchange.request.method === 'POST' && exchange.authorization.kind === 'bearer' && isMutation(exchange.body, limits.maxTokens);
    if (exchange.mutation) exchange.watch.extendTo(limits.mutationDeadlineMs);
    await next();
  };
}

/**
 * Whether a POST body asks for a mutation: the operation it names (or its only one) is one. A
 * query that does not parse is not (Apollo answers it); `maxTokens` bounds the parse as Apollo's.
 */
export function isMutation(body: unknown, maxTokens: number): boolean {
  const { query, operationName } = (body ?? {}) as { query?: unknown; operationName?: unknown };
  if (typeof query !== 'string') return false;
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens });
  } catch {
    return false;
  }
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  const chosen =
    typeof operationName === 'string'
      ? operations.find((operation) => operation.name?.value === operationName)
      : operations.length === 1
        ? operations[0]
        : undefined;
  return chosen?.operation === 'mutation';
}
