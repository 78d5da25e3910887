/**
 * The dataset version has two parts. `counter` is the number of write transactions committed so
 * far (core/db/dataset-counter.ts): O(1) to read, raised in the same commit as every write, and
 * what the response cache keys on. The content version is what an export names so a published
 * figure can be traced to the data it was drawn from: `hash`, a hash of the graph's content
 * (entities, relations, sources, claims: repository.ts contentStatements), and `lastChange`, the
 * time of the newest write (the audit trail's newest change or the newest import of a source:
 * repository.ts lastRecordedChange).
 *
 * Hashing reads the whole graph, so it is done only when asked (an export, or a query selecting
 * DatasetVersion.hash, lastChange or label), once per counter, and cached: asking costs one index
 * seek while nothing was written. The counter is read again inside the hashing transaction, so
 * the hash is cached under the state it was computed from even when a write lands meanwhile. The
 * hash streams (constant memory) and is order-independent: each item's SHA-256 is added into a
 * 256-bit sum, so Neo4j never sorts the graph; the sum and the counts are hashed once more at the
 * end. Concurrent askers share one computation.
 */
import { createHash } from 'node:crypto';
import { counterOf, readDatasetCounter } from '../../core/db/dataset-counter';
import type { Database, StatementOptions } from '../../core/db/database';
import { silentLogger, type Logger } from '../../core/logger';
import { canonicalJson } from '../../core/model/canonical-json';
import { contentStatements, lastRecordedChange } from './export.repository';

export interface DatasetVersion {
  /** The first 16 hex digits (64 bits) of the SHA-256 over the graph's content. */
  hash: string;
  /** ISO 8601 UTC time of the newest write (audit trail or import); null when there is none. */
  lastChange: string | null;
}

/** The version as one string, as headers and files carry it: `<hash>@<lastChange>`, or the hash alone. */
export function versionLabel(version: DatasetVersion): string {
  return version.lastChange ? `${version.hash}@${version.lastChange}` : version.hash;
}

const modulus = 1n << 256n;

/** An order-independent hash of a stream of items: the sum of their SHA-256s modulo 2^256, and their count. */
export class ContentSum {
  private sum = 0n;
  count = 0;

  add(part: string, item: unknown): void {
    const digest = createHash('sha256').update(part).update('\0').update(canonicalJson(item)).digest('hex');
    this.sum = (this.sum + BigInt(`0x${digest}`)) % modulus;
    this.count++;
  }

  digest(): string {
    return createHash('sha256')
      .update(`coopgraph-dataset/1 ${this.count} ${this.sum.toString(16)}`)
      .digest('hex')
      .slice(0, 16);
  }
}

export interface DatasetVersionSource {
  /** The write counter now: one index seek. */
  counter(statement?: StatementOptions): Promise<number>;
  /** The content version of the graph as it is now; `statement` bounds the wait (a request's signal and deadline), not a computation others share. */
  current(statement?: StatementOptions): Promise<DatasetVersion>;
}

/** What Query.datasetVersion answers: the counter read at once, the content version only when a field asks for it. */
export interface DatasetVersionAnswer {
  counter: number;
  content(): Promise<DatasetVersion>;
}

export class DatasetVersions implements DatasetVersionSource {
  private cached: { counter: number; version: DatasetVersion } | null = null;
  private running: { asked: number; version: Promise<DatasetVersion> } | null = null;

  /**
   * `db` should carry a transaction timeout long enough to read the whole graph (EXPORT_TIMEOUT_MS);
   * `log` hears how far a hashing is every 10 s, and when it is done (default silent).
   */
  constructor(
    private readonly db: Database,
    private readonly log: Logger = silentLogger,
  ) {}

  async counter(statement: StatementOptions = {}): Promise<number> {
    return counterOf(await this.db.read(readDatasetCounter, {}, statement));
  }

  async current(statement: StatementOptions = {}): Promise<DatasetVersion> {
    const counter = await this.counter(statement);
    if (this.cached?.counter === counter) return this.cached.version;
    // A hashing started at an older counter reads a state this asker must not be given.
    if (this.running === null || this.running.asked < counter) {
      const running = { asked: counter, version: this.compute() };
      this.running = running;
      running.version.then(
        () => {
          if (this.running === running) this.running = null;
        },
        () => {
          if (this.running === running) this.running = null;
        },
      );
    }
    return waitFor(this.running.version, statement.signal);
  }

  private async compute(): Promise<DatasetVersion> {
    const started = Date.now();
    const sum = new ContentSum();
    const progress = setInterval(
      () =>
        this.log.info(`dataset version: ${sum.count.toLocaleString('en')} items hashed in ${((Date.now() - started) / 1000).toFixed(0)} s`),
      10_000,
    );
    try {
      const version = await this.db.streamRead(async (tx) => {
        const counter = counterOf(await tx.read(readDatasetCounter));
        for (const { part, cypher } of contentStatements) for await (const row of tx.stream(cypher)) sum.add(part, row.item);
        const hashed = { hash: sum.digest(), lastChange: await lastRecordedChange(tx) };
        // A slower hashing of an older state must not replace a newer one.
        if (this.cached === null || this.cached.counter <= counter) this.cached = { counter, version: hashed };
        return hashed;
      });
      this.log.info(
        `dataset version ${versionLabel(version)}: ${sum.count.toLocaleString('en')} items hashed in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      return version;
    } finally {
      clearInterval(progress);
    }
  }
}

/** `work`, or the signal's reason once it is aborted (the work goes on for whoever else waits). */
function waitFor<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
