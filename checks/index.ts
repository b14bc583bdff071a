/** The registry: every check, explicitly. Nothing else imports a check module. Kept sorted by id at export. */
import type { AnyCheck } from '../src/check.js';
import parseError from './parse/parse-error.js';
// least-privilege: admin/wildcards/Not* (imports)
// least-privilege: risky action classes, MFA, principals (imports)
// validity (imports)

const checks: AnyCheck[] = [
  parseError,
  // least-privilege: admin/wildcards/Not* (entries)
  // least-privilege: risky action classes, MFA, principals (entries)
  // validity (entries)
];

export const ALL_CHECKS: readonly AnyCheck[] = checks.sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1));
