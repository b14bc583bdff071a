import type { Finding } from '../finding.js';

export interface JsonReport {
  findings: Finding[];
  /** `findings` and `bySeverity` count the findings not suppressed; `suppressed` the others (marked `suppressed`). */
  summary: { files: number; findings: number; bySeverity: Record<string, number>; suppressed: number };
}

/** The JSON contract of conformance/README.md: `{ findings: [...] }`, with extra fields welcome. */
export function formatJson(findings: Finding[], files: number): string {
  const bySeverity: Record<string, number> = {};
  let suppressed = 0;
  for (const f of findings) {
    if (f.suppressed) suppressed++;
    else bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
  }
  const report: JsonReport = { findings, summary: { files, findings: findings.length - suppressed, bySeverity, suppressed } };
  return JSON.stringify(report, null, 2) + '\n';
}
