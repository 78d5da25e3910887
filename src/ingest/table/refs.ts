/**
 * References a row makes (an id, '$fact', 'country:XX' or a name) turned into entities. Names
 * are resolved against the graph and the curation (resolve.ts); a name that matches nothing,
 * or matches unsurely, becomes a new entity, and the report says which. Every entity a row
 * refers to is put into its source's bundle, so the source cites it.
 */
import countries from 'i18n-iso-countries';
import { entitySpec, entityTypeNames, typeOfId, type EntityTypeName } from '../../core/model/registry';
import type { CuratedEntity, Ref } from './curation';
import { slug } from './ids';
import { isPersonName, organisationWords, type PersonWords } from './names';
import { cleanName, matchKey, type Resolution } from './resolve';
import { at, lineFor, type Resolved, type RowScope } from './state';

/**
 * A person or an organisation? Organisation words say organisation; a person's name from any
 * tradition (names.ts, with the graph's people as gazetteer) says person; otherwise two to four
 * capitalised words are a person and anything else an organisation.
 */
export function guessType(name: string, gazetteer: PersonWords = new Set()): 'Person' | 'Agency' {
  const tokens = name.trim().split(/\s+/);
  if (organisationWords.test(name)) return 'Agency';
  if (isPersonName(name, gazetteer)) return 'Person';
  if (tokens.length > 4 || tokens.length < 2) return 'Agency';
  return tokens.every((token) => /^\p{Lu}/u.test(token)) ? 'Person' : 'Agency';
}

/** The entity a reference names, or null (and a problem at `column`) when it names none. */
export function resolveRef(scope: RowScope, ref: Ref, column: string): Resolved | null {
  if (ref === '$fact') return { id: scope.fact.id, type: scope.fact.type };
  const refType = /^[a-z]+:\S+$/.test(ref) ? typeOfId(ref) : null;
  if (refType) return resolveId(scope, ref, refType, column);
  return resolveName(scope, ref.trim());
}

function resolveId(scope: RowScope, id: string, type: EntityTypeName, column: string): Resolved | null {
  if (type === 'Country') {
    if (countries.isValid(id.slice('country:'.length))) return { id, type };
    scope.state.problems.push({ path: at(scope, column), message: `unknown country '${id}'` });
    return null;
  }
  if (!scope.state.resolver.get(id) && id !== scope.fact.id) {
    scope.state.problems.push({
      path: at(scope, column),
      message: `unknown entity reference '${id}': not in the graph nor in the curation file`,
    });
    return null;
  }
  mention(scope, id);
  return { id, type };
}

/** Every type a name in a column may turn out to be, to tell a wrong type from an unknown name: every registry type. */
const anyNamedType: readonly EntityTypeName[] = entityTypeNames;

/**
 * A reference in one of the optional entity columns (parse.ts linkColumns), which must name one
 * of `types`: an id of such a type, or a name. A name matching an entity of another type is a
 * problem at the row and column (nothing is written); one matching nothing is created as
 * `createAs` (reported created), or is a problem when the column only names existing entities.
 */
export function resolveTyped(
  scope: RowScope,
  ref: Ref,
  column: string,
  types: readonly EntityTypeName[],
  createAs?: 'Person' | 'Agency',
): Resolved | null {
  const problem = (message: string) => {
    scope.state.problems.push({ path: at(scope, column), message });
    return null;
  };
  const expected = types.join(' or ');
  const idType = /^[a-z]+:\S+$/.test(ref) ? typeOfId(ref) : null;
  if (idType) {
    if (!types.includes(idType)) return problem(`'${ref}' is a ${idType}, expected ${expected}`);
    return resolveId(scope, ref, idType, column);
  }
  const name = ref.trim();
  const { state } = scope;
  const resolution = state.resolver.resolve(name, types);
  if (resolution.status === 'matched') return resolveName(scope, name, types);
  const other = state.resolver.resolve(name, anyNamedType);
  if (other.status === 'matched') return problem(`'${name}' is ${other.entity.id} (a ${other.entity.type}), expected ${expected}`);
  if (!createAs) return problem(`'${name}' names no ${expected} in the graph, the curation or an earlier row`);
  return createEntity(scope, name, resolution, createAs);
}

/**
 * A name read from a row's free text (extracted.ts): matched, or created as `createAs` (unsure
 * when it might be an entity the graph holds). A name of another type than `types` is not
 * linked: the text may say more than the model holds, and that is reported, never a problem.
 */
export function resolveFromText(
  scope: RowScope,
  name: string,
  types: readonly EntityTypeName[],
  createAs: 'Person' | 'Agency',
): { resolved: Resolved; how: string; created: boolean } | { why: string } {
  const { state } = scope;
  const resolution = state.resolver.resolve(name, types);
  if (resolution.status === 'matched') {
    const how = state.createdIds.has(resolution.entity.id) ? 'created by this table' : `matched (${resolution.via})`;
    return { resolved: resolveName(scope, name, types), how, created: false };
  }
  const other = state.resolver.resolve(name, anyNamedType);
  if (other.status === 'matched') return { why: `'${name}' is ${other.entity.id}, a ${other.entity.type}, not ${types.join(' or ')}` };
  // A new agency is in doubt only against agencies: "Rwanda Governance Board" is not the country Rwanda.
  const doubt = state.resolver.resolve(name, [createAs]);
  const apart = doubt.status === 'matched' ? { status: 'none' as const } : doubt;
  const resolved = createEntity(scope, name, apart, createAs);
  const how = apart.status === 'unsure' ? `created, unsure: kept apart from ${apart.candidates.map((c) => c.id).join(', ')}` : 'created';
  return { resolved, how, created: true };
}

function resolveName(scope: RowScope, name: string, types: readonly EntityTypeName[] = ['Person', 'Agency', 'Country']): Resolved {
  const { state } = scope;
  const resolution = state.resolver.resolve(name, types);
  if (resolution.status !== 'matched') return createEntity(scope, name, resolution);
  const { entity } = resolution;
  if (!state.createdIds.has(entity.id)) state.addToReport('matched', lineFor(scope, { ...entity, name }, resolution.via));
  // Only the name's own form may become an alias: never its context, titles or a bracketed alternative.
  mention(scope, entity.id, resolution.form);
  return { id: entity.id, type: entity.type };
}

/** A new person or agency for a name the graph does not hold (or might hold: then reported unsure). */
function createEntity(
  scope: RowScope,
  name: string,
  resolution: Exclude<Resolution, { status: 'matched' }>,
  createAs?: 'Person' | 'Agency',
): Resolved {
  const { state } = scope;
  const newName = cleanName(name);
  const type = createAs ?? guessType(newName, state.personWords);
  const base = `${entitySpec(type).idPrefix}:${slug(newName)}`;
  let id = base;
  for (let n = 2; state.resolver.get(id); n++) id = `${base}-${n}`;
  state.createdIds.add(id);
  // The written name's context and titles are no name of it: the new entity has its name form only.
  state.resolver.add({ id, type, name: newName, aliases: [] });
  if (resolution.status === 'unsure') {
    const candidates = resolution.candidates.map((candidate) => `${candidate.id} (${candidate.name})`).join(', ');
    state.addToReport('unsure', lineFor(scope, { id, type, name: newName }, `kept apart from ${candidates}`));
  } else {
    state.addToReport('created', lineFor(scope, { id, type, name: newName }));
  }
  scope.builder.entity({ id, type, name: newName, quotes: [], ...(type === 'Agency' ? { attributes: { kind: 'OTHER' } } : {}) });
  return { id, type };
}

/**
 * Puts an entity the row refers to into the source's bundle. A name the source uses that the
 * entity does not have yet becomes an alias; countries are not repeated (they have their own source).
 */
export function mention(scope: RowScope, id: string, surface?: string): void {
  const { state, builder } = scope;
  const definition = state.curatedEntities.get(id);
  if (definition) return mentionCurated(scope, definition);
  const known = state.resolver.get(id);
  if (!known || id.startsWith('country:')) return;
  const isNewName =
    surface !== undefined &&
    surface !== '' &&
    !state.createdIds.has(id) &&
    ![known.name, ...known.aliases].some((name) => matchKey(name) === matchKey(surface));
  const aliases = isNewName ? [surface] : [];
  if (!builder.entities.has(id) || aliases.length > 0) builder.entity({ id, type: known.type, name: known.name, aliases, quotes: [] });
}

/** A curated entity as its curation defines it, with the country it is based in and a person's position. */
function mentionCurated(scope: RowScope, definition: CuratedEntity): void {
  const { id } = definition;
  scope.builder.entity({
    id,
    type: definition.type,
    name: definition.name,
    aliases: definition.aliases ?? [],
    ...(definition.names ? { names: definition.names } : {}),
    ...(definition.description ? { description: definition.description } : {}),
    quotes: [],
    ...(definition.kind ? { attributes: { kind: definition.kind } } : {}),
  });
  if (definition.country) scope.builder.relation({ type: 'BASED_IN', from: id, to: `country:${definition.country}`, quotes: [] });
  if (definition.position) {
    const [title, organisationRef] = definition.position;
    const organisation = resolveRef(scope, organisationRef, 'subject');
    if (organisation) scope.builder.relation({ type: 'HOLDS_POSITION', from: id, to: organisation.id, role: title, quotes: [] });
  }
}
