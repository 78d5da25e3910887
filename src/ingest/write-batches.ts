/** Rows are written a slice at a time, so no statement or parameter map holds a whole large bundle. */

/** How far the write of one bundle has come: rows of each kind written so far, of how many. */
export interface WriteProgress {
  file: string;
  phase: 'entities' | 'relations' | 'claims';
  done: number;
  total: number;
}

export const defaultBatchSize = 2000;

/** Runs `write` on consecutive slices of `rows`, reporting how many are done after each. */
export async function inBatches<T>(
  rows: readonly T[],
  size: number,
  write: (batch: T[]) => Promise<unknown>,
  done?: (count: number) => void,
): Promise<void> {
  for (let at = 0; at < rows.length; at += size) {
    await write(rows.slice(at, at + size));
    done?.(Math.min(at + size, rows.length));
  }
}

/** How a write is sliced (WriteOptions' batchSize and onProgress). */
export interface BatchOptions {
  batchSize?: number;
  onProgress?: (progress: WriteProgress) => void;
}

/** The batching one bundle's write uses: the slice size, and a progress report per phase. */
export interface Batching {
  size: number;
  report: (phase: WriteProgress['phase'], total: number) => ((done: number) => void) | undefined;
}

export function batchingOf(file: string, options: BatchOptions): Batching {
  const { onProgress } = options;
  return {
    size: options.batchSize ?? defaultBatchSize,
    report: (phase, total) => (onProgress ? (done) => onProgress({ file, phase, done, total }) : undefined),
  };
}

/** Slices [from, to) of `total` rows, `size` at a time. */
export function* slices(total: number, size: number): Generator<[number, number]> {
  for (let from = 0; from < total; from += size) yield [from, Math.min(from + size, total)];
}
