import { isAbsolute, resolve } from 'node:path';
import { compareFindings } from '../engine/report.js';
import { relativeInside } from '../engine/repo-root.js';
import type { Finding } from '../finding.js';
import { severityRank, type Severity } from '../severity.js';

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface GithubOptions {
  /** Absolute folder the findings' `file` paths are relative to. */
  root: string;
  /** Absolute repository root (GitHub resolves annotation files against the checkout). Defaults to `root`. */
  repoRoot?: string;
  /** Per-level and total caps; GitHub drops annotations past 10 per level per step and 50 per job. */
  perLevel?: number;
  total?: number;
}

export function annotationLevel(s: Severity): AnnotationLevel {
  return s === 'critical' || s === 'high' ? 'error' : s === 'medium' ? 'warning' : 'notice';
}

/** Workflow-command data: `%`, CR and LF escaped. */
export const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/** Workflow-command property values: also `:` and `,`. */
export const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** Most severe first, then by file and position. */
export function bySeverity(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || compareFindings(a, b));
}

/**
 * GitHub Actions workflow commands: one `::error|warning|notice` annotation per finding, most severe first, within
 * GitHub's caps (10 per level per step, 50 per job). What does not fit is printed as plain log lines, and the output
 * ends with a line saying how many findings were not annotated.
 */
export function formatGithub(findings: readonly Finding[], opts: GithubOptions): string {
  const perLevel = opts.perLevel ?? 10;
  const total = opts.total ?? 50;
  const repoRoot = opts.repoRoot ?? opts.root;
  const path = (file: string): string => {
    const abs = isAbsolute(file) ? file : resolve(opts.root, file);
    return relativeInside(repoRoot, abs) ?? abs;
  };
  const used: Record<AnnotationLevel, number> = { error: 0, warning: 0, notice: 0 };
  let annotated = 0;
  const lines: string[] = [];
  const rest: Finding[] = [];
  for (const f of bySeverity(findings)) {
    const level = annotationLevel(f.severity);
    if (used[level] >= perLevel || annotated >= total) {
      rest.push(f);
      continue;
    }
    used[level]++;
    annotated++;
    const props = [
      `file=${escapeProperty(path(f.file))}`,
      `line=${f.line}`,
      `endLine=${f.endLine}`,
      // Columns may only be sent on one-line annotations (actions/toolkit); endColumn is taken as inclusive there.
      ...(f.line === f.endLine ? [`col=${f.column}`, `endColumn=${Math.max(f.column, f.endColumn - 1)}`] : []),
      `title=${escapeProperty(`${f.ruleId} (${f.severity})`)}`,
    ];
    lines.push(`::${level} ${props.join(',')}::${escapeData(`${f.message} [${f.resource}]`)}`);
  }
  for (const f of rest) lines.push(`${path(f.file)}:${f.line}:${f.column}: ${f.severity}: ${f.message} [${f.resource}] (${f.ruleId})`);
  if (rest.length) {
    lines.push(
      `iamlint: ${rest.length} of ${findings.length} finding${findings.length === 1 ? ' was' : 's were'} not annotated ` +
        `(GitHub shows at most ${perLevel} annotations per level per step); they are listed above, and in the SARIF report and job summary.`,
    );
  } else if (findings.length) lines.push(`iamlint: ${findings.length} finding${findings.length === 1 ? '' : 's'}, all annotated.`);
  else lines.push('iamlint: no findings.');
  return lines.join('\n') + '\n';
}
