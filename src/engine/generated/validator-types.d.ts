/**
 * Types shared by the standalone ajv validators that `scripts/build-config-schemas.mjs` generates beside this file
 * (`config-validator.js`, `custom-rule-validator.js`; not committed).
 */
export interface SchemaValidationError {
  /** JSON Pointer to the offending value, e.g. `/rules/admin-access/severity`. */
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
  /** The schema object that holds the failing keyword (the validators are compiled with ajv's `verbose`). */
  parentSchema?: Record<string, unknown>;
}

export interface SchemaValidator {
  (data: unknown): boolean;
  /** The errors of the last call; null when it passed. */
  errors?: SchemaValidationError[] | null;
}
