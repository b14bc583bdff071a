import type { Finding } from '../finding.js';
import { SEVERITIES, type Severity } from '../severity.js';

export interface StylishOptions {
  color: boolean;
  /** How many findings inline suppressions hid (for the summary); those passed in are shown, marked. */
  suppressed?: number;
}

const SEVERITY_COLOR: Record<Severity, string> = {
  critical: '\u001b[1;31m',
  high: '\u001b[31m',
  medium: '\u001b[33m',
  low: '\u001b[36m',
  info: '\u001b[2m',
};

/** ESLint-like output: findings grouped by file, `line:col  severity  message  rule-id`, then a summary line. */
export function formatStylish(findings: Finding[], files: number, opts: StylishOptions): string {
  const paint = (code: string, s: string): string => (opts.color ? `${code}${s}\u001b[0m` : s);
  const dim = (s: string): string => paint('\u001b[2m', s);
  const out: string[] = [];
  let current: string | undefined;
  for (const f of findings) {
    if (f.file !== current) {
      if (current !== undefined) out.push('');
      out.push(paint('\u001b[4m', f.file));
      current = f.file;
    }
    const pos = `${f.line}:${f.column}`.padEnd(8);
    const sev = paint(SEVERITY_COLOR[f.severity], f.severity.padEnd(8));
    out.push(`  ${dim(pos)} ${sev}  ${f.message}  ${dim(f.ruleId)}`);
    out.push(`  ${' '.repeat(8)} ${dim(`${' '.repeat(10)}resource: ${f.resource}`)}`);
    if (f.suppressed) {
      const until = f.suppressed.until ? ` until ${f.suppressed.until}` : '';
      out.push(`  ${' '.repeat(8)} ${dim(`${' '.repeat(10)}suppressed${until}: ${f.suppressed.reason}`)}`);
    }
  }
  const problems = findings.filter((f) => !f.suppressed);
  const counts = SEVERITIES.map((s) => [s, problems.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
  const hidden = opts.suppressed ? `, ${opts.suppressed} suppressed` : '';
  if (out.length) out.push('');
  if (problems.length === 0) out.push(paint('\u001b[32m', `✔ no problems in ${files} file${files === 1 ? '' : 's'}${hidden}`));
  else {
    const detail = counts.map(([s, n]) => `${n} ${s}`).join(', ');
    out.push(paint('\u001b[1m', `✖ ${problems.length} problem${problems.length === 1 ? '' : 's'} (${detail}) in ${files} file${files === 1 ? '' : 's'}${hidden}`));
  }
  return out.join('\n') + '\n';
}
