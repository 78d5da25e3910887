/**
 * Logs each operation's name, who sent it (the verified subject, plugins/auth) and its duration
 * at debug level, so LOG_LEVEL=debug shows the traffic: one JSON line a request, with its id
 * (plugins/request-id).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../../../core/graphql/context';
import type { Logger } from '../../../core/logger';
import { requestLog } from '../request-id';

export function loggingPlugin(log: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse(request) {
          const errors = request.errors?.length ?? 0;
          // Who asked, by the subject the auth plugin verified (never the token): null when anonymous.
          const subject = contextValue.viewer?.subject ?? null;
          requestLog(log, contextValue.requestId).debug('graphql', {
            operation: request.operationName ?? '(anonymous)',
            subject,
            ms: Number((performance.now() - started).toFixed(1)),
            errors,
          });
        },
      };
    },
  };
}
