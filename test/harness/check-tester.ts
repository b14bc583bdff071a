/**
 * ESLint-style tables for checks: `valid` cases must produce no finding of the check; `invalid` cases must produce
 * exactly the findings listed (resource, messageId, line, and optionally the rest of the span), no more, no fewer.
 */
import { expect, it, describe } from '@jest/globals';
import type { AnyCheck } from '../../src/check.js';
import { lintSources } from '../../src/engine/lint.js';
import type { Finding } from '../../src/finding.js';

export interface CheckCase {
  name: string;
  /** `{ 'policy.json': '...' }`: an in-memory project. */
  files: Record<string, string>;
  options?: Record<string, unknown>;
}

export interface ExpectedFinding {
  resource: string;
  messageId: string;
  line: number;
  endLine?: number;
  column?: number;
  endColumn?: number;
  file?: string;
  /** A substring the message must contain. */
  message?: string;
  severity?: string;
}

export interface InvalidCase extends CheckCase {
  errors: ExpectedFinding[];
}

export async function findingsOf(check: AnyCheck, c: CheckCase): Promise<Finding[]> {
  const sources = Object.entries(c.files).map(([rel, text]) => ({ abs: `/virtual/${rel}`, rel, text }));
  const rules = c.options ? { [check.meta.id]: { options: c.options } } : {};
  const result = await lintSources(sources, { root: '/virtual', checks: [check], rules });
  if (result.failures.length) throw new Error(`check threw: ${result.failures.map((f) => f.error).join('\n')}`);
  return result.findings.filter((f) => f.ruleId === check.meta.id);
}

function pick(f: Finding, e: ExpectedFinding): ExpectedFinding {
  const out: ExpectedFinding = { resource: f.resource, messageId: f.messageId, line: f.line };
  if (e.endLine !== undefined) out.endLine = f.endLine;
  if (e.column !== undefined) out.column = f.column;
  if (e.endColumn !== undefined) out.endColumn = f.endColumn;
  if (e.file !== undefined) out.file = f.file;
  if (e.severity !== undefined) out.severity = f.severity;
  if (e.message !== undefined) out.message = f.message.includes(e.message) ? e.message : f.message;
  return out;
}

export function checkCases(check: AnyCheck, cases: { valid: CheckCase[]; invalid: InvalidCase[] }): void {
  describe(check.meta.id, () => {
    if (cases.valid.length === 0 || cases.invalid.length === 0) throw new Error(`${check.meta.id}: needs valid and invalid cases`);
    describe('valid', () => {
      for (const c of cases.valid) {
        it(c.name, async () => {
          const found = await findingsOf(check, c);
          expect(found.map((f) => `${f.resource}:${f.line} ${f.message}`)).toEqual([]);
        });
      }
    });
    describe('invalid', () => {
      for (const c of cases.invalid) {
        it(c.name, async () => {
          if (c.errors.length === 0) throw new Error('an invalid case must list its findings');
          const found = await findingsOf(check, c);
          const sortKey = (e: ExpectedFinding) => `${String(e.line).padStart(6, '0')}|${e.resource}|${e.messageId}`;
          const expected = [...c.errors].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1));
          const actual = [...found]
            .sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1))
            .map((f, i) => pick(f, expected[i] ?? { resource: '', messageId: '', line: 0 }));
          expect(actual).toEqual(expected);
        });
      }
    });
  });
}
