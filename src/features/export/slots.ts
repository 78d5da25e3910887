/**
 * The exports' slots: EXPORTS_IN_FLIGHT stream at once, and one client (a verified token's
 * subject, else its IP address) holds one at most. An export that finds no slot waits in a short
 * queue (EXPORT_QUEUE_SIZE, EXPORT_QUEUE_WAIT_MS; core/http/admission-queue.ts), so a burst is
 * served in turn instead of bounced. A client's second export waits for its first to end rather
 * than being refused at once: a script that downloads two files in a row, overlapping by a
 * moment, is served; one that opens many at once has them refused after the wait, and cannot take
 * every slot meanwhile. Only a full queue or a wait run out is refused: 503 SERVICE_OVERLOADED
 * with Retry-After.
 */
import type http from 'node:http';
import { AdmissionQueue } from '../../core/http/admission-queue';
import { HttpRefusal } from '../../core/http/refusal';
import { exportRetryAfterSeconds, exportsPerClient, type ExportOptions } from './options';

export class ExportSlots {
  private readonly queue: AdmissionQueue;

  constructor(options: Required<ExportOptions>) {
    this.queue = new AdmissionQueue({
      limit: options.maxInFlight,
      queueSize: options.queueSize,
      queueWaitMs: options.queueWaitMs,
      perKey: exportsPerClient,
    });
  }

  /** Exports streaming now. */
  get inFlight(): number {
    return this.queue.inFlight;
  }

  /** Exports waiting for a slot now. */
  get queued(): number {
    return this.queue.queued;
  }

  /**
   * A slot for `client`, as the function that gives it back; throws the 503 refusal when the
   * queue is full or the wait ran out, and the signal's reason when the client left while waiting.
   */
  async take(client: string, signal: AbortSignal): Promise<() => void> {
    const outcome = await this.queue.enter({ key: client, signal });
    if (outcome.admitted) return outcome.leave;
    const { limit, options } = this.queue;
    const ownExport = this.queue.heldBy(client) >= exportsPerClient;
    const why = ownExport
      ? `this client's other export is still streaming (one at a time: maxExportsPerClient)`
      : `${limit} exports are streaming already (EXPORTS_IN_FLIGHT)`;
    const waited =
      outcome.reason === 'queueFull' ? `and ${options.queueSize} more are waiting` : `and waiting ${options.queueWaitMs} ms freed none`;
    throw new HttpRefusal(
      503,
      'SERVICE_OVERLOADED',
      `${why} ${waited}; retry in ${exportRetryAfterSeconds} s.`,
      ownExport ? { limit: 'maxExportsPerClient', maximum: exportsPerClient } : { limit: 'maxExportsInFlight', maximum: limit },
      { 'retry-after': String(exportRetryAfterSeconds) },
    );
  }
}

/** Who an export counts against: the verified token's subject, else the client's IP address. */
export function exportClient(request: http.IncomingMessage, subject: string | null): string {
  return subject !== null ? `token:${subject}` : `ip:${request.socket.remoteAddress ?? 'unknown'}`;
}
