/**
 * Limits every request meets before anything runs: a request over one is refused after parsing
 * and validation, before execution, so it never reaches Neo4j. Each refusal is HTTP 400 with an
 * `extensions.code` naming the limit, the value found and the maximum. Every response carries
 * the request's computed cost in `extensions.cost`, refused or not, so a dashboard builder sees
 * what a query costs before it grows past the limit.
 *
 * Depth, aliases and directives are counted by graphql-armor's validation rules (run here, so
 * their refusals get our codes); tokens by graphql-js's own parser (`parseOptions.maxTokens`,
 * see tokenLimitError); the cost by ./cost.ts, with relation lists at their real fan-out
 * (./fan-out.ts), read from Neo4j at start, after mutations and every few minutes (imports run
 * by the CLI).
 */
import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  GraphQLError,
  Kind,
  validate,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
  type SelectionSetNode,
  type ValidationRule,
} from 'graphql';
import { FanOut, driverReader } from '../../../core/db/fan-out';
import type { Database } from '../../../core/db/database';
import { operationCost } from './cost';
import { fanOutListSize } from './fan-out';

export interface RequestLimits {
  /** LIMIT_MAX_DEPTH: deepest nesting of fields (fragments flattened). Default 15. */
  maxDepth: number;
  /** LIMIT_MAX_ALIASES: aliased fields in a document. Default 30. */
  maxAliases: number;
  /** LIMIT_MAX_DIRECTIVES: directives in a document. Default 50. */
  maxDirectives: number;
  /** LIMIT_MAX_ROOT_FIELDS: fields directly under query (each may start its own statements). Default 10. */
  maxRootFields: number;
  /** LIMIT_MAX_TOKENS: lexical tokens in a document; the parser stops counting there. Default 5000. */
  maxTokens: number;
  /** LIMIT_MAX_QUERY_BYTES: the query text's size in bytes. Default 20000. */
  maxQueryBytes: number;
  /** LIMIT_MAX_COST: the computed cost (see cost.ts). Default 1000000: a page of 50 agencies with partners, memoranda, parties and staff costs about 235000. */
  maxCost: number;
  /** LIMIT_ASSUMED_LIST_SIZE: what a list with no slicing argument is assumed to return. Default 10. */
  assumedListSize: number;
  // What a request may use while it runs (enforced by server.ts and core/db/request-runner.ts, not here):
  /** REQUEST_DEADLINE_MS: how long a request may take; then its Neo4j work is cancelled and it answers QUERY_TIMEOUT. Default 15000. */
  requestDeadlineMs: number;
  /** LIMIT_STATEMENTS_PER_REQUEST_CONCURRENCY: a request's Cypher statements running at once; the others wait their turn. Default 4. */
  maxStatementConcurrency: number;
  /** LIMIT_STATEMENTS_PER_REQUEST: Cypher statements one request may run in all (TOO_MANY_STATEMENTS past it; a write transaction is one, whatever it runs inside). Default 100. */
  maxStatements: number;
  /**
   * REQUEST_MUTATION_DEADLINE_MS: the deadline of a mutation sent with a bearer token, instead of
   * requestDeadlineMs. A bundle as large as IMPORT_MAX_BUNDLE_BYTES is written in one
   * transaction, in batches: seconds at best, minutes on a busy machine. Default 600000 (10 min,
   * as IMPORT_TIMEOUT_MS for the CLI).
   */
  mutationDeadlineMs: number;
  /** LIMIT_REQUESTS_IN_FLIGHT: GraphQL requests the server works on at once; one more is refused at once with 503 SERVICE_OVERLOADED. Default 32. */
  maxRequestsInFlight: number;
  /** LIMIT_RESPONSE_BYTES: the largest response body, in bytes; a larger answer is replaced by RESPONSE_TOO_LARGE. Default 5242880 (5 MiB). */
  maxResponseBytes: number;
}

export const defaultLimits: RequestLimits = {
  maxDepth: 15,
  maxAliases: 30,
  maxDirectives: 50,
  maxRootFields: 10,
  maxTokens: 5000,
  maxQueryBytes: 20000,
  maxCost: 1000000,
  assumedListSize: 10,
  requestDeadlineMs: 15000,
  maxStatementConcurrency: 4,
  maxStatements: 100,
  mutationDeadlineMs: 600000,
  maxRequestsInFlight: 32,
  maxResponseBytes: 5 * 1024 * 1024,
};

/**
 * Each request's computed cost, by its context (what resolvers receive), once its operation is
 * resolved: the response budget (plugins/response-size/budget.ts) builds the costliest answers
 * a few at a time.
 */
export const requestCosts = new WeakMap<object, number>();

/** The slice a connection or network returns when the client gives no size (features' defaults). */
const defaultSlice = { first: 20, last: 20, limit: 100 };

/** A request over a limit: HTTP 400 with the limit's code, the value found and the maximum. */
function limitError(code: string, limit: keyof RequestLimits, found: number, maximum: number, what: string): GraphQLError {
  return new GraphQLError(`${what}: ${found}, more than the ${maximum} allowed (${limit}).`, {
    extensions: { code, limit, found, maximum, http: { status: 400 } },
  });
}

/** graphql-armor reports what it found in its message ("... exceeded, found 16."). */
const foundIn = (message: string): number => Number(/found (\d+)/.exec(message)?.[1] ?? NaN);

/** The limits graphql-armor's rules count, in the order their refusals are reported. */
const armorChecks = [
  { rule: maxDepthRule, code: 'QUERY_TOO_DEEP', limit: 'maxDepth', what: 'Query depth' },
  { rule: maxAliasesRule, code: 'TOO_MANY_ALIASES', limit: 'maxAliases', what: 'Aliases' },
  { rule: maxDirectivesRule, code: 'TOO_MANY_DIRECTIVES', limit: 'maxDirectives', what: 'Directives' },
] as const;

/** Runs graphql-armor's depth, alias and directive rules in one pass; the first refusal becomes our error. */
function shapeError(context: GraphQLRequestContext<object>, limits: RequestLimits): GraphQLError | null {
  const refusals = armorChecks.map((): GraphQLError[] => []);
  const rules: ValidationRule[] = armorChecks.map((check, i) =>
    check.rule({
      n: limits[check.limit],
      exposeLimits: true,
      propagateOnRejection: false,
      onReject: [(_, error) => refusals[i]!.push(error)],
    }),
  );
  validate(context.schema, context.document!, rules);
  const refused = refusals.findIndex((errors) => errors.length > 0);
  if (refused < 0) return null;
  const check = armorChecks[refused]!;
  return limitError(check.code, check.limit, foundIn(refusals[refused]![0]!.message), limits[check.limit], check.what);
}

/** Directives written anywhere in the document. */
function directivesIn(document: DocumentNode): number {
  let count = 0;
  visit(document, { Directive: () => void count++ });
  return count;
}

/**
 * The response keys under `query`, through inline fragments and spreads (each fragment once, as
 * graphql-js collects them): what runs as root fields, however the document wraps them.
 */
function rootFieldKeys(
  set: SelectionSetNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  keys = new Set<string>(),
  expanded = new Set<string>(),
): Set<string> {
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) keys.add(selection.alias?.value ?? selection.name.value);
    else if (selection.kind === Kind.INLINE_FRAGMENT) rootFieldKeys(selection.selectionSet, fragments, keys, expanded);
    else if (!expanded.has(selection.name.value)) {
      expanded.add(selection.name.value);
      const fragment = fragments[selection.name.value];
      if (fragment) rootFieldKeys(fragment.selectionSet, fragments, keys, expanded);
    }
  }
  return keys;
}

/** How often the fan-out statistics are read again (an import run by the CLI changes them unseen). */
export const fanOutRefreshMs = 5 * 60 * 1000;
/** After a mutation, they are read again at most this often (a burst of writes reads them once). */
export const fanOutAfterWritesMs = 10 * 1000;
/** How long the start waits for the first statistics; past it, lists cost their assumed size until they arrive. */
const fanOutStartWaitMs = 5000;

/**
 * Reads the fan-out statistics at start, every fanOutRefreshMs, and after mutations (at most
 * once per fanOutAfterWritesMs); stops with the server.
 */
function fanOutLifecycle(fanOut: FanOut): Pick<ApolloServerPlugin<object>, 'serverWillStart'> & { afterWrite(): void } {
  let afterWrites: NodeJS.Timeout | null = null;
  let stopped = false;
  return {
    async serverWillStart() {
      let waited: NodeJS.Timeout | undefined;
      await Promise.race([fanOut.refresh(), new Promise((resolve) => (waited = setTimeout(resolve, fanOutStartWaitMs)))]);
      clearTimeout(waited);
      const every = setInterval(() => void fanOut.refresh(), fanOutRefreshMs);
      every.unref();
      return {
        async serverWillStop() {
          stopped = true;
          clearInterval(every);
          if (afterWrites) clearTimeout(afterWrites);
        },
      };
    },
    afterWrite() {
      if (afterWrites || stopped) return;
      afterWrites = setTimeout(() => {
        afterWrites = null;
        void fanOut.refresh();
      }, fanOutAfterWritesMs);
      afterWrites.unref();
    },
  };
}

/**
 * `db`: where the relation lists' fan-out is read (core/db/fan-out.ts); without it, every list
 * without a slicing argument costs `assumedListSize`.
 */
export function limitsPlugin(limits: RequestLimits = defaultLimits, db?: Database): ApolloServerPlugin<object> {
  const fanOut = db ? new FanOut(driverReader(db)) : null;
  const lifecycle = fanOut ? fanOutLifecycle(fanOut) : null;
  return {
    serverWillStart: lifecycle?.serverWillStart,
    async requestDidStart() {
      let cost: number | null = null;
      return {
        async didResolveOperation(context) {
          // No operation to run (two without an operationName, or an unknown name): Apollo
          // answers OPERATION_RESOLUTION_FAILURE itself, and nothing here would run.
          const operation = context.operation;
          if (!operation) return;
          const bytes = Buffer.byteLength(context.source ?? '', 'utf8');
          if (bytes > limits.maxQueryBytes)
            throw limitError('QUERY_TOO_LARGE', 'maxQueryBytes', bytes, limits.maxQueryBytes, 'Query size in bytes');
          const shape = shapeError(context, limits);
          if (shape) throw shape;
          // graphql-armor caches a fragment's directives and drops those on its spreads: every
          // directive written in the document is counted here as well.
          const directives = directivesIn(context.document!);
          if (directives > limits.maxDirectives)
            throw limitError('TOO_MANY_DIRECTIVES', 'maxDirectives', directives, limits.maxDirectives, 'Directives');
          const fragments = Object.fromEntries(
            context
              .document!.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
              .map((fragment) => [fragment.name.value, fragment]),
          );
          const rootFields = rootFieldKeys(operation.selectionSet, fragments).size;
          if (rootFields > limits.maxRootFields)
            throw limitError('TOO_MANY_ROOT_FIELDS', 'maxRootFields', rootFields, limits.maxRootFields, 'Root fields');
          const statistics = fanOut?.statistics;
          cost = operationCost(context.schema, operation, fragments, context.request.variables ?? {}, {
            assumedListSize: limits.assumedListSize,
            defaultSlice,
            listSize: statistics ? fanOutListSize(statistics) : undefined,
          });
          if (cost > limits.maxCost) throw limitError('COST_LIMIT_EXCEEDED', 'maxCost', cost, limits.maxCost, 'Query cost');
          requestCosts.set(context.contextValue, cost);
        },
        async willSendResponse({ response, operation }) {
          if (response.body.kind !== 'single') return;
          // A write may have added relations: the fan-out is read again soon (relations only grow the bound).
          if (operation?.operation === 'mutation' && response.body.singleResult.data) lifecycle?.afterWrite();
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, cost: { requested: cost, maximum: limits.maxCost } };
        },
      };
    },
  };
}

/** The error codes of the limits, which the error formatter passes through with their extensions. */
export const limitCodes = [
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'TOO_MANY_DIRECTIVES',
  'TOO_MANY_ROOT_FIELDS',
  'QUERY_TOO_LARGE',
  'COST_LIMIT_EXCEEDED',
  'TOO_MANY_TOKENS',
  // The response budget kept while fields resolve (plugins/response-size/budget.ts).
  'RESPONSE_TOO_LARGE',
];

/**
 * graphql-js stops parsing at `maxTokens` with a syntax error; this names it as the limit it is
 * (null for any other error). A parse that ran out of stack is named QUERY_TOO_DEEP.
 */
export function tokenLimitError(formatted: GraphQLFormattedError, limits: RequestLimits): GraphQLFormattedError | null {
  // The parser recurses once per nesting level: about 2,400 levels exhaust Node's stack before
  // the token limit stops it. That is a query too deep, said as such.
  if (formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' && formatted.message.includes('Maximum call stack size exceeded')) {
    return {
      message: `Query depth: nested too deeply to parse, far more than the ${limits.maxDepth} allowed (maxDepth).`,
      extensions: { code: 'QUERY_TOO_DEEP', limit: 'maxDepth', maximum: limits.maxDepth },
    };
  }
  // graphql-js 16 words it "more that N tokens".
  if (!/Document contains more (?:than|that) \d+ tokens/.test(formatted.message)) return null;
  return {
    message: `Tokens: more than the ${limits.maxTokens} allowed (maxTokens); parsing stopped there.`,
    extensions: { code: 'TOO_MANY_TOKENS', limit: 'maxTokens', maximum: limits.maxTokens },
  };
}
