/** The import command's own parts: the progress line, folder expansion and the per-type summary. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expandInputs, formatTotals } from '../../src/app/import';
import { ProgressLine, progressText } from '../../src/app/progress';

/** A stream stand-in that keeps what was written. */
function recorder(): { stream: NodeJS.WriteStream; written: string[] } {
  const written: string[] = [];
  return { stream: { write: (text: string) => written.push(text) > 0, isTTY: false } as unknown as NodeJS.WriteStream, written };
}

test('a progress text: bar, percent, count and rate', () => {
  expect(progressText('entities', 40_000, 100_000, 5_000)).toBe('entities [##########--------------]  40% 40,000/100,000, 8,000/s');
  expect(progressText('claims', 0, 0, 0)).toBe('claims [########################] 100% 0/0');
});

test('plain lines: at most one per interval, and always the finished one', () => {
  let now = 0;
  const { stream, written } = recorder();
  const line = new ProgressLine({ stream, inPlace: false, everyMs: 5000, now: () => now });
  line.update('rows', 1, 10);
  now = 1000;
  line.update('rows', 2, 10);
  now = 6000;
  line.update('rows', 5, 10);
  now = 6500;
  line.update('rows', 10, 10);
  expect(written.map((text) => text.split(' [')[0] + ' ' + text.split('] ')[1]!.split(',')[0]!.trim())).toEqual([
    'rows 10% 1/10',
    'rows 50% 5/10',
    'rows 100% 10/10',
  ]);
});

test('in place: every update redraws the one line, the finished one ends it; close ends a line left open', () => {
  const { stream, written } = recorder();
  const line = new ProgressLine({ stream, inPlace: true, now: () => 0 });
  line.update('rows', 1, 2);
  line.update('rows', 2, 2);
  expect(written.every((text) => text.startsWith('\r'))).toBe(true);
  expect(written.map((text) => text.endsWith('\n'))).toEqual([false, true]);
  line.close();
  expect(written).toHaveLength(2);
  line.update('other', 1, 3);
  line.close();
  expect(written[written.length - 1]).toBe('\n');
});

test('a folder gives its bundles and tables in name order, not curation files or others; a missing path is named', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coopgraph-expand-'));
  for (const name of ['b.json', 'a.tsv', 'a.curation.json', 'c.CSV', 'readme.md']) fs.writeFileSync(path.join(dir, name), '');
  const missing = path.join(dir, 'gone.json');
  expect(expandInputs([dir, missing])).toEqual({
    files: ['a.tsv', 'b.json', 'c.CSV'].map((name) => path.join(dir, name)),
    missing: [missing],
  });
});

test('the summary adds up every file per type, unsure names under their type', () => {
  const changes = (created: number) => ({
    source: 'CREATED' as const,
    entities: [{ type: 'Agency', created, updated: 1, unchanged: 0 }],
    relations: [{ type: 'PARTY_TO', created, updated: 0, unchanged: 2 }],
  });
  const text = formatTotals([
    { text: '', changes: [changes(2), changes(3)], unsureIds: [] },
    { text: '', changes: [], unsureIds: ['agency:maybe', 'person:perhaps'] },
  ]);
  expect(text.split('\n')).toEqual([
    '  entities                  created    updated  unchanged     unsure',
    '  Agency                          5          2          0          1',
    '  Person                          0          0          0          1',
    '  relations                 created    updated  unchanged     unsure',
    '  PARTY_TO                        5          0          4          0',
    '',
  ]);
});
