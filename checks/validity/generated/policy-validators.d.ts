/**
 * Types of the standalone ajv validators that `scripts/build-schemas.mjs` generates beside this file
 * (`policy-validators.js`, not committed) from `schema/policy/*.schema.json`, one per policy grammar.
 */
export interface PolicyValidationError {
  /** JSON Pointer to the offending value, e.g. `/Statement/0/Effect`. */
  instancePath: string;
  /** Where in the schema the failing keyword is, e.g. `#/definitions/actionExclusive/not`. */
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

export interface PolicyValidator {
  (data: unknown): boolean;
  /** The errors of the last call; null when it passed. */
  errors?: PolicyValidationError[] | null;
}

export declare const validateIdentity: PolicyValidator;
export declare const validateResource: PolicyValidator;
export declare const validateTrust: PolicyValidator;
