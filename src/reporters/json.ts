import type { Finding } from '../finding.js';

export interface JsonReport {
  findings: Finding[];
  summary: { files: number; findings: number; bySeverity: Record<string, number> };
}

/** The JSON contract of conformance/README.md: `{ findings: [...] }`, with extra fields welcome. */
export function formatJson(findings: Finding[], files: number): string {
  const bySeverity: Record<string, number> = {};
  for (const f of findings) bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
  const report: JsonReport = { findings, summary: { files, findings: findings.length, bySeverity } };
  return JSON.stringify(report, null, 2) + '\n';
}
