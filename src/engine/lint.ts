import { readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import type { AnyCheck } from '../check.js';
import type { Finding } from '../finding.js';
import type { IamModel } from '../model/model.js';
import { collectUnits, companionsOf, readSource, reportedPath } from './companions.js';
import { discoverFiles } from './discover.js';
import { FORMATS, type Format, type ParseInputs } from './formats.js';
import { isConfigFile } from './config-files.js';
import { compareFindings } from './report.js';
import { runChecks, type CheckFailure, type RuleSetting } from './run-checks.js';
import type { SourceFile } from './source.js';
import { linkGeneratedFindings, type SourceLinkStats } from './source-map.js';
import { linkPlanFindings } from './plan-map.js';
import { applySuppressions, type SuppressionOptions } from './suppress.js';

export interface LintOptions {
  /** Reported paths are relative to this folder. */
  root: string;
  checks: readonly AnyCheck[];
  ignore?: string[];
  rules?: Readonly<Record<string, RuleSetting>>;
  /** Report only findings in these root-relative files (pre-commit, editors); units are still read whole. */
  reportOnly?: ReadonlySet<string>;
  /** The input formats, in order (tests inject fakes); default: all of them. */
  formats?: readonly Format[];
  /** Inline suppressions (comments, metadata): on by default; the configuration's policy for them. */
  suppressions?: SuppressionOptions;
  /** Configuration-file ignores: globs relative to `base`, applied to named files too. */
  exclude?: { base: string; patterns: readonly string[] };
  /** Terraform inputs from the configuration and the command line, for the Terraform parser. */
  terraform?: { varFiles: string[]; vars: Record<string, unknown> };
  /** CloudFormation parameter values from the configuration and the command line, for the CloudFormation parser. */
  cloudformation?: { parameters: Record<string, unknown> };
}

export interface LintResult {
  /** Findings to report (not suppressed). */
  findings: Finding[];
  /** Findings hidden by an inline suppression, each with `suppressed` set. */
  suppressed: Finding[];
  /** Files read (offered to the parsers). */
  files: number;
  bytes: number;
  units: IamModel['unit'][];
  failures: CheckFailure[];
  /** How findings of generated units (cdk.out) were linked to their source, when both were linted. */
  sourceLinks?: SourceLinkStats;
}

/**
 * Lints files and folders. A file named explicitly brings its format's companions (the rest of its unit, e.g. the
 * other `.tf` files of its folder): they are read so the unit is evaluated whole, but their findings are not reported.
 */
export async function lintPaths(paths: string[], opts: LintOptions): Promise<LintResult> {
  const formats = opts.formats ?? FORMATS;
  const accept = (rel: string): boolean => formats.some((f) => f.matches(rel)) && !isConfigFile(rel);
  let found = discoverFiles(paths, { root: opts.root, ignore: opts.ignore ?? [], accept });
  if (opts.exclude?.patterns.length) found = found.filter(excludeFilter(opts.exclude));
  const sources: SourceFile[] = found.map((f) => ({ abs: f.abs, rel: f.rel, text: readText(f.abs) }));
  const have = new Set(found.map((f) => f.abs));
  const named = found.filter((f) => f.explicit && companionsOf(f.abs, f.rel, formats).some((c) => !have.has(c)));
  if (named.length === 0) return lintSources(sources, opts);
  const extra = collectUnits(
    named.map((f) => f.abs),
    { root: opts.root, formats, read: (abs) => (have.has(abs) ? undefined : readSource(abs)) },
  );
  const companions = extra.sources.filter((s) => !have.has(s.abs));
  const result = await lintSources([...sources, ...companions], opts);
  const skip = new Set(companions.map((s) => s.rel));
  result.findings = result.findings.filter((f) => !skip.has(f.file));
  result.suppressed = result.suppressed.filter((f) => !skip.has(f.file));
  result.files = sources.length;
  return result;
}

/**
 * Lints text that is not (or not yet) on disk, e.g. an editor buffer or stdin, as the file `filename`. The rest of
 * its unit (its companions) is read from disk; only findings in `filename` are reported.
 */
export async function lintText(text: string, filename: string, opts: LintOptions): Promise<LintResult> {
  const abs = resolve(opts.root, filename);
  const formats = opts.formats ?? FORMATS;
  const { sources } = collectUnits([abs], { root: opts.root, formats, overlay: new Map([[abs, text]]) });
  const rel = reportedPath(opts.root, abs);
  return lintSources(sources, { ...opts, reportOnly: opts.reportOnly ?? new Set([rel]) });
}

export async function lintSources(sources: SourceFile[], opts: LintOptions): Promise<LintResult> {
  const models = await parseUnits(sources, opts.formats ?? FORMATS, { terraform: opts.terraform, cloudformation: opts.cloudformation });
  const failures: CheckFailure[] = [];
  const perModel = models.map((m) => runChecks(m, opts.checks, opts.rules, failures));
  const outcome = applySuppressions({ sources, models, findings: perModel, checks: opts.checks, ...(opts.rules ? { rules: opts.rules } : {}), ...(opts.suppressions ? { options: opts.suppressions } : {}) });
  let { active: findings, suppressed } = outcome;
  // Findings of a cloud assembly linted with its CDK app's source are shown on the source lines (source-map.ts).
  let sourceLinks: SourceLinkStats | undefined;
  if (models.some((m) => m.sourceMap)) ({ active: findings, suppressed, stats: sourceLinks } = linkGeneratedFindings(models, findings, suppressed));
  // Findings of a plan whose configuration is linted too are shown on the configuration (plan-map.ts).
  findings = linkPlanFindings(models, findings);
  if (opts.reportOnly) {
    findings = findings.filter((f) => opts.reportOnly?.has(f.file));
    suppressed = suppressed.filter((f) => opts.reportOnly?.has(f.file));
  }
  findings.sort(compareFindings);
  suppressed.sort(compareFindings);
  return {
    findings,
    suppressed,
    files: sources.length,
    bytes: sources.reduce((n, s) => n + s.text.length, 0),
    units: models.map((m) => m.unit),
    failures,
    ...(sourceLinks ? { sourceLinks } : {}),
  };
}

/** Offers files to each format in turn; what one format declines goes on to the next. */
async function parseUnits(sources: SourceFile[], formats: readonly Format[], inputs: ParseInputs): Promise<IamModel[]> {
  const models: IamModel[] = [];
  let remaining = sources;
  for (const format of formats) {
    const mine = remaining.filter((s) => format.matches(s.rel));
    if (mine.length === 0) continue;
    const declined = new Set<SourceFile>();
    const groups = format.group ? format.group(mine) : mine.map((s) => [s]);
    const taken = new Set<SourceFile>();
    for (const group of groups) {
      const model = await format.parse(group, inputs);
      if (model) {
        models.push(model);
        for (const s of group) taken.add(s);
      } else for (const s of group) declined.add(s);
    }
    remaining = remaining.filter((s) => !taken.has(s));
  }
  return models;
}

/** Leaves out files matching the configuration's ignore globs (relative to the configuration's folder). */
function excludeFilter(exclude: NonNullable<LintOptions['exclude']>): (f: { abs: string }) => boolean {
  // `legacy/`, `./legacy` and `/legacy` all mean the folder `legacy` next to the configuration.
  const patterns = exclude.patterns.map((p) => p.replace(/^\.?\//, '').replace(/\/+$/, '')).filter(Boolean);
  const isMatch = picomatch(patterns, { dot: true });
  return (f) => {
    const rel = relative(exclude.base, f.abs).split(sep).join('/');
    if (rel.startsWith('../') || rel === '..') return true;
    // `dir` and `dir/**` both leave out the folder's files.
    return !rel.split('/').some((_, i, parts) => isMatch(parts.slice(0, i + 1).join('/')));
  };
}

function readText(abs: string): string {
  const text = readFileSync(abs, 'utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
