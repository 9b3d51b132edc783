import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import schemaFile from './empiar-deposition.schema.json';

/**
 * The EMPIAR deposition schema (empiar-depositor 1.6b30, copied unmodified: SCHEMA-NOTICE.md), compiled with
 * Ajv 8 and ajv-formats (`format: email`). Its 27 patterns compile as JavaScript `RegExp(…, "u")`, which is
 * what Ajv uses (docs/empiar.md §3 item 9).
 */

/** One way a document fails the schema: where (a JSON Pointer, `""` for the top) and the schema's complaint. */
export interface SchemaError {
  readonly path: string;
  readonly message: string;
}

/** The top-level keys the schema declares (docs/empiar.md §1.1); it does not forbid others, the server might. */
export const EMPIAR_TOP_LEVEL_KEYS: readonly string[] = Object.keys(schemaFile.properties);

let compiled: ValidateFunction | undefined;

/**
 * Compiled on first use, not on import: Ajv generates code with `new Function`, which a strict Content
 * Security Policy forbids, so merely importing the bundles (as the renderer's types do) must not compile.
 * `$schema` (`http://json-schema.org/schema#`) names no meta-schema Ajv knows; the keywords used are
 * draft-07's, so it is dropped and the rest compiled as draft-07.
 */
function validator(): ValidateFunction {
  if (!compiled) {
    const { $schema: _unknownMetaSchema, ...schema } = schemaFile;
    const ajv = new Ajv({ allErrors: true });
    addFormats(ajv);
    compiled = ajv.compile(schema);
  }
  return compiled;
}

function describe(e: ErrorObject): SchemaError {
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'required') return { path: `${e.instancePath}/${String(params.missingProperty)}`, message: 'is required and missing' };
  if (e.keyword === 'enum') return { path: e.instancePath, message: `must be one of the schema's values (${(params.allowedValues as unknown[]).slice(0, 12).join(', ')}${(params.allowedValues as unknown[]).length > 12 ? ', …' : ''})` };
  return { path: e.instancePath, message: e.message ?? e.keyword };
}

/** Every way `document` fails the EMPIAR schema; `[]` when it is valid. */
export function validateEmpiarDeposition(document: unknown): SchemaError[] {
  const validate = validator();
  return validate(document) ? [] : (validate.errors ?? []).map(describe);
}
