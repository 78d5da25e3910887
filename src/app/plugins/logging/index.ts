/** Logs each operation's name and duration at debug level, so LOG_LEVEL=debug shows the traffic. */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '../../../core/logger';

export function loggingPlugin(log: Logger): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse(request) {
          const errors = request.errors?.length ?? 0;
          log.debug(`graphql ${request.operationName ?? '(anonymous)'} ${(performance.now() - started).toFixed(1)} ms${errors ? `, ${errors} error(s)` : ''}`);
        },
      };
    },
  };
}
