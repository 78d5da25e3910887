/**
 * The transliteration key (core/model/folding.ts): Azerbaijani Latin, Russian and Azerbaijani
 * Cyrillic and English spellings of one name give one key, the writer stores it and search folds
 * the query with it, so either script finds the other.
 */
import { fold, transliterationKey } from '../../src/core/model/folding';
import { searchProperties, searchText } from '../../src/core/model/storage';
import { searchTerms, maxQueryWords } from '../../src/features/search/lucene';

describe('spellings of one name meet', () => {
  test.each([
    [['Мехдиев', 'Mehdiyev', 'Mekhdiev', 'MEHDIYEV', 'Mehdiev'], 'mehdiev'],
    [['Кабул', 'Kabul'], 'kabul'],
    [['АСАН хидмат', 'ASAN xidmət', 'ASAN XİDMƏT', 'asan khidmat'], 'asan hidmat'],
    [['Əfqanıstan', 'Afghanistan', 'Афганистан', 'Afganistan'], 'afganistan'],
    [['İlham Əliyev', 'Ильхам Алиев', 'Ilham Aliyev', 'Ilham Aliev'], 'ilham aliev'],
    [['Ceyhun', 'Джейхун', 'Djeyhun', 'Dzheyhun'], 'jeyhun'],
    [['Şuşa', 'Шуша', 'Shusha'], 'shusha'],
    [['Çağ', 'Чаг', 'Chag', 'Chagh'], 'chag'],
    [['Жуков', 'Zhukov'], 'jukov'],
    [['Yevlax', 'Евлах', 'Yevlakh'], 'evlah'],
    [['Kyrgyzstan', 'Кыргызстан'], 'kirgizstan'],
    [['Дмитрий', 'Dmitry', 'Dmitriy'], 'dmitri'],
    [['Подъезд', 'Podyezd', 'Podezd'], 'podezd'],
    [['Сомали', 'Somali'], 'somali'],
    [['Cabbarov', 'Джаббаров', 'Jabbarov'], 'jabarov'],
    [['Göyçay', 'Goychay', 'Гойчай', 'Гёйчай'], 'goychay'],
    [['Gülnarə', 'Гюльнара', 'Gulnara'], 'gulnara'],
    [['Gəncə', 'Гянджа', 'Ganja'], 'ganja'],
    [['Юсиф', 'Yusif'], 'yusif'],
  ])('%j -> %p', (spellings, key) => {
    for (const spelling of spellings) expect([spelling, transliterationKey(spelling)]).toEqual([spelling, key]);
  });

  test('sounds that differ stay apart: Şimali (north) is not Somali, sh is not s', () => {
    expect(transliterationKey('Şimali Koreya')).toBe('shimali koreya');
    expect(transliterationKey('Şimali')).not.toBe(transliterationKey('Simali'));
    expect(transliterationKey('San Marino')).toBe('san marino');
  });
});

describe('abuse', () => {
  test('empty, blank and punctuation only give an empty key and no query', () => {
    for (const text of ['', '   ', '\t\n', '!!! ??? ---', 'ъь']) {
      expect(transliterationKey(text)).toBe('');
    }
    expect(searchTerms('').lucene).toBeNull();
    expect(searchTerms('🙂🙂').lucene).toBeNull();
  });

  test('mixed scripts in one word and one text', () => {
    expect(transliterationKey('ASAN хидмәт')).toBe('asan hidmat');
    expect(transliterationKey('Кabul')).toBe('kabul');
    expect(transliterationKey('ASAN xidmət / АСАН хидмат')).toBe('asan hidmat asan hidmat');
  });

  test('emoji, flags, symbols and joiners are separators; other scripts are kept', () => {
    expect(transliterationKey('🇦🇿 ASAN 😀 xidmət 👨‍👩‍👧')).toBe('asan hidmat');
    expect(transliterationKey('Kabul\u200bcentre')).toBe('kabul jentre');
    expect(transliterationKey('خدمت ASAN')).toBe('خدمت asan');
    expect(transliterationKey('阿塞拜疆')).toBe('阿塞拜疆');
  });

  test('digits are words and are not collapsed; compatibility forms are read as their letters', () => {
    expect(transliterationKey('ASAN 2000 №1 ＡＳＡＮ')).toBe('asan 2000 no1 asan');
  });

  test('a very long text is keyed in linear time, and a query keeps its first words only', () => {
    const long = 'Мехдиев Mehdiyev '.repeat(20000);
    const started = Date.now();
    const key = transliterationKey(long);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(key.split(' ')).toHaveLength(40000);
    expect(new Set(key.split(' '))).toEqual(new Set(['mehdiev']));
    expect(searchTerms(long).translitWords).toHaveLength(maxQueryWords);
    expect(transliterationKey('я'.repeat(100000))).toBe('ya'.repeat(100000));
  });

  test('deterministic and idempotent: keying a key changes nothing', () => {
    for (const text of ['Мехдиев', 'ASAN xidmət', 'Şimali Koreya', 'Kyrgyzstan', 'Jayhoon']) {
      const key = transliterationKey(text);
      expect(transliterationKey(key)).toBe(key);
      expect(transliterationKey(text)).toBe(key);
    }
  });
});

describe('stored keys', () => {
  test('an entity stores its folded keys and their transliteration keys, each kind in its own full-text field', () => {
    const stored = searchProperties('ASAN xidmət', ['АСАН хидмат', 'ASAN Service']);
    expect(stored.searchKeys).toEqual(['asan xidmet', fold('АСАН хидмат'), 'asan service']);
    expect(stored.translitKeys).toEqual(['asan hidmat', 'asan servije']);
    expect(stored.searchText).toBe(' | asan xidmet | асан хидмат | asan service');
    expect(stored.translitText).toBe(' | asan hidmat | asan servije');
    expect(searchText(['kabul'])).toBe(' | kabul');
  });

  test('a name stored only in Cyrillic gets a Latin key', () => {
    expect(searchProperties('Мехдиев', []).translitKeys).toEqual(['mehdiev']);
    expect(searchProperties('😀', []).translitKeys).toEqual([]);
  });
});
