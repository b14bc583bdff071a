/** Validates SARIF logs against the vendored SARIF 2.1.0 schema (draft-04; see the NOTICE beside the fixture). */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvDraft04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';

type Validate = ((data: unknown) => boolean) & { errors?: unknown[] | null };
interface AjvLike {
  compile(schema: object): Validate;
}
type AjvCtor = new (opts: object) => AjvLike;

// CommonJS packages: the default export is module.exports under Node's interop, `.default` under others.
const interop = <T>(m: unknown): T => ((m as { default?: T }).default ?? m) as T;
const Ajv = interop<AjvCtor>(AjvDraft04Module);
const addFormats = interop<(ajv: AjvLike) => void>(addFormatsModule);

let validate: Validate | undefined;

export function sarifValidator(): Validate {
  if (!validate) {
    const here = dirname(fileURLToPath(import.meta.url));
    const schema = JSON.parse(readFileSync(join(here, '../fixtures/sarif-2.1.0.schema.json'), 'utf8')) as object;
    // The schema has one pattern that is invalid under the `u` flag (deps-spike notes).
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    validate = ajv.compile(schema);
  }
  return validate;
}
