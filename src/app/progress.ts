/**
 * A progress line for long command-line work (the import): on a terminal, one line redrawn in
 * place with a bar, the count and the rate; anywhere else (CI, a log file), a plain line at most
 * every `everyMs`, so a log shows the work moving without thousands of lines. Progress is the
 * command's own output to its user, like its summary: it is written whatever LOG_LEVEL says, and
 * never as a log line.
 */

export interface ProgressOptions {
  /** Where lines go. Default process.stderr, so stdout keeps only the summary. */
  stream: NodeJS.WriteStream;
  /** Redraw in place. Default: when the stream is a terminal. */
  inPlace: boolean;
  /** Least time between two plain lines. Default 5000 ms. */
  everyMs: number;
  /** The clock (tests pass their own). Default Date.now. */
  now: () => number;
}

const barWidth = 24;

export class ProgressLine {
  private readonly options: ProgressOptions;
  private started = 0;
  private printed = 0;
  private label = '';
  private drawn = false;

  constructor(options: Partial<ProgressOptions> = {}) {
    const stream = options.stream ?? process.stderr;
    this.options = {
      stream,
      inPlace: options.inPlace ?? stream.isTTY === true,
      everyMs: options.everyMs ?? 5000,
      now: options.now ?? Date.now,
    };
  }

  /** Reports `done` of `total` for `label` (a new label restarts the rate); the last report of a label is always shown. */
  update(label: string, done: number, total: number): void {
    const now = this.options.now();
    // A new label starts its rate and shows its first report at once.
    if (label !== this.label) [this.label, this.started, this.printed] = [label, now, -Infinity];
    const finished = done >= total;
    if (!this.options.inPlace && !finished && now - this.printed < this.options.everyMs) return;
    this.printed = now;
    const line = progressText(label, done, total, now - this.started);
    if (this.options.inPlace) {
      this.options.stream.write(`\r${line}\u001b[K${finished ? '\n' : ''}`);
      this.drawn = !finished;
    } else this.options.stream.write(`${line}\n`);
  }

  /** Ends a line left open in place (an error midway), so what follows starts on its own line. */
  close(): void {
    if (this.drawn) this.options.stream.write('\n');
    this.drawn = false;
  }
}

/** "entities [#########---------------]  40% 40,000/100,000, 8,000/s" */
export function progressText(label: string, done: number, total: number, elapsedMs: number): string {
  const share = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.round(share * barWidth);
  const rate = elapsedMs > 0 ? `, ${Math.round((done * 1000) / elapsedMs).toLocaleString('en-US')}/s` : '';
  const percent = `${Math.floor(share * 100)}%`.padStart(4);
  return `${label} [${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}] ${percent} ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}${rate}`;
}
