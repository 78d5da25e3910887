/**
 * The reconciliation service's pure parts: the scoring and match rule (features/reconcile/
 * scoring.ts), the batch reading and its refusals (queries.ts), the manifest, suggest and the
 * preview card, each answer checked against the spec's published JSON Schemas.
 */
import { HttpRefusal } from '../../src/core/http/refusal';
import { InvalidArgumentError } from '../../src/core/errors';
import { entityTypeNames } from '../../src/core/model/registry';
import { serviceManifest, serviceBase, typeOf } from '../../src/features/reconcile/manifest';
import { escapeHtml, previewCard } from '../../src/features/reconcile/preview';
import { maxBatchSize, parseBatch, queriesParameter } from '../../src/features/reconcile/queries';
import { suggestProperties, suggestTypes } from '../../src/features/reconcile/reconcile';
import { isClearWinner, queryKeys, scoreCandidate, wordLikeness, type ScoredNames } from '../../src/features/reconcile/scoring';
import { schemaProblems } from '../support/reconciliation-schemas';
import type http from 'node:http';

const named = (name: string, aliases: string[] = [], countries: string[] = []): ScoredNames => ({
  name,
  aliases,
  localNames: [],
  countries,
});
const score = (query: string, candidate: ScoredNames, countries: string[] | null = null) =>
  scoreCandidate(queryKeys(query), candidate, countries);

describe('scoring', () => {
  test('a name equal to the query, folded or transliterated, scores 100 and is exact', () => {
    const mehdiyev = named('Ülvi Mehdiyev');
    for (const query of ['Ülvi Mehdiyev', 'ULVI MEHDIYEV', 'ulvi mehdiyev', 'Ульви Мехдиев', 'Ulvi Mekhdiev']) {
      expect(score(query, mehdiyev)).toMatchObject({ score: 100, exact: true });
    }
    expect(score('ASAN XIDMƏT', named('State Agency', ['ASAN xidmət']))).toMatchObject({ score: 100, exact: true });
  });

  test('other names score at most 90 by the words they share: whole, one edit apart, or a prefix', () => {
    expect(score('Мехдиев Ульви', named('Ülvi Mehdiyev'))).toEqual({ score: 90, exact: false, nameScore: 90, inCountry: null });
    expect(score('Ulvi', named('Ülvi Mehdiyev')).score).toBe(60);
    expect(wordLikeness('azerbaijan', 'azerbaijan')).toBe(1);
    expect(wordLikeness('azerbayjan', 'azerbaijan')).toBe(0.75);
    expect(wordLikeness('mehdi', 'mehdiev')).toBe(0.5);
    expect(wordLikeness('asan', 'asin')).toBe(0);
    expect(score('Nothing alike', named('Ülvi Mehdiyev')).score).toBe(0);
  });

  test('a country constraint halves a candidate of other countries, not one of none', () => {
    expect(score('Kabul centre', named('Kabul centre', [], ['AF']), ['AF'])).toMatchObject({ score: 100, inCountry: true });
    expect(score('Kabul centre', named('Kabul centre', [], ['AZ']), ['AF'])).toMatchObject({ score: 50, nameScore: 100, inCountry: false });
    expect(score('United Nations', named('United Nations'), ['AF'])).toMatchObject({ score: 100, inCountry: false });
  });

  test('match: only a single exact candidate that meets the country constraint', () => {
    const exact = { score: { score: 100, exact: true, nameScore: 100, inCountry: null } };
    const close = { score: { score: 90, exact: false, nameScore: 90, inCountry: null } };
    expect(isClearWinner([exact, close])).toBe(true);
    expect(isClearWinner([exact, exact])).toBe(false);
    expect(isClearWinner([close])).toBe(false);
    expect(isClearWinner([])).toBe(false);
    expect(isClearWinner([{ score: { ...exact.score, inCountry: false } }])).toBe(false);
  });
});

describe('reading a batch', () => {
  const refusal = (text: string) => {
    try {
      parseBatch(text);
    } catch (error) {
      return error;
    }
    throw new Error(`accepted: ${text}`);
  };

  test('reads names, types, limits and country constraints, with the defaults', () => {
    const batch = parseBatch(
      JSON.stringify({
        q0: { query: 'ASAN xidmət' },
        q1: { query: 'Kabul', type: 'ServiceCenter', limit: 3, properties: [{ pid: 'country', v: ['AF', { id: 'country:AF' }] }] },
        q2: { query: 'Mehdiyev', type: ['Person', 'Person'], type_strict: 'any' },
      }),
    );
    expect(batch).toEqual([
      { key: 'q0', text: 'ASAN xidmət', types: null, limit: 5, countries: [] },
      { key: 'q1', text: 'Kabul', types: ['ServiceCenter'], limit: 3, countries: ['AF', 'country:AF'] },
      { key: 'q2', text: 'Mehdiyev', types: ['Person'], limit: 5, countries: [] },
    ]);
  });

  test('finds `queries` in the query string, a form body or a JSON body', () => {
    const url = new URL('http://x/reconcile?queries=%7B%7D');
    expect(queriesParameter(url, null, undefined)).toBe('{}');
    expect(queriesParameter(new URL('http://x/reconcile'), 'queries=%7B%22q0%22%3A%7B%7D%7D', 'application/x-www-form-urlencoded')).toBe(
      '{"q0":{}}',
    );
    expect(queriesParameter(new URL('http://x/reconcile'), '{"q0":{}}', 'application/json')).toBe('{"q0":{}}');
    expect(queriesParameter(new URL('http://x/reconcile'), null, undefined)).toBeNull();
  });

  test.each([
    ['not JSON', '{q0', 'queries'],
    ['an array', '[{"query": "x"}]', 'queries'],
    ['a query that is not an object', '{"q0": "x"}', 'queries.q0'],
    ['no name and no properties', '{"q0": {"limit": 1}}', 'queries.q0.query'],
    ['a field the spec does not have', '{"q0": {"query": "x", "lang": "en"}}', 'queries.q0.lang'],
    ['a name that is not a string', '{"q0": {"query": 7}}', 'queries.q0.query'],
    ['an unknown type', '{"q0": {"query": "x", "type": "Q5"}}', 'queries.q0.type'],
    ['a limit over 25', '{"q0": {"query": "x", "limit": 26}}', 'queries.q0.limit'],
    ['a limit that is not whole', '{"q0": {"query": "x", "limit": 2.5}}', 'queries.q0.limit'],
    ['an unknown property', '{"q0": {"query": "x", "properties": [{"pid": "P17", "v": "AF"}]}}', 'queries.q0.properties.0.pid'],
    ['empty properties', '{"q0": {"query": "x", "properties": []}}', 'queries.q0.properties'],
    ['a property without v', '{"q0": {"query": "x", "properties": [{"pid": "country"}]}}', 'queries.q0.properties.0'],
    ['a name over 200 characters', JSON.stringify({ q0: { query: 'x'.repeat(201) } }), 'queries.q0.query'],
  ])('refuses %s (400, naming the field)', (_what, text, argument) => {
    const error = refusal(text);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).argument).toBe(argument);
  });

  test('refuses a batch over the batch size with 413', () => {
    const queries = Object.fromEntries(Array.from({ length: maxBatchSize + 1 }, (_, i) => [`q${i}`, { query: 'x' }]));
    const error = refusal(JSON.stringify(queries));
    expect(error).toBeInstanceOf(HttpRefusal);
    expect(error).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE', extensions: { maximum: 100, found: 101 } });
  });

  test("the spec's own valid query batches are read; its invalid ones are refused", () => {
    const valid = { q0: { query: 'Hans-Eberhard Urbaniak', type: 'Person', limit: 3, type_strict: 'should' } };
    expect(schemaProblems('reconciliation-query-batch', valid)).toEqual([]);
    expect(parseBatch(JSON.stringify(valid))).toHaveLength(1);
    const misnamed = { q0: { query: 'x', properties: [{ p: 'country', v: 'AF' }] } };
    expect(schemaProblems('reconciliation-query-batch', misnamed)).not.toEqual([]);
    expect(refusal(JSON.stringify(misnamed))).toBeInstanceOf(InvalidArgumentError);
  });
});

describe('manifest, suggest and preview', () => {
  const request = (headers: Record<string, string>) => ({ headers }) as unknown as http.IncomingMessage;

  test("the manifest is valid against the spec's schema and lists every registry type", () => {
    const manifest = serviceManifest('http://127.0.0.1:8780', '0.1.0');
    expect(schemaProblems('manifest', manifest)).toEqual([]);
    expect((manifest.defaultTypes as { id: string }[]).map((type) => type.id)).toEqual([...entityTypeNames]);
    expect(manifest).toMatchObject({
      versions: ['0.2'],
      identifierSpace: 'urn:coopgraph:',
      view: { url: 'http://127.0.0.1:8780/explore#center={{id}}' },
      preview: { url: 'http://127.0.0.1:8780/reconcile/preview?id={{id}}' },
      batchSize: 100,
    });
  });

  test('the service address is the Host the client used, or localhost when it is not a host name', () => {
    expect(serviceBase(request({ host: 'coop.example:8780' }))).toBe('http://coop.example:8780');
    expect(serviceBase(request({ host: 'coop.example', 'x-forwarded-proto': 'https' }))).toBe('https://coop.example');
    expect(serviceBase(request({ host: 'evil"><script>' }))).toBe('http://localhost');
  });

  test('suggest for types and properties answers the registry types and the country property, valid against the schemas', () => {
    expect(suggestTypes('serv').result.map((type) => type.id)).toEqual(['ServiceCenter']);
    expect(suggestTypes('').result).toHaveLength(entityTypeNames.length);
    expect(schemaProblems('suggest-types-response', suggestTypes('a'))).toEqual([]);
    expect(suggestProperties('coun').result.map((property) => property.id)).toEqual(['country']);
    expect(schemaProblems('suggest-properties-response', suggestProperties(''))).toEqual([]);
    expect(typeOf('ServiceCenter')).toEqual({ id: 'ServiceCenter', name: 'Service center' });
  });

  test('the preview card escapes what the graph holds', () => {
    const card = previewCard(
      {
        id: 'agency:x',
        type: 'Agency',
        name: '<script>alert(1)</script>',
        aliases: ['"quoted" & <b>'],
        localNames: [],
        description: "it's <i>",
        facts: 0,
        countries: ['AZ'],
      },
      'http://h/explore#center=agency%3Ax',
    );
    expect(card).not.toContain('<script>');
    expect(card).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(card).toContain('&quot;quoted&quot; &amp; &lt;b&gt;');
    expect(card).toContain('it&#39;s &lt;i&gt;');
    expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;');
  });
});
