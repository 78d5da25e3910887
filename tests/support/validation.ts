/** What bundle validation says of an input, for tests of its refusals. */
import { BundleValidationError, validateBundle, type BundleProblem } from '../../src/ingest/bundle';

/** The problems validateBundle reports for `input`, each with its JSON path; [] when it is accepted. */
export function validationProblems(input: unknown): BundleProblem[] {
  try {
    validateBundle(input, 'test.json');
  } catch (error) {
    if (error instanceof BundleValidationError) return error.problems;
    throw error;
  }
  return [];
}
