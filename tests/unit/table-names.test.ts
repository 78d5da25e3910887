/**
 * People's names in free text from the naming traditions the sources use (issue 24): Arabic,
 * Somali, Persian, Turkic, Slavic and East Asian, with particles, honorifics, patronymics,
 * hyphens and four or more parts; and what is no person (organisations, places, groups).
 */
import { isPersonName, personNamed, personNames, personWordsOf } from '../../src/ingest/table/names';
import { guessType } from '../../src/ingest/table/refs';

const namesIn = (text: string, gazetteer = new Set<string>(), expected = false) =>
  personNames(text, gazetteer, expected).map((person) => person.name);

describe('names from each tradition', () => {
  test.each([
    // Arabic: particles bin/ibn/bint/al-/abu, an honorific opening the name, four or more parts.
    ['Arabic', 'Sheikh Mohammed bin Rashid Al Maktoum'],
    ['Arabic', 'Abu Bakr ibn Umar al-Farouq'],
    ['Arabic', 'Sheikha Latifa bint Mohammed'],
    ['Arabic', 'Salim Al-Malik'],
    // Hassaniya and Maghrebi: ould, ben.
    ['Arabic (Maghreb)', 'Mohamed Ould Ghazouani'],
    ['Arabic (Maghreb)', 'Mohamed ben Abdelkader'],
    // Somali: three-part names (own, father's, grandfather's), Sheikh as one of the parts.
    ['Somali', 'Hassan Sheikh Mohamud'],
    ['Somali', 'Abdirahman Mohamed Sheikh Hassan'],
    ['Somali', 'Mohamed Abdullahi Farmaajo'],
    // Persian and Dari: compound given names, the Hajji honorific.
    ['Persian', 'Mohammad Javad Zarif'],
    ['Persian', 'Hajji Abdul Karim Khalili'],
    // Turkic: -oglu, qizi written apart, Kyrgyz uulu.
    ['Turkic', 'Ahmet Davutoğlu'],
    ['Turkic', 'Leyla Mammadova qizi'],
    ['Turkic', 'Ilham Heydar oglu Aliyev'],
    ['Turkic', 'Almazbek Sharshen uulu'],
    // Slavic: patronymics -ovich/-ovna, diacritics.
    ['Slavic', 'Rustam Shavkatovich Kholmatov'],
    ['Slavic', 'Gulnora Rustamovna Karimova'],
    ['Slavic', 'Suzana Pribilović'],
  ])('%s: "%s" is one person, found whole in a sentence', (_tradition, name) => {
    expect(isPersonName(name)).toBe(true);
    expect(namesIn(`The meeting was attended by ${name}, who spoke first.`)).toEqual([name]);
    expect(guessType(name)).toBe('Person');
  });

  test('East Asian names, family name first, where a text says a person stands, or the graph knows the name', () => {
    expect(namesIn('signed by Xi Jinping and Moon Jae-in', new Set(), true)).toEqual(['Xi Jinping', 'Moon Jae-in']);
    expect(namesIn('signed by Nguyen Xuan Phuc', new Set(), true)).toEqual(['Nguyen Xuan Phuc']);
    const gazetteer = personWordsOf(['Li Junhua', 'Moon Jae-in']);
    expect(isPersonName('Li Junhua', gazetteer)).toBe(true);
    expect(namesIn('Met Moon Jae-in in Seoul', gazetteer)).toEqual(['Moon Jae-in']);
  });

  test('the graph names a word the library does not know: a Somali name in Somali spelling', () => {
    expect(isPersonName('Cabdiraxmaan Maxamed Cali')).toBe(false);
    expect(isPersonName('Cabdiraxmaan Maxamed Cali', personWordsOf(['Maxamed Cali Xasan']))).toBe(true);
  });

  test('hyphenated given names and family names', () => {
    expect(namesIn('signed by Jean-Philbert Nsengimana and Anne-Marie Dupont-Moreau', new Set(), true)).toEqual([
      'Jean-Philbert Nsengimana',
      'Anne-Marie Dupont-Moreau',
    ]);
  });
});

describe('a post written before the name', () => {
  test('is kept apart from the name', () => {
    expect(personNamed('deputy head of the Ministry of Labour Abdirahman Mohamed Sheikh Hassan', new Set(), true)).toMatchObject({
      name: 'Abdirahman Mohamed Sheikh Hassan',
      post: 'deputy head of the Ministry of Labour',
    });
    expect(personNames('CEO Clare Akamanzi and Minister Paula Ingabire', new Set(), true)).toMatchObject([
      { name: 'Clare Akamanzi', post: 'CEO' },
      { name: 'Paula Ingabire', post: 'Minister' },
    ]);
    expect(personNamed("Ethiopia's Prime Minister Abiy Ahmed Ali", new Set(), true)).toMatchObject({
      name: 'Abiy Ahmed Ali',
      post: "Ethiopia's Prime Minister",
    });
    // A courtesy title is no part of the stored name; Sheikh and Hajji are.
    expect(personNamed('Dr. Amina Ould Abdallah', new Set(), true)).toMatchObject({ name: 'Amina Ould Abdallah' });
  });
});

describe('no person', () => {
  test.each(['Rwanda Development Board', 'Ministry of Labour and Social Affairs', 'State Agency', 'Kenyan civil servants', 'Addis Ababa'])(
    '"%s"',
    (text) => {
      expect(isPersonName(text)).toBe(false);
    },
  );

  test('an organisation named in a sentence is not a person', () => {
    expect(namesIn('MoU with the Rwanda Governance Board on public service delivery')).toEqual([]);
  });
});
