import { fold } from '../../src/core/model/folding';

describe('fold', () => {
  test.each([
    ['ASAN xidmət', 'asan xidmet'],
    ['ASAN XIDMƏT', 'asan xidmet'],
    ['Ülvi Mehdiyev', 'ulvi mehdiyev'],
    ['Əfqanıstan', 'efqanistan'],
    ['Azərbaycan Respublikası', 'azerbaycan respublikasi'],
    ['Şəki Çağ Göy Öz Ürək İlham', 'seki cag goy oz urek ilham'],
    ['Azәrbaycan (with a Cyrillic schwa)', 'azerbaycan (with a cyrillic schwa)'],
    ['Pribilović', 'pribilovic'],
    ['  “ASAN  khedmat” ', '"asan khedmat"'],
    ['ﬁnance', 'finance'],
  ])('%p -> %p', (input, expected) => expect(fold(input)).toBe(expected));
});
