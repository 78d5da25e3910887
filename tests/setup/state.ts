/** Shared between jest's global setup and teardown, which run in the same process. */
import type { EmbeddedNeo4j } from '../../src/core/db/embedded';

export const testState: { embedded: EmbeddedNeo4j | null } = { embedded: null };
