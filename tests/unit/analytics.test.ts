/** The analytics feature's pure parts: which dimensions a list takes, argument checks, bucket order and labels, series buckets. */
import { dimensionsArgument, interlockEntitiesArgument, seriesTypeArgument } from '../../src/features/analytics/arguments';
import { dimensionsOf } from '../../src/features/analytics/dimensions';
import { bucketLabel, orderBuckets, seriesBuckets } from '../../src/features/analytics/labels';
import { InvalidArgumentError } from '../../src/core/errors';
import { entitySpec, entityTypeNames } from '../../src/core/model/registry';

test('the dimensions a list takes follow from the registry: dates for dated types, kinds for types with kinds', () => {
  for (const type of entityTypeNames) {
    const spec = entitySpec(type);
    const dims = dimensionsOf(type);
    expect(dims.includes('YEAR')).toBe(spec.dated !== undefined);
    expect(dims.includes('MONTH')).toBe(spec.dated !== undefined);
    expect(dims.includes('KIND')).toBe((spec.kinds ?? []).length > 0);
    expect(dims).toEqual(expect.arrayContaining(['TYPE', 'COUNTRY', 'DISPUTED', 'SOURCE_PUBLISHER']));
  }
});

test('dimension arguments: unknown for the type, repeated, empty or too many are refused naming the argument', () => {
  expect(dimensionsArgument('by', ['COUNTRY', 'YEAR'], 'Memorandum', 2)).toEqual(['COUNTRY', 'YEAR']);
  const refusal = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      return { argument: (error as InvalidArgumentError).argument, message: (error as Error).message };
    }
    throw new Error('not refused');
  };
  expect(refusal(() => dimensionsArgument('by', ['YEAR'], 'Agency'))).toMatchObject({
    argument: 'by[0]',
    message: expect.stringContaining('one of TYPE, COUNTRY, KIND, DISPUTED, SOURCE_PUBLISHER'),
  });
  expect(refusal(() => dimensionsArgument('by', ['KIND', 'KIND'], 'Agency'))).toMatchObject({
    argument: 'by',
    message: expect.stringContaining('each dimension once'),
  });
  expect(refusal(() => dimensionsArgument('by', [], 'Agency'))).toMatchObject({ argument: 'by' });
  expect(refusal(() => dimensionsArgument('by', ['TYPE', 'KIND', 'COUNTRY'], 'Agency', 2))).toMatchObject({
    argument: 'by',
    message: expect.stringContaining('at most 2'),
  });
  expect(refusal(() => seriesTypeArgument('field', 'Person'))).toMatchObject({ argument: 'field' });
  expect(refusal(() => interlockEntitiesArgument('entities', ['a:x', 'a:x']))).toMatchObject({ argument: 'entities' });
  expect(interlockEntitiesArgument('entities', ['a:x', 'a:y', 'a:x'])).toEqual(['a:x', 'a:y']);
});

test('buckets: years in time order with the undated last, others most first; labels say year only and undated', () => {
  const years = orderBuckets('YEAR', [
    { key: 'undated', label: 'undated', count: 9 },
    { key: '2020', label: '2020', count: 1 },
    { key: '2016', label: '2016', count: 2 },
  ]);
  expect(years.map((b) => b.key)).toEqual(['2016', '2020', 'undated']);
  expect(years.map((b) => bucketLabel('YEAR', b))).toEqual(['2016', '2020', 'Undated']);
  const kinds = orderBuckets('KIND', [
    { key: 'AGREEMENT', label: 'AGREEMENT', count: 2 },
    { key: 'MOU', label: 'MOU', count: 5 },
    { key: 'DECLARATION', label: 'DECLARATION', count: 2 },
  ]);
  expect(kinds.map((b) => b.key)).toEqual(['MOU', 'AGREEMENT', 'DECLARATION']);
  expect(bucketLabel('MONTH', { key: '2019', label: '2019' })).toBe('2019 (year only)');
  expect(bucketLabel('MONTH', { key: '2019-06', label: '2019-06' })).toBe('June 2019');
  expect(orderBuckets('TYPE', [{ key: 'ServiceCenter', label: 'ServiceCenter', count: 1 }])).toEqual([
    { key: 'SERVICE_CENTER', label: 'ServiceCenter', count: 1 },
  ]);
});

test('series buckets: a year-only period before its months, the undated apart', () => {
  const series = seriesBuckets(
    [
      { period: '2019-06', count: 2 },
      { period: null, count: 4 },
      { period: '2019', count: 3 },
    ],
    'MONTH',
  );
  expect(series).toEqual({
    undated: 4,
    yearOnly: 3,
    buckets: [
      { period: '2019', precision: 'YEAR', year: 2019, month: null, label: '2019 (year only)', count: 3 },
      { period: '2019-06', precision: 'MONTH', year: 2019, month: 6, label: 'June 2019', count: 2 },
    ],
  });
  expect(seriesBuckets([{ period: '2019', count: 5 }], 'YEAR')).toEqual({
    undated: 0,
    yearOnly: 0,
    buckets: [{ period: '2019', precision: 'YEAR', year: 2019, month: null, label: '2019', count: 5 }],
  });
});
