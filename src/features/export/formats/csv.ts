/**
 * CSV as RFC 4180 writes it (fields separated by commas, records ended by CRLF, quotes doubled),
 * made safe to open in a spreadsheet as OWASP's CSV injection guidance asks:
 *
 * - every field is quoted, so a comma, a semicolon or a line break inside a value can never
 *   start a new cell, whatever separator the spreadsheet guesses;
 * - a text that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a single quote
 *   in front (`'=HYPERLINK(...)`): Excel, LibreOffice and Google Sheets then show it as text and
 *   never run it as a formula. The quote is part of the value a CSV parser reads back; the
 *   reference page (docs/reference/export-formats.md) says so.
 *
 * A number (a quantity's value) is written as it is: "-3" is a number to a spreadsheet, never a
 * formula, and prefixing it would turn it into text. The file starts with a UTF-8 byte order
 * mark, which is how Excel knows the file is UTF-8 (Cyrillic and Dari names would otherwise open
 * garbled).
 */
import type { FieldValue } from './fields';

export const byteOrderMark = '\uFEFF';
export const csvContentType = 'text/csv; charset=utf-8; header=present';

/** What a spreadsheet reads as the start of a formula (OWASP: =, +, -, @, tab, carriage return). */
const formulaStart = /^[=+\-@\t\r]/;

/** The text of a cell, a formula-like text neutralised with a leading single quote. */
export function safeCellText(value: FieldValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = String(value);
  return formulaStart.test(text) ? `'${text}` : text;
}

function csvField(value: FieldValue): string {
  return `"${safeCellText(value).replace(/"/g, '""')}"`;
}

/** One record, every field quoted and neutralised, CRLF included. */
export function csvRecord(values: readonly FieldValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
