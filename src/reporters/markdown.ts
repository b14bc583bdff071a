import { isAbsolute, resolve } from 'node:path';
import { relativeInside } from '../engine/repo-root.js';
import { ruleDocUrl } from '../engine/rule-docs.js';
import type { Finding } from '../finding.js';
import { SEVERITIES, severityRank, type Severity } from '../severity.js';
import { bySeverity } from './github.js';
import type { RuleMeta } from './sarif.js';

export interface MarkdownOptions {
  /** Absolute folder the findings' `file` paths are relative to. */
  root: string;
  /** Absolute repository root; links and paths are relative to it. Defaults to `root`. */
  repoRoot?: string;
  /** Files read, for the headline. */
  files: number;
  rules: readonly RuleMeta[];
  /** When set, locations link to the file on GitHub at this commit. */
  github?: { serverUrl: string; repository: string; sha: string };
  /** How many findings to list (default 20). */
  top?: number;
}

const ICON: Record<Severity, string> = { critical: '🟥', high: '🟧', medium: '🟨', low: '🟦', info: '⬜' };

/** GitHub's blob links, from the variables every Actions job has. */
export function githubLinkTarget(env: Record<string, string | undefined>): MarkdownOptions['github'] {
  const { GITHUB_SERVER_URL: serverUrl, GITHUB_REPOSITORY: repository, GITHUB_SHA: sha } = env;
  return serverUrl && repository && sha ? { serverUrl, repository, sha } : undefined;
}

/** Table cells: no line breaks, no column breaks, no raw HTML. */
const cell = (s: string): string => s.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A markdown summary for a pull request or a job summary (`$GITHUB_STEP_SUMMARY`): counts by severity, a table by
 * rule and the most severe findings with links to their lines.
 */
export function formatMarkdown(findings: readonly Finding[], opts: MarkdownOptions): string {
  const repoRoot = opts.repoRoot ?? opts.root;
  const top = opts.top ?? 20;
  const path = (file: string): string => {
    const abs = isAbsolute(file) ? file : resolve(opts.root, file);
    return relativeInside(repoRoot, abs) ?? abs;
  };
  const link = (f: Finding): string => {
    const p = path(f.file);
    const label = `${p}:${f.line}`;
    const lines = f.endLine > f.line ? `#L${f.line}-L${f.endLine}` : `#L${f.line}`;
    const encoded = p.split('/').map(encodeURIComponent).join('/');
    const href = opts.github ? `${opts.github.serverUrl}/${opts.github.repository}/blob/${opts.github.sha}/${encoded}${lines}` : `${encoded}${lines}`;
    return `[${cell(label).replace(/[[\]]/g, '\\$&')}](${href})`;
  };
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

  const out: string[] = [];
  if (findings.length === 0) {
    out.push(`### iamlint: no findings`, '', `No IAM problems in ${plural(opts.files, 'file')}.`);
    return out.join('\n') + '\n';
  }
  out.push(`### iamlint: ${plural(findings.length, 'finding')} in ${plural(opts.files, 'file')}`, '');
  out.push('| severity | findings |', '|---|---:|');
  for (const s of SEVERITIES) {
    const n = findings.filter((f) => f.severity === s).length;
    if (n) out.push(`| ${ICON[s]} ${s} | ${n} |`);
  }

  const meta = new Map(opts.rules.map((r) => [r.id, r]));
  const perRule = new Map<string, { count: number; worst: Severity }>();
  for (const f of findings) {
    const r = perRule.get(f.ruleId);
    if (!r) perRule.set(f.ruleId, { count: 1, worst: f.severity });
    else {
      r.count++;
      if (severityRank(f.severity) > severityRank(r.worst)) r.worst = f.severity;
    }
  }
  const ruleRows = [...perRule].sort(([a, x], [b, y]) => severityRank(y.worst) - severityRank(x.worst) || y.count - x.count || (a < b ? -1 : 1));
  out.push('', '#### By rule', '', '| rule | severity | findings | description |', '|---|---|---:|---|');
  for (const [id, r] of ruleRows) {
    const m = meta.get(id);
    const name = m ? `[\`${id}\`](${ruleDocUrl(m)})` : `\`${id}\``;
    out.push(`| ${name} | ${r.worst} | ${r.count} | ${cell(m?.description ?? '')} |`);
  }

  const shown = bySeverity(findings).slice(0, top);
  out.push('', findings.length > shown.length ? `#### Top ${shown.length} findings` : '#### Findings', '');
  out.push('| severity | location | rule | resource | message |', '|---|---|---|---|---|');
  for (const f of shown) out.push(`| ${ICON[f.severity]} ${f.severity} | ${link(f)} | \`${f.ruleId}\` | \`${cell(f.resource)}\` | ${cell(f.message)} |`);
  if (findings.length > shown.length) out.push('', `…and ${plural(findings.length - shown.length, 'more finding')}: see the code scanning alerts or run \`iamlint\` locally.`);
  return out.join('\n') + '\n';
}
