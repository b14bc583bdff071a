import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation, type Range } from 'vscode-languageserver/node';
import type { CheckMeta } from '../check.js';
import { ruleDocUrl } from '../engine/rule-docs.js';
import type { Finding } from '../finding.js';
import type { Severity } from '../severity.js';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  critical: DiagnosticSeverity.Error,
  high: DiagnosticSeverity.Error,
  medium: DiagnosticSeverity.Warning,
  low: DiagnosticSeverity.Information,
  info: DiagnosticSeverity.Hint,
};

/** 1-based line/column with an exclusive end column (the model's spans) to a 0-based LSP range; both count UTF-16 units. */
export function toRange(l: Pick<Finding, 'line' | 'column' | 'endLine' | 'endColumn'>): Range {
  const start = { line: Math.max(0, l.line - 1), character: Math.max(0, l.column - 1) };
  let end = { line: Math.max(0, l.endLine - 1), character: Math.max(0, l.endColumn - 1) };
  if (end.line < start.line || (end.line === start.line && end.character < start.character)) end = { ...start };
  return { start, end };
}

export type RuleDocs = ReadonlyMap<string, Pick<CheckMeta<string>, 'id' | 'category'>>;

/** A finding as an editor diagnostic: rule id as `code` with a link to its documentation, related places as related information. */
export function toDiagnostic(f: Finding, root: string, rules: RuleDocs): Diagnostic {
  const d: Diagnostic = {
    range: toRange(f),
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    source: 'iamlint',
    message: `${f.message} [${f.resource}]`,
    data: { ruleId: f.ruleId, resource: f.resource, path: f.path },
  };
  const meta = rules.get(f.ruleId);
  if (meta) d.codeDescription = { href: ruleDocUrl(meta) };
  if (f.related?.length) {
    d.relatedInformation = f.related.map(
      (r): DiagnosticRelatedInformation => ({ location: { uri: pathToFileURL(resolve(root, r.file)).href, range: toRange(r) }, message: r.message }),
    );
  }
  return d;
}
