/**
 * The generated part of docs/reference/error-codes.md: one row per code of core/errors'
 * error-codes.ts and one per entry of its error table. tests/unit/error-table.test.ts checks the
 * page against it; `npx jiti tests/support/error-codes-doc.ts` rewrites the page's generated part.
 */
import fs from 'node:fs';
import path from 'node:path';
import { errorCodes, errorTable, type ErrorCodeSpec } from '../../src/core/errors';

export const errorCodesPage = path.join(__dirname, '../../docs/reference/error-codes.md');
export const generatedStart = '<!-- generated from src/core/errors by tests/support/error-codes-doc.ts: do not edit by hand -->';
export const generatedEnd = '<!-- end of generated part -->';

const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;

function codesTable(): string[] {
  const lines = [
    row(['Code', 'HTTP status', 'Retry-After', 'Extensions', 'When', 'What the client should do']),
    row(['---', '---', '---', '---', '---', '---']),
  ];
  for (const [code, spec] of Object.entries(errorCodes) as [string, ErrorCodeSpec][]) {
    const retry = spec.retryAfterSeconds === undefined ? '—' : `${spec.retryAfterSeconds} s`;
    lines.push(row([`\`${code}\``, String(spec.status), retry, spec.extensions, spec.when, spec.action]));
  }
  return lines;
}

function classesTable(): string[] {
  const lines = [row(['Error class', 'Which', 'Code']), row(['---', '---', '---'])];
  for (const entry of errorTable) {
    const code = entry.internal ? '`INTERNAL_SERVER_ERROR` (a command prints its message)' : `\`${entry.code}\``;
    lines.push(row([`\`${entry.type.name}\``, entry.variant ?? 'all', code]));
  }
  return lines;
}

/** The generated part, markers included. */
export function generatedPart(): string {
  return [
    generatedStart,
    '',
    '### Every code',
    '',
    ...codesTable(),
    '',
    '### Which error class gives which code',
    '',
    ...classesTable(),
    '',
    generatedEnd,
  ].join('\n');
}

/** The page's generated part as it stands, markers included; null when the markers are missing. */
export function generatedPartOnPage(page: string): string | null {
  const start = page.indexOf(generatedStart);
  const end = page.indexOf(generatedEnd);
  return start < 0 || end < start ? null : page.slice(start, end + generatedEnd.length);
}

// Run directly (jiti runs it as a module of its own, so require.main is not it): rewrite the page.
if (process.argv[1]?.endsWith('error-codes-doc.ts')) {
  const page = fs.readFileSync(errorCodesPage, 'utf8');
  const current = generatedPartOnPage(page);
  if (current === null) throw new Error(`${errorCodesPage} has no generated part (its markers are missing)`);
  fs.writeFileSync(errorCodesPage, page.replace(current, generatedPart()));
}
