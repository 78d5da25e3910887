/**
 * Where an export writes: the HTTP response, in chunks of about 64 KiB, honouring backpressure.
 * When the socket's buffer is full (`write` returns false) the next write waits for 'drain', so a
 * slow client slows the read from Neo4j down instead of piling the export up in memory; a client
 * that leaves ends the wait (the export's signal is aborted and its transaction ended).
 */
import type { Writable } from 'node:stream';

/** Text collected before it is handed to the socket: few large writes, not one per row. */
const chunkBytes = 64 * 1024;

export class ResponseSink {
  private pending: string[] = [];
  private pendingLength = 0;
  /** Bytes handed to the response so far (UTF-8). */
  bytes = 0;

  constructor(
    private readonly out: Writable,
    private readonly signal: AbortSignal,
  ) {}

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

  /** Resolves on 'drain'; rejects when the client left first. */
  private drained(): Promise<void> {
    return new Promise((resolve, reject) => {
      const done = (error?: unknown) => {
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
