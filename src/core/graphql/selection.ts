/**
 * What a client selected under a field, read from the resolve info: lets a resolver skip work
 * nobody asked for (loading a whole entity when only its id was selected, an aggregate nobody
 * reads).
 */
import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';

type SelectionInfo = Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>;

/**
 * The names of the fields selected directly under the current field, through inline fragments
 * and fragment spreads; null for a spread of a fragment the document does not define. Each
 * fragment is expanded once, as graphql-js collects fields: a fragment spread 16 times in each
 * of 6 nested fragments is 6 expansions, not 16^6.
 */
function* namesUnder(info: SelectionInfo): Generator<string | null> {
  const expanded = new Set<string>();
  function* visit(set: SelectionSetNode | undefined): Generator<string | null> {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === 'Field') yield selection.name.value;
      else if (selection.kind === 'InlineFragment') yield* visit(selection.selectionSet);
      else if (!expanded.has(selection.name.value)) {
        expanded.add(selection.name.value);
        const fragment = info.fragments[selection.name.value];
        if (fragment) yield* visit(fragment.selectionSet);
        else yield null;
      }
    }
  }
  for (const node of info.fieldNodes) yield* visit(node.selectionSet);
}

/** True when every field selected under the current field (through fragments too) is one of `allowed`. */
export function selectsOnly(info: SelectionInfo, allowed: readonly string[]): boolean {
  for (const name of namesUnder(info)) if (name === null || !allowed.includes(name)) return false;
  return true;
}

/** The names of the fields selected directly under the current field, through fragments (aliases give one name). */
export function selectedFieldNames(info: SelectionInfo): Set<string> {
  const names = new Set<string>();
  for (const name of namesUnder(info)) if (name !== null) names.add(name);
  return names;
}
