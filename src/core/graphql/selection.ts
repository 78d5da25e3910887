/**
 * What a client selected under a field, read from the resolve info: lets a resolver skip work
 * nobody asked for (loading a whole entity when only its id was selected).
 */
import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/** True when every field selected under the current field (through fragments too) is one of `allowed`. */
export function selectsOnly(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, allowed: readonly string[]): boolean {
  const within = (set: SelectionSetNode | undefined): boolean =>
    (set?.selections ?? []).every((selection) => {
      if (selection.kind === 'Field') return allowed.includes(selection.name.value);
      if (selection.kind === 'InlineFragment') return within(selection.selectionSet);
      const fragment = info.fragments[selection.name.value];
      return fragment !== undefined && within(fragment.selectionSet);
    });
  return info.fieldNodes.every((node) => within(node.selectionSet));
}

/** The names of the fields selected directly under the current field, through fragments (aliases give one name). */
export function selectedFieldNames(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): Set<string> {
  const names = new Set<string>();
  const visit = (set: SelectionSetNode | undefined): void => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === 'Field') names.add(selection.name.value);
      else if (selection.kind === 'InlineFragment') visit(selection.selectionSet);
      else visit(info.fragments[selection.name.value]?.selectionSet);
    }
  };
  info.fieldNodes.forEach((node) => visit(node.selectionSet));
  return names;
}
