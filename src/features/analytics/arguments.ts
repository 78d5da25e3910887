/**
 * Checks of the analytics arguments, before anything reaches the repository: each failure is an
 * InvalidArgumentError naming the argument and the values allowed (BAD_USER_INPUT).
 */
import { InvalidArgumentError } from '../../core/errors';
import { entitySpec, type EntityTypeName } from '../../core/model/registry';
import { dimensionsOf, type Dimension } from './dimensions';

/** Dimensions of one group-by: a cell per combination of two dimensions' values is what a chart can show. */
export const maxGroupDimensions = 2;
/** Entities of one commonConnections question: each adds a walk over its facts. */
export const maxInterlockEntities = 10;
/** Fewer than two entities share nothing. */
export const minInterlockEntities = 2;

/**
 * The dimensions `by` asks for a list of `type`: at least one, each one the type takes (see
 * dimensionsOf), no repeats, at most `max`.
 */
export function dimensionsArgument(argument: string, by: readonly string[], type: EntityTypeName, max: number | null = null): Dimension[] {
  const allowed = dimensionsOf(type);
  const listed = `one of ${allowed.join(', ')} (the dimensions a list of ${entitySpec(type).listField} takes)`;
  if (by.length === 0) throw new InvalidArgumentError(argument, `at least one dimension, ${listed}`, by);
  if (max !== null && by.length > max) throw new InvalidArgumentError(argument, `at most ${max} dimensions, each ${listed}`, by);
  by.forEach((dimension, i) => {
    if (!(allowed as string[]).includes(dimension)) throw new InvalidArgumentError(`${argument}[${i}]`, listed, dimension);
  });
  if (new Set(by).size !== by.length) throw new InvalidArgumentError(argument, 'each dimension once', by);
  return [...by] as Dimension[];
}

/** A series needs a dated type: its date is what it counts by. */
export function seriesTypeArgument(argument: string, type: EntityTypeName): void {
  if (!entitySpec(type).dated)
    throw new InvalidArgumentError(
      argument,
      `no series: ${entitySpec(type).listField} have no date of their own (dated lists: memoranda, serviceCenters, trainings, awards, events, statistics)`,
    );
}

/** The given ids of commonConnections: 2 to maxInterlockEntities distinct ids. */
export function interlockEntitiesArgument(argument: string, ids: readonly string[]): string[] {
  const distinct = [...new Set(ids)];
  if (distinct.length < minInterlockEntities || distinct.length > maxInterlockEntities) {
    throw new InvalidArgumentError(
      argument,
      `${minInterlockEntities} to ${maxInterlockEntities} distinct entity ids`,
      ids.length > maxInterlockEntities ? `${ids.length} ids` : ids,
    );
  }
  return distinct;
}
