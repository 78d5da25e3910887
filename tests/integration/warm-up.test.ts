/** The warm-up at start plans every documented query shape on the seeded graph, and each of them still answers. */
import type { RunningServer } from '../../src/app/server';
import { warmUp, warmUpQueries } from '../../src/app/warm-up';
import type { Database } from '../../src/core/db/database';
import { silentLogger } from '../../src/core/logger';
import { recordQueries, useTestServer } from '../support/harness';

let db: Database;
let server: RunningServer;
useTestServer((opened) => ({ db, server } = opened));

test('plans every documented query shape, each answering without errors', async () => {
  const recorder = recordQueries(db);
  const result = await warmUp(server.apollo, db, silentLogger);
  recorder.stop();
  expect(result.failed).toEqual([]);
  expect(recorder.queries.length).toBeGreaterThanOrEqual(warmUpQueries.length);
});
