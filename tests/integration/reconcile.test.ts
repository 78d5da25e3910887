/**
 * /reconcile over real HTTP on the seeded graph, as OpenRefine uses it: the manifest, a batch of
 * 50 names in Latin, Azerbaijani and Cyrillic script POSTed as a form in one request (each finds
 * its entity first), type and country constraints, the match rule, preview, suggest and the
 * refusals. Every answer is validated against the spec's published JSON Schemas
 * (tests/fixtures/reconciliation-schemas).
 */
import type { RunningServer } from '../../src/app/server';
import { schemaProblems } from '../support/reconciliation-schemas';
import { useTestServer } from '../support/harness';

let server: RunningServer;
useTestServer((opened) => ({ server } = opened));

const base = () => `http://127.0.0.1:${server.port}`;

interface Candidate {
  id: string;
  name: string;
  score: number;
  match: boolean;
  type: { id: string; name: string }[];
  features: { id: string; value: number | boolean }[];
}
type Results = Record<string, { result: Candidate[] }>;

/** POSTs a batch as OpenRefine does: a form with `queries`. */
async function reconcile(queries: Record<string, unknown>): Promise<{ status: number; body: Results }> {
  const response = await fetch(`${base()}/reconcile`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ queries: JSON.stringify(queries) }).toString(),
  });
  return { status: response.status, body: (await response.json()) as Results };
}

/** The seeded names a spreadsheet would hold, in the three scripts of the sources, and the entity each means. */
const spreadsheet: [string, string][] = [
  ['Афганистан', 'country:AF'],
  ['Əfqanıstan', 'country:AF'],
  ['Азербайджан', 'country:AZ'],
  ['Azərbaycan', 'country:AZ'],
  ['Uganda', 'country:UG'],
  ['Пакистан', 'country:PK'],
  ['Özbəkistan', 'country:UZ'],
  ['Черногория', 'country:ME'],
  ['Румыния', 'country:RO'],
  ['Ethiopia', 'country:ET'],
  ['Indonesia', 'country:ID'],
  ['Марокко', 'country:MA'],
  ['Colombia', 'country:CO'],
  ['ОАЭ', 'country:AE'],
  ['ASAN xidmət', 'agency:asan-xidmet'],
  ['Azərbaycan Respublikasının Prezidenti yanında Vətəndaşlara Xidmət və Sosial İnnovasiyalar üzrə Dövlət Agentliyi', 'agency:asan-xidmet'],
  ['State Agency for Public Service and Social Innovations', 'agency:asan-xidmet'],
  ['ABAD', 'agency:abad'],
  ['Birləşmiş Millətlər Təşkilatı', 'agency:un'],
  ['United Nations', 'agency:un'],
  ['UN DESA', 'agency:un-desa'],
  ['ICESCO', 'agency:icesco'],
  ['Government of Pakistan', 'agency:government-of-pakistan'],
  ['Ministry of IT and Telecommunication', 'agency:pk-ministry-of-it'],
  ['TİKA', 'agency:tika'],
  ['Civil Service Commission (Ethiopia)', 'agency:et-civil-service-commission'],
  ['PANRB', 'agency:id-panrb'],
  ['Dövlət Xidmətləri Göstərən Qurumların ASAN Beynəlxalq Assosiasiyası', 'agency:asan-international-association'],
  ['Əfqanıstanın ASAN khedmat qurumu', 'agency:asan-khedmat'],
  ['Əfqanıstan İslam Respublikasının Azərbaycan Respublikasındakı Səfirliyi', 'agency:embassy-af-in-az'],
  ['Ministry of Justice (Uzbekistan)', 'agency:uz-ministry-of-justice'],
  ['UAE Government', 'agency:government-of-uae'],
  ['Ülvi Mehdiyev', 'person:ulvi-mehdiyev'],
  ['Ульви Мехдиев', 'person:ulvi-mehdiyev'],
  ['Amanullah Ceyhun', 'person:amanullah-ceyhun'],
  ['Амануллах Джейхун', 'person:amanullah-ceyhun'],
  ['Ильхам Алиев', 'person:ilham-aliyev'],
  ['İlham Əliyev', 'person:ilham-aliyev'],
  ['Li Junhua', 'person:li-junhua'],
  ['Suzana Pribilovic', 'person:suzana-pribilovic'],
  ['Abiy Ahmed', 'person:abiy-ahmed'],
  ['Шехбаз Шариф', 'person:shehbaz-sharif'],
  ['Mircea Abrudean', 'person:mircea-abrudean'],
  ['Акбар Ташкулов', 'person:akbar-tashkulov'],
  ['Inam Kerimov', 'person:inam-karimov'],
  ['Джейхун Салманов', 'person:ceyhun-salmanov'],
  ['ASAN khedmat centre in Kabul', 'center:asan-khedmat-kabul'],
  ['United Nations Public Service Award 2015', 'award:unpsa-2015'],
  ['Meeting of Ülvi Mehdiyev and Afghan Ambassador Amanullah Ceyhun', 'event:mehdiyev-ceyhun-2021-02-24'],
  ['Trainings by State Agency experts for ASAN khedmat centre staff', 'training:asan-experts-centre-staff'],
];

test('the manifest is valid against the spec and points at this service', async () => {
  const response = await fetch(`${base()}/reconcile`);
  expect(response.status).toBe(200);
  expect(response.headers.get('access-control-allow-origin')).toBe('*');
  const manifest = (await response.json()) as Record<string, unknown>;
  expect(schemaProblems('manifest', manifest)).toEqual([]);
  expect(manifest).toMatchObject({
    versions: ['0.2'],
    preview: { url: `${base()}/reconcile/preview?id={{id}}` },
    suggest: { entity: { service_url: base(), service_path: '/reconcile/suggest/entity' } },
  });
});

test('an OpenRefine batch of 50 names in Latin, Azerbaijani and Cyrillic script: one request, each finds its entity first', async () => {
  expect(spreadsheet).toHaveLength(50);
  const queries = Object.fromEntries(spreadsheet.map(([name], i) => [`q${i}`, { query: name, limit: 3 }]));
  const { status, body } = await reconcile(queries);
  expect(status).toBe(200);
  expect(schemaProblems('reconciliation-result-batch', body)).toEqual([]);
  const firsts = spreadsheet.map((_, i) => body[`q${i}`]!.result[0]?.id);
  expect(firsts).toEqual(spreadsheet.map(([, id]) => id));
  for (const { result } of Object.values(body)) {
    expect(result.length).toBeLessThanOrEqual(3);
    expect(result.every((candidate) => candidate.score >= 0 && candidate.score <= 100)).toBe(true);
  }
  const matched = spreadsheet.filter((_, i) => body[`q${i}`]!.result[0]!.match).length;
  console.log(`reconcile: ${matched} of ${spreadsheet.length} names matched outright (score 100, single exact candidate)`);
  // Exact spellings in either script are matches: Ülvi Mehdiyev and Ульви Мехдиев alike.
  expect(body.q32!.result[0]).toMatchObject({ score: 100, match: true });
  expect(body.q33!.result[0]).toMatchObject({ score: 100, match: true, type: [{ id: 'Person', name: 'Person' }] });
});

test('a name in another word order is found but left for review: no exact name, no match', async () => {
  const { body } = await reconcile({ q0: { query: 'Мехдиев Ульви', type: 'Person' } });
  expect(body.q0!.result[0]).toMatchObject({ id: 'person:ulvi-mehdiyev', match: false, score: 90 });
});

test('type narrows the candidates; a country constraint ranks the country first and shows as a feature', async () => {
  const { body } = await reconcile({
    any: { query: 'ASAN khedmat', limit: 10 },
    centres: { query: 'ASAN khedmat', type: 'ServiceCenter', limit: 10 },
    afghan: { query: 'ASAN', type: 'Agency', limit: 10, properties: [{ pid: 'country', v: 'Афганистан' }] },
    reconciled: {
      query: 'ASAN',
      type: 'Agency',
      limit: 10,
      properties: [{ pid: 'country', v: { id: 'country:AF', name: 'Afghanistan' } }],
    },
  });
  expect(schemaProblems('reconciliation-result-batch', body)).toEqual([]);
  expect(body.any!.result.map((candidate) => candidate.type[0]!.id)).toEqual(expect.arrayContaining(['Agency', 'ServiceCenter']));
  expect(body.centres!.result.length).toBeGreaterThan(0);
  expect(body.centres!.result.every((candidate) => candidate.type[0]!.id === 'ServiceCenter')).toBe(true);
  for (const key of ['afghan', 'reconciled']) {
    const [first] = body[key]!.result;
    expect(first!.id).toBe('agency:asan-khedmat');
    expect(first!.features).toEqual(expect.arrayContaining([{ id: 'country', value: true }]));
    const azerbaijani = body[key]!.result.find((candidate) => candidate.id === 'agency:asan-xidmet')!;
    expect(azerbaijani.features).toEqual(expect.arrayContaining([{ id: 'country', value: false }]));
    expect(azerbaijani.score).toBeLessThan(first!.score);
    // The how-to's example: "ASAN" is an alias of the State Agency (100, halved outside Afghanistan),
    // and one of the two words of ASAN khedmat's (60); neither is a match.
    expect(first).toMatchObject({ score: 60, match: false });
    expect(azerbaijani).toMatchObject({
      score: 50,
      match: false,
      features: [
        { id: 'name', value: 100 },
        { id: 'country', value: false },
      ],
    });
  }
});

test('GET with queries in the query string answers the same batch', async () => {
  const queries = JSON.stringify({ q0: { query: 'ABAD', type: 'Agency' } });
  const response = await fetch(`${base()}/reconcile?queries=${encodeURIComponent(queries)}`);
  const body = (await response.json()) as Results;
  expect(body.q0!.result[0]).toMatchObject({ id: 'agency:abad', score: 100, match: true });
});

test('preview: an escaped HTML card for an entity, 404 for an unknown id, 400 for a malformed one', async () => {
  const card = await fetch(`${base()}/reconcile/preview?id=${encodeURIComponent('person:amanullah-ceyhun')}`);
  expect(card.status).toBe(200);
  expect(card.headers.get('content-type')).toBe('text/html; charset=utf-8');
  const html = await card.text();
  expect(html).toContain('<h1><a href=');
  expect(html).toContain('Amanullah Ceyhun');
  expect(html).toContain('AF');
  expect((await fetch(`${base()}/reconcile/preview?id=agency:nope-nothing`)).status).toBe(404);
  expect((await fetch(`${base()}/reconcile/preview?id=${encodeURIComponent('<script>')}`)).status).toBe(400);
});

test('suggest: entities as typed (in any script), types and properties, valid against the schemas', async () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const suggest = async (path: string): Promise<any> => (await fetch(`${base()}/reconcile/suggest/${path}`)).json();
  const entities = await suggest(`entity?prefix=${encodeURIComponent('Мехди')}`);
  expect(schemaProblems('suggest-entities-response', entities)).toEqual([]);
  expect(entities.result[0]).toMatchObject({ id: 'person:ulvi-mehdiyev', notable: [{ id: 'Person', name: 'Person' }] });
  const agencies = await suggest(`entity?prefix=asan&type=Agency`);
  expect(agencies.result.length).toBeGreaterThan(0);
  expect(agencies.result.every((entity: { notable: { id: string }[] }) => entity.notable[0]!.id === 'Agency')).toBe(true);
  const types = await suggest('type?prefix=agen');
  expect(schemaProblems('suggest-types-response', types)).toEqual([]);
  expect(types.result).toEqual([expect.objectContaining({ id: 'Agency', name: 'Agency' })]);
  const properties = await suggest('property?prefix=c');
  expect(schemaProblems('suggest-properties-response', properties)).toEqual([]);
  expect(properties.result.map((property: { id: string }) => property.id)).toEqual(['country']);
});

describe('refusals', () => {
  const refused = async (response: Response, status: number, code: string, argument?: string) => {
    expect(response.status).toBe(status);
    const body = (await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(body.errors[0]!.extensions.code).toBe(code);
    expect(body.errors[0]!.extensions.argument).toBe(argument);
    expect(body.errors[0]!.message).not.toMatch(/MATCH|CALL|at .*\.ts/);
  };
  const post = (queries: string) =>
    fetch(`${base()}/reconcile`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `queries=${encodeURIComponent(queries)}`,
    });

  test('a malformed batch is refused whole with 400, naming the query and field', async () => {
    await refused(await post('{"q0": {"query": "ASAN", "limit": 500}}'), 400, 'BAD_USER_INPUT', 'queries.q0.limit');
    await refused(await post('not json'), 400, 'BAD_USER_INPUT', 'queries');
    await refused(await post('{"q0": {"query": "x", "type": "Q5"}}'), 400, 'BAD_USER_INPUT', 'queries.q0.type');
  });

  test('a batch over 100 queries is refused with 413', async () => {
    const queries = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`q${i}`, { query: 'ASAN' }]));
    await refused(await post(JSON.stringify(queries)), 413, 'PAYLOAD_TOO_LARGE', 'queries');
  });

  test('other methods and paths are refused', async () => {
    await refused(await fetch(`${base()}/reconcile`, { method: 'DELETE' }), 405, 'METHOD_NOT_ALLOWED');
    await refused(await fetch(`${base()}/reconcile/preview?id=agency:abad`, { method: 'POST' }), 405, 'METHOD_NOT_ALLOWED');
    await refused(await fetch(`${base()}/reconcile/extend`), 404, 'NOT_FOUND');
  });
});
