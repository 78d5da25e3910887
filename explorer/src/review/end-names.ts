/**
 * The graph's names (in the draft's language where known) for the existing entities a draft
 * names (matches, and relation ends such as country:AF), so the editor reads "Afghanistan" rather
 * than an id, and sees at once an id the graph does not hold. Asked in one request per 25 ids
 * (each an alias of entity(id:), under the service's alias limit).
 */
import { graphqlAs } from './api';

const idsPerRequest = 25;

/** Each id's name, or null when the graph has no such entity. */
export async function lookUpNames(ids: readonly string[], token: string, lang: string): Promise<Map<string, string | null>> {
  const names = new Map<string, string | null>();
  for (let at = 0; at < ids.length; at += idsPerRequest) {
    const chunk = ids.slice(at, at + idsPerRequest);
    const parameters = ['$lang: String', ...chunk.map((_, i) => `$i${i}: ID!`)].join(', ');
    const fields = chunk.map((_, i) => `n${i}: entity(id: $i${i}) { name(lang: $lang) }`).join(' ');
    const variables = { lang, ...Object.fromEntries(chunk.map((id, i) => [`i${i}`, id])) };
    const data = await graphqlAs<Record<string, { name: string } | null>>(token, `query EndNames(${parameters}) { ${fields} }`, variables);
    chunk.forEach((id, i) => names.set(id, data[`n${i}`]?.name ?? null));
  }
  return names;
}
