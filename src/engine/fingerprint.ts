import { createHash } from 'node:crypto';
import type { Finding } from '../finding.js';

/**
 * A finding's identity, independent of where its lines sit: rule, file, resource and the logical path of the
 * offending element (`Statement/1/Action`). Inserting or removing lines elsewhere in the file leaves it unchanged;
 * renaming the resource, moving it to another file or changing the element it points at changes it.
 */
export function findingKey(f: Pick<Finding, 'ruleId' | 'file' | 'resource' | 'path'>): string {
  return createHash('sha256').update([f.ruleId, f.file, f.resource, f.path].join('\u0000')).digest('hex').slice(0, 16);
}

/**
 * Stable fingerprints for a set of findings, in the shape of SARIF's `primaryLocationLineHash` (`hash:occurrence`).
 * Findings that share a key (the same rule reporting two things at one path) are numbered in the order of their
 * positions, so the numbering too survives lines moving. Returns one fingerprint per finding, in input order.
 */
export function fingerprints(findings: readonly Finding[]): string[] {
  const keys = findings.map(findingKey);
  const order = findings.map((_, i) => i).sort((a, b) => {
    const fa = findings[a] as Finding;
    const fb = findings[b] as Finding;
    return fa.line - fb.line || fa.column - fb.column || fa.endLine - fb.endLine || fa.endColumn - fb.endColumn || a - b;
  });
  const seen = new Map<string, number>();
  const out = new Array<string>(findings.length);
  for (const i of order) {
    const key = keys[i] as string;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    out[i] = `${key}:${n}`;
  }
  return out;
}
