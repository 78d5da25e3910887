/**
 * Writes racing each other on a few entities, through the real GraphQL API on the real Neo4j
 * (issue 23, deliver 4): merges, unmerges, updates, addRelation and retractRelation, chosen by a
 * seeded RNG and kept several in flight at once. Every answer must be data or CONFLICT /
 * NOT_FOUND, never an internal error; afterwards no relation touches a merged-away entity, each
 * entity's versions only grew, and the audit trail holds exactly the writes that committed.
 *
 * The short form runs 1,000 operations; RELIABILITY_FULL=1 runs 5,000. RACING_SEED=<n> replays a
 * run: the seed is printed at the start and in every failure message.
 */
import { startServer, type RunningServer } from '../../src/app/server';
import type { Database } from '../../src/core/db/database';
import { issueKey } from '../../src/app/plugins/auth/api-keys';
import { ApiKeyRepository } from '../../src/features/auth/auth.repository';
import type { Bundle } from '../../src/ingest/bundle';
import { writeBundle } from '../../src/ingest/writer';
import { testText } from '../support/bundles';
import { recordingLogger } from '../support/recording-logger';
import { graphql, openTestDatabase, uniqueSlug, type GraphQLResponse } from '../support/harness';
import { prng } from '../../bench/generate';

let db: Database;
let server: RunningServer;
/** What the server logs as errors: an internal error's stack, which the client never sees, goes into a failure's message. */
const log = recordingLogger('silent');
const serverErrors = log.lines;
beforeAll(async () => {
  db = await openTestDatabase();
  server = await startServer({ db, log }, { host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await server?.stop();
  await db?.close();
});

const full = process.env.RELIABILITY_FULL === '1';
const operationCount = full ? 5000 : 1000;
const inFlight = 8;
/** Merges shrink a pool that unmerges rarely restore (a later write to the kept entity refuses them): each round races on fresh entities. */
const roundLength = 100;
const poolSize = 6;
const seed = Number(process.env.RACING_SEED ?? Math.floor(Math.random() * 2 ** 31));
const expectedCodes = ['CONFLICT', 'NOT_FOUND'];

const slug = uniqueSlug('racing');
const quote = 'The Example Agency of Azerbaijan';
let editor: Record<string, string>;
let editorSubject: string;

beforeAll(async () => {
  const key = issueKey();
  await new ApiKeyRepository(db).create({ id: key.id, name: 'racing writes', role: 'editor', hash: key.hash });
  editor = { authorization: `Bearer ${key.token}` };
  editorSubject = `apikey:${key.id}`;
});

interface Pool {
  entityIds: string[];
  citation: { source: string; quote: string };
}

/** A round's entities: `poolSize` agencies of their own source, imported (not through the API, so not in the writer's trail). */
async function freshPool(round: string): Promise<Pool> {
  const prefix = `${slug}-${round}`;
  const entityIds = Array.from({ length: poolSize }, (_, i) => `agency:${prefix}-${i}`);
  const bundle: Bundle = {
    format: 'coopgraph-bundle/1',
    source: { id: `source:${prefix}`, title: `Racing ${prefix}`, publisher: 'coopgraph tests', language: 'en', url: null, text: testText },
    entities: entityIds.map((id, i) => ({ id, type: 'Agency', name: `Racing Agency ${prefix} ${i}`, quotes: [quote], attributes: {} })),
    relations: [],
  };
  await writeBundle(db, bundle, 'racing writes');
  return { entityIds, citation: { source: bundle.source.id, quote } };
}

const changeFields = 'change { id at }';
const entityFields = 'id version';
const mutations = {
  merge: `mutation($keep: ID!, $drop: ID!) { mergeEntities(keep: $keep, drop: $drop, reason: "race") { entity { ${entityFields} } ${changeFields} } }`,
  unmerge: `mutation($change: ID!) { unmerge(change: $change, reason: "race") { kept { ${entityFields} } restored { ${entityFields} } ${changeFields} } }`,
  update: `mutation($id: ID!, $input: EntityInput!, $citation: CitationInput!, $expectedVersion: Int) {
    updateEntity(id: $id, input: $input, citation: $citation, expectedVersion: $expectedVersion) { entity { ${entityFields} } ${changeFields} } }`,
  addRelation: `mutation($from: ID!, $to: ID!, $citation: CitationInput!) {
    addRelation(type: PART_OF, from: $from, to: $to, citation: $citation) { relation { id } ${changeFields} } }`,
  retract: `mutation($id: ID!) { retractRelation(id: $id, reason: "race") { ${changeFields} } }`,
};

interface Operation {
  kind: keyof typeof mutations;
  variables: Record<string, unknown>;
}

interface Committed {
  change: { id: string; at: string };
  /** Each entity the answer shows, with the version it has after this write. */
  versions: { id: string; version: number }[];
}

/** What the run saw: an operation's answer feeds later choices (merges to undo, relations to retract, versions to expect). */
class RaceState {
  merges: string[] = [];
  relations: string[] = [];
  pool: Pool = { entityIds: [], citation: { source: '', quote } };
  readonly entityIds: string[] = [];
  readonly versions = new Map<string, number>();
  readonly committed: Committed[] = [];
  readonly codes = new Map<string, number>();
  readonly unexpected: { operation: Operation; response: GraphQLResponse }[] = [];

  constructor(private readonly random: () => number) {}

  startRound(pool: Pool): void {
    this.pool = pool;
    this.entityIds.push(...pool.entityIds);
    this.merges = [];
    this.relations = [];
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  private pair(): [string, string] {
    const first = this.pick(this.pool.entityIds);
    const second = this.pick(this.pool.entityIds.filter((id) => id !== first));
    return [first, second];
  }

  next(n: number): Operation {
    const roll = this.random();
    const citation = this.pool.citation;
    if (roll < 0.08) {
      const [keep, drop] = this.pair();
      return { kind: 'merge', variables: { keep, drop } };
    }
    if (roll < 0.2 && this.merges.length > 0) {
      // The latest merges are the likeliest to be undoable: favour them.
      return { kind: 'unmerge', variables: { change: this.pick(this.merges.slice(-2)) } };
    }
    if (roll < 0.5) {
      const id = this.pick(this.pool.entityIds);
      const expectedVersion = this.random() < 0.5 ? (this.versions.get(id) ?? null) : null;
      const input = { agency: { description: `race ${seed} ${n}` } };
      return { kind: 'update', variables: { id, input, citation, expectedVersion } };
    }
    if (roll < 0.8 || this.relations.length === 0) {
      const [from, to] = this.pair();
      return { kind: 'addRelation', variables: { from, to, citation } };
    }
    return { kind: 'retract', variables: { id: this.pick(this.relations.slice(-4)) } };
  }

  record(operation: Operation, response: GraphQLResponse): void {
    if (response.status !== 200 || response.errors) {
      const code = response.errors?.[0]?.extensions?.code;
      const known = response.status === 200 && response.errors?.length === 1 && typeof code === 'string' && expectedCodes.includes(code);
      this.count(known ? `${operation.kind} ${code}` : `${operation.kind} unexpected`);
      if (!known) this.unexpected.push({ operation, response });
      return;
    }
    this.count(`${operation.kind} ok`);
    const answer = Object.values(response.data!)[0] as Record<string, { id?: string; version?: number } | null>;
    const change = answer.change as unknown as Committed['change'] | null;
    const shown = [answer.entity, answer.kept, answer.restored].filter((entity) => entity?.version !== undefined);
    for (const entity of shown) this.versions.set(entity!.id!, entity!.version!);
    if (operation.kind === 'merge') this.merges.push(change!.id);
    if (operation.kind === 'addRelation') this.relations.push(answer.relation!.id!);
    if (change) this.committed.push({ change, versions: shown.map((entity) => ({ id: entity!.id!, version: entity!.version! })) });
  }

  private count(key: string): void {
    this.codes.set(key, (this.codes.get(key) ?? 0) + 1);
  }
}

/** Runs `total` operations, `inFlight` at a time: each worker takes the next operation as soon as its last one is answered. */
async function race(state: RaceState, first: number, total: number): Promise<void> {
  let started = 0;
  const worker = async () => {
    while (started < total) {
      const operation = state.next(first + started++);
      state.record(operation, await graphql(server, mutations[operation.kind], operation.variables, editor));
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
}

/** For each entity, the versions its committed writes left, in commit order (the trail's time, then version within a millisecond). */
function versionHistories(committed: Committed[]): Map<string, { at: string; version: number }[]> {
  const histories = new Map<string, { at: string; version: number }[]>();
  for (const { change, versions } of committed)
    for (const { id, version } of versions) histories.set(id, [...(histories.get(id) ?? []), { at: change.at, version }]);
  for (const history of histories.values()) history.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.version - b.version));
  return histories;
}

test(`${operationCount} racing merges, unmerges, updates, addRelation and retractions end in data or CONFLICT/NOT_FOUND`, async () => {
  console.log(`racing writes: seed ${seed} (RACING_SEED=${seed} replays it), ${operationCount} operations, ${inFlight} in flight`);
  const state = new RaceState(prng(seed));
  let racing = 0;
  for (let round = 0; round * roundLength < operationCount; round++) {
    state.startRound(await freshPool(`r${round}`));
    const started = Date.now();
    await race(state, round * roundLength, Math.min(roundLength, operationCount - round * roundLength));
    racing += Date.now() - started;
  }
  const seconds = racing / 1000;
  const codes = Object.fromEntries([...state.codes.entries()].sort());
  console.log(
    `racing writes (seed ${seed}): ${operationCount} operations in ${seconds.toFixed(1)} s of racing: ${JSON.stringify(codes, null, 1)}`,
  );
  const context = `seed ${seed}`;

  // Zero internal errors: every answer is data or one of the expected codes.
  expect({ context, unexpected: state.unexpected.slice(0, 5), serverErrors: serverErrors.slice(0, 5) }).toEqual({
    context,
    unexpected: [],
    serverErrors: [],
  });

  // The audit trail holds exactly the writes that committed (each once), and nothing else of this writer.
  const trail = await db.read('MATCH (c:Change {by: $by}) RETURN c.id AS id ORDER BY id', { by: editorSubject });
  const answered = state.committed.map((write) => write.change.id).sort();
  expect({ context, trail: trail.map((row) => row.id) }).toEqual({ context, trail: answered });

  // No live relation touches an id that was merged away; every redirect leads to a live entity.
  const dangling = await db.read(
    `MATCH (r:Redirect) WHERE r.from IN $ids
     OPTIONAL MATCH (gone:Entity {id: r.from})
     OPTIONAL MATCH (target:Entity {id: r.to})
     WITH r WHERE gone IS NOT NULL OR target IS NULL
     RETURN r.from AS from, r.to AS to`,
    { ids: state.entityIds },
  );
  expect({ context, dangling }).toEqual({ context, dangling: [] });
  const claimsOfMissing = await db.read(
    `MATCH (c:Claim) WHERE c.subjectId IN $ids AND NOT EXISTS { MATCH (:Entity {id: c.subjectId}) } RETURN c.subjectId AS id`,
    { ids: state.entityIds },
  );
  expect({ context, claimsOfMissing }).toEqual({ context, claimsOfMissing: [] });

  // Versions only grow: in commit order, each write of an entity left a higher version than the last.
  const backwards = [...versionHistories(state.committed).entries()].flatMap(([id, history]) =>
    history.slice(1).flatMap((step, i) => (step.version > history[i]!.version ? [] : [{ id, from: history[i], to: step }])),
  );
  expect({ context, backwards }).toEqual({ context, backwards: [] });
  const live = await db.read('MATCH (n:Entity) WHERE n.id IN $ids RETURN n.id AS id, n.version AS version', { ids: state.entityIds });
  const highest = new Map<string, number>();
  for (const { versions } of state.committed)
    for (const { id, version } of versions) highest.set(id, Math.max(version, highest.get(id) ?? 0));
  const behind = live.filter((row) => (row.version as number) < (highest.get(row.id as string) ?? 0));
  expect({ context, behind }).toEqual({ context, behind: [] });

  // The run was a race, not a queue of refusals: writes of every kind committed.
  expect(['merge ok', 'update ok', 'addRelation ok', 'retract ok'].map((key) => [key, (state.codes.get(key) ?? 0) > 0])).toEqual(
    ['merge ok', 'update ok', 'addRelation ok', 'retract ok'].map((key) => [key, true]),
  );
}, 600_000);

/**
 * Polls `check` every 50 ms until it is true or 15 s passed. What it waits for announces itself
 * nowhere: a Neo4j transaction waiting on a lock (SHOW TRANSACTIONS).
 */
async function eventually(check: () => Promise<boolean>): Promise<boolean> {
  const until = Date.now() + 15_000;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('an unmerge that restores an id another write is creating at that moment answers CONFLICT and writes nothing', async () => {
  const {
    entityIds: [keep, drop],
  } = await freshPool('create');
  const merged = await graphql(server, mutations.merge, { keep, drop }, editor);
  expect(merged.errors).toBeUndefined();
  const change = merged.data.mergeEntities.change.id as string;
  // Another writer creates the dropped id and keeps its transaction open until the unmerge waits on the id.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let announce!: () => void;
  const created = new Promise<void>((resolve) => (announce = resolve));
  const creating = db.writeTransaction(async (tx) => {
    await tx.run("CREATE (n:Entity:Agency {id: $id, type: 'Agency', name: 'Created meanwhile', version: 1})", { id: drop });
    announce();
    await released;
  });
  await created;
  const unmerging = graphql(server, mutations.unmerge, { change }, editor);
  const waiting = await eventually(async () => {
    const rows = await db.read(
      `SHOW TRANSACTIONS YIELD currentQuery, status
       WHERE status STARTS WITH 'Blocked' AND currentQuery CONTAINS 'CREATE (n:Entity) SET n = $props' RETURN count(*) AS n`,
    );
    return (rows[0]!.n as number) > 0;
  });
  release();
  await creating;
  const answer = await unmerging;
  expect(waiting).toBe(true);
  expect(answer.errors?.map((error) => [error.extensions?.code, error.extensions?.argument])).toEqual([['CONFLICT', 'change']]);
  expect(answer.errors?.[0]?.message).toContain(`an entity "${drop}" was created while the unmerge ran`);
  // Nothing of the unmerge was written: the merge's redirect and the kept entity stand, the trail has no unmerge.
  const [state] = await db.read(
    `MATCH (r:Redirect {from: $drop}) MATCH (k:Entity {id: $keep})
     RETURN r.changeId AS redirect, k.version AS version, COUNT { MATCH (c:Change {action: 'UNMERGE_ENTITIES'}) WHERE $keep IN c.entityIds } AS unmerges`,
    { drop, keep },
  );
  expect(state).toEqual({ redirect: change, version: merged.data.mergeEntities.entity.version, unmerges: 0 });
}, 60_000);
