/**
 * Where an export writes: the HTTP response, in chunks of about 64 KiB, honouring backpressure.
 * When the socket's buffer is full (`write` returns false) the next write waits for 'drain', so a
 * slow client slows the read from Neo4j down instead of piling the export up in memory; a client
 * that leaves ends the wait (the export's signal is aborted and its transaction ended), and so
 * does the export's deadline: Neo4j ends a transaction past its timeout, but the export only
 * hears of it at its next read, which a client that stopped reading would hold off for ever.
 * A client that reads nothing for EXPORT_STALL_MS loses its export sooner: its socket is
 * destroyed and the wait rejects, which ends the read transaction and frees the export's slot.
 */
import type { Writable } from 'node:stream';

/** The export ran past its deadline (EXPORT_TIMEOUT_MS) while waiting for its client. */
export class ExportDeadlineError extends Error {
  override name = 'ExportDeadlineError';
  constructor(timeoutMs: number) {
    super(`the export ran longer than its ${timeoutMs} ms (EXPORT_TIMEOUT_MS) while its client was not reading`);
  }
}

/** The client read nothing for EXPORT_STALL_MS: its export was cut off (its socket destroyed). */
export class ExportStalledError extends Error {
  override name = 'ExportStalledError';
  constructor(readonly stallMs: number) {
    super(`the client read nothing for ${stallMs} ms (EXPORT_STALL_MS); its export was cut off`);
  }
}

/** Text collected before it is handed to the socket: few large writes, not one per row. */
const chunkBytes = 64 * 1024;

export class ResponseSink {
  private pending: string[] = [];
  private pendingLength = 0;
  /** Bytes handed to the response so far (UTF-8). */
  bytes = 0;

  private readonly deadlineAt: number;

  /** `timeoutMs`: how long the whole export may take, waits for the client included; `stallMs`: how long one wait for the client may take. */
  constructor(
    private readonly out: Writable,
    private readonly signal: AbortSignal,
    private readonly timeoutMs: number,
    private readonly stallMs = Infinity,
  ) {
    this.deadlineAt = Date.now() + timeoutMs;
  }

  /** Adds text; flushes when a chunk is full, waiting for the client when it is behind. */
  async write(text: string): Promise<void> {
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= chunkBytes) await this.flush();
  }

  /** Hands everything collected to the response, then waits until the response can take more. */
  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const chunk = Buffer.from(this.pending.join(''), 'utf8');
    this.pending = [];
    this.pendingLength = 0;
    this.bytes += chunk.length;
    this.signal.throwIfAborted();
    if (!this.out.write(chunk)) await this.drained();
  }

  /** Resolves on 'drain'; rejects when the client left first, the deadline passed, or the client stalled (its socket is destroyed). */
  private drained(): Promise<void> {
    return new Promise((resolve, reject) => {
      const deadline = setTimeout(() => done(new ExportDeadlineError(this.timeoutMs)), Math.max(0, this.deadlineAt - Date.now()));
      const stall = Number.isFinite(this.stallMs) ? setTimeout(() => cutOff(), this.stallMs) : undefined;
      const cutOff = () => {
        const error = new ExportStalledError(this.stallMs);
        done(error);
        this.out.destroy();
      };
      const done = (error?: unknown) => {
        clearTimeout(deadline);
        clearTimeout(stall);
        this.out.off('drain', onDrain);
        this.out.off('close', onClose);
        this.signal.removeEventListener('abort', onAbort);
        if (error === undefined) resolve();
        else reject(error);
      };
      const onDrain = () => done();
      const onClose = () => done(this.signal.reason ?? new Error('the response closed before the export was sent'));
      const onAbort = () => done(this.signal.reason);
      this.out.on('drain', onDrain);
      this.out.on('close', onClose);
      this.signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
