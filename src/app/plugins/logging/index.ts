/**
 * Logs each operation's name, who sent it (the verified subject, plugins/auth) and its duration
 * at debug level, so LOG_LEVEL=debug shows the traffic: one line a request, through the
 * request's own logger (its context's `log`), so it carries the request's id.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../../../core/graphql/context';
import type { Logger } from '../../../core/logger';

/** `log` is for in-process operations (the warm-up), which have no request logger: their lines say requestId null. */
export function loggingPlugin(log: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      const requestLog = contextValue.log ?? log.child({ requestId: contextValue.requestId ?? null });
      return {
        async willSendResponse(request) {
          const errors = request.errors?.length ?? 0;
          // Who asked, by the subject the auth plugin verified (never the token): null when anonymous.
          const subject = contextValue.viewer?.subject ?? null;
          const ms = Number((performance.now() - started).toFixed(1));
          requestLog.debug({ operation: request.operationName ?? '(anonymous)', subject, ms, errors }, 'graphql');
        },
      };
    },
  };
}
