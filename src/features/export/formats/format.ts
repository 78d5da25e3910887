/** What every export format is: a file name, a content type and a writer that streams it. */
import type { DatasetVersion } from '../version';
import type { ExportRepository } from '../export.repository';
import type { ResponseSink } from '../sink';

export interface ExportFormat<Selection> {
  /** The file under /export/, e.g. graph.graphml. */
  file: string;
  contentType: string;
  /** Streams the export: reads through `read` (one transaction) and writes to `out`. */
  write(out: ResponseSink, read: ExportRepository, selection: Selection, version: DatasetVersion): Promise<void>;
}
