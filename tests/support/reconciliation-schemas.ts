/**
 * The Reconciliation Service API 0.2 JSON Schemas (tests/fixtures/reconciliation-schemas, copied
 * unchanged from reconciliation-api/specs), compiled with ajv as the specs repository's own
 * test.sh runs them: every schema added, so `type.json` and the Swagger schema resolve by $id.
 * They declare "http://json-schema.org/schema#", which ajv does not ship: the schemas are not
 * checked against a meta-schema, only used.
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

const dir = path.join(__dirname, '../fixtures/reconciliation-schemas/0.2');

export type ReconciliationSchema =
  | 'manifest'
  | 'reconciliation-query-batch'
  | 'reconciliation-result-batch'
  | 'suggest-entities-response'
  | 'suggest-properties-response'
  | 'suggest-types-response';

function load(): Ajv {
  const ajv = new Ajv({ strict: false, validateSchema: false, allErrors: true });
  addFormats(ajv);
  for (const file of fs.readdirSync(dir).filter((name) => name.endsWith('.json')))
    ajv.addSchema(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as object);
  return ajv;
}

let ajv: Ajv | undefined;

/** The validator of one of the spec's schemas. */
export function reconciliationSchema(name: ReconciliationSchema): ValidateFunction {
  ajv ??= load();
  const id = name === 'reconciliation-query-batch' ? 'reconciliation-query' : name;
  const validate = ajv.getSchema(`https://reconciliation-api.github.io/specs/0.2/schemas/${id}.json`);
  if (!validate) throw new Error(`no schema ${name} in ${dir}`);
  return validate;
}

/** `value`'s problems against the schema, as "path message" lines; [] when it is valid. */
export function schemaProblems(name: ReconciliationSchema, value: unknown): string[] {
  const validate = reconciliationSchema(name);
  return validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`);
}
