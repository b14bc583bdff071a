/**
 * Reads `iamlint` suppressions written in a format's own structure, for parsers: CloudFormation (and the templates of
 * a CDK assembly, where `cfnOptions.metadata` puts them) carry them under a resource's or the template's `Metadata`:
 *
 * ```yaml
 * Metadata:
 *   iamlint:
 *     ignore:
 *       - rule: wildcard-resource
 *         reason: log groups are created at run time
 *         expires: 2026-12-31      # optional; `until` is accepted too
 * ```
 *
 * A parser calls `declaredSuppressions(metadataValue, { file, resource })` for each resource (and once with no
 * `resource` for the template-level `Metadata`) and appends the result to `model.suppressions`.
 */
import { entry, type Located } from './located.js';
import type { DeclaredSuppression } from './model.js';

export function declaredSuppressions(metadata: Located | undefined, scope: DeclaredSuppression['scope']): DeclaredSuppression[] {
  if (metadata?.kind !== 'object') return [];
  const own = entry(metadata, 'iamlint');
  if (!own) return [];
  const problem = (message: string, at: Located): DeclaredSuppression => ({ rule: '', scope, loc: at.loc, problem: message });
  if (own.value.kind !== 'object') return [problem('"iamlint" metadata must be a map with an "ignore" list', own.value)];
  const ignore = entry(own.value, 'ignore');
  if (!ignore) return [problem('"iamlint" metadata has no "ignore" list', own.value)];
  if (ignore.value.kind !== 'array') return [problem('"iamlint.ignore" must be a list of { rule, reason, expires? }', ignore.value)];
  const out: DeclaredSuppression[] = [];
  for (const item of ignore.value.items) {
    if (item.kind !== 'object') {
      out.push(problem('each "iamlint.ignore" entry must be a map { rule, reason, expires? }', item));
      continue;
    }
    const text = (key: string): string | undefined => {
      const v = entry(item, key)?.value;
      return v?.kind === 'scalar' && v.value !== null && v.value !== '' ? String(v.value) : undefined;
    };
    const rule = text('rule');
    const unknownKeys = item.entries.filter((e) => !['rule', 'reason', 'expires', 'until'].includes(e.key)).map((e) => e.key);
    const s: DeclaredSuppression = { rule: rule ?? '', scope, loc: item.loc };
    const reason = text('reason');
    const expires = text('expires') ?? text('until');
    if (reason !== undefined) s.reason = reason;
    if (expires !== undefined) s.expires = expires;
    if (rule === undefined) s.problem = 'the entry has no "rule"';
    else if (unknownKeys.length) s.problem = `unknown key "${unknownKeys[0]}" (expected rule, reason, expires)`;
    out.push(s);
  }
  return out;
}
