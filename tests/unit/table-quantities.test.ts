/** The quantity column: every figure with its qualifier, figures inside a unit split off, metrics derived or named by quantity_metric. */
import { TableValidationError, parseFactsTable } from '../../src/ingest/table/parse';
import { metricOf, parseQuantities } from '../../src/ingest/table/quantities';

describe('parseQuantities', () => {
  test('each figure keeps its qualifier; a figure stated plainly is EXACT; thousands separators are read', () => {
    expect(parseQuantities('MORE_THAN 30 services; EXACT 9 districts; 1,200 staff; ABOUT 2.5 hours')).toEqual([
      { qualifier: 'MORE_THAN', value: 30, unit: 'services', metric: null, text: 'MORE_THAN 30 services' },
      { qualifier: 'EXACT', value: 9, unit: 'districts', metric: null, text: 'EXACT 9 districts' },
      { qualifier: 'EXACT', value: 1200, unit: 'staff', metric: null, text: '1,200 staff' },
      { qualifier: 'ABOUT', value: 2.5, unit: 'hours', metric: null, text: 'ABOUT 2.5 hours' },
    ]);
  });

  test('a second qualified figure inside a unit is a quantity of its own; the word joining them is dropped', () => {
    expect(parseQuantities('MORE_THAN 500 delegates from MORE_THAN 190 countries')?.map((q) => [q.qualifier, q.value, q.unit])).toEqual([
      ['MORE_THAN', 500, 'delegates'],
      ['MORE_THAN', 190, 'countries'],
    ]);
    expect(parseQuantities('EXACT 12 agencies and EXACT 41 services')?.map((q) => q.text)).toEqual([
      'EXACT 12 agencies',
      'EXACT 41 services',
    ]);
    // An unqualified number inside a unit is part of its words, not a figure.
    expect(parseQuantities('EXACT 3 centres in 2 cities')).toEqual([
      { qualifier: 'EXACT', value: 3, unit: 'centres in 2 cities', metric: null, text: 'EXACT 3 centres in 2 cities' },
    ]);
  });

  test('abuse: no number, a qualifier alone, empty segments', () => {
    expect(parseQuantities('many services')).toBeNull();
    expect(parseQuantities('MORE_THAN services')).toBeNull();
    expect(parseQuantities('; ;')).toEqual([]);
    expect(parseQuantities('5 services;')).toHaveLength(1);
  });
});

describe('metricOf', () => {
  test('the unit up to a remark or a preposition, lower case; "count" without a unit', () => {
    expect(metricOf('public and private services (as described on the winner page)')).toBe('public and private services');
    expect(metricOf('Public Service Malls (MPP) in Indonesia')).toBe('public service malls');
    expect(metricOf('countries across Africa')).toBe('countries');
    expect(metricOf(null)).toBe('count');
    expect(metricOf('(as stated)')).toBe('count');
  });
});

describe('the quantity_metric column', () => {
  const header =
    'fact_id\tfact_type\tdate\tdate_precision\tsubject\tobject\tcountry_iso2\tplace\tquantity\tsource_url\tsource_title\tsource_publisher\tsource_published_date\tnotes\tquantity_metric';
  const row = (quantity: string, metrics: string) =>
    `F1\tMEETING\t2020\tYEAR\tSomeone\tMet\tAZ\t\t${quantity}\thttps://example.org/1\tT\tP\t\t\t${metrics}`;

  test("names each figure's metric in order; an empty entry keeps the derived one (null here, derived at import)", () => {
    const [parsed] = parseFactsTable(`${header}\n${row('EXACT 3 active provinces; 4 planned', ';Planned Provinces')}\n`, 't.tsv');
    expect(parsed!.quantities.map((q) => q.metric)).toEqual([null, 'planned provinces']);
  });

  test('a count that does not match the figures is refused with row and column', () => {
    let problems: { path: string; message: string }[] = [];
    try {
      parseFactsTable(`${header}\n${row('EXACT 3 provinces', 'provinces;districts')}\n`, 't.tsv');
    } catch (error) {
      if (!(error instanceof TableValidationError)) throw error;
      problems = error.problems;
    }
    expect(problems).toEqual([
      { path: 'row 2 (F1), column quantity_metric', message: expect.stringContaining('names 2 metric(s) for 1 quantity') },
    ]);
  });
});

describe('the source_title column', () => {
  const header =
    'fact_id\tfact_type\tdate\tdate_precision\tsubject\tobject\tcountry_iso2\tplace\tquantity\tsource_url\tsource_title\tsource_publisher\tsource_published_date\tnotes';
  const row = (title: string) => `F1\tMEETING\t2020\tYEAR\tSomeone\tMet\tAZ\t\t\thttps://example.org/1\t${title}\tP\t\t`;
  const problemsOf = (title: string): { path: string; message: string }[] => {
    try {
      parseFactsTable(`${header}\n${row(title)}\n`, 't.tsv');
      return [];
    } catch (error) {
      if (!(error instanceof TableValidationError)) throw error;
      return error.problems;
    }
  };

  test('may be empty (a title is supplied from the publisher and date), never a placeholder', () => {
    expect(problemsOf('')).toEqual([]);
    expect(problemsOf('Ethiopian prime minister visits ASAN Khidmet center')).toEqual([]);
    expect(problemsOf('(headline not in stored text)')).toEqual([
      { path: 'row 2 (F1), column source_title', message: expect.stringContaining('looks like a placeholder') },
    ]);
  });
});
