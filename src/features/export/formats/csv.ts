/**
 * CSV as RFC 4180 writes it: fields separated by commas, records ended by CRLF, a field quoted
 * (and its quotes doubled) when it holds a comma, a quote, a CR or an LF. The file starts with a
 * UTF-8 byte order mark, which is how Excel knows the file is UTF-8 (Cyrillic and Dari names
 * would otherwise open garbled).
 */
import type { FieldValue } from './fields';

export const byteOrderMark = '\uFEFF';
export const csvContentType = 'text/csv; charset=utf-8; header=present';

function csvField(value: FieldValue): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF included. */
export function csvRecord(values: readonly FieldValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
