import { parsePartialDate, quantityText } from '../../src/core/model/values';

describe('partial dates keep their precision', () => {
  test.each([
    ['2016', { iso: '2016', precision: 'YEAR', year: 2016, month: null, day: null }],
    ['2019-06', { iso: '2019-06', precision: 'MONTH', year: 2019, month: 6, day: null }],
    ['2021-02-24', { iso: '2021-02-24', precision: 'DAY', year: 2021, month: 2, day: 24 }],
    ['2024-02-29', { iso: '2024-02-29', precision: 'DAY', year: 2024, month: 2, day: 29 }],
  ])('%s', (iso, expected) => expect(parsePartialDate(iso)).toEqual(expected));

  test.each(['2019-13', '2023-02-29', '2021-2-4', '21-02-2021', '2016-01-01T00:00', '', 'about 2016', '0000', '0000-01-01'])(
    'rejects %p',
    (iso) => {
      expect(parsePartialDate(iso)).toBeNull();
    },
  );
});

describe('quantities keep their qualifier', () => {
  test('text reads the way a source says it', () => {
    expect(quantityText(100, 'MORE_THAN', 'representatives')).toBe('more than 100 representatives');
    expect(quantityText(20, 'ABOUT', null)).toBe('about 20');
    expect(quantityText(42000000, 'MORE_THAN', 'applications')).toBe('more than 42,000,000 applications');
  });
});
