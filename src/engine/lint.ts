import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AnyCheck } from '../check.js';
import type { Finding } from '../finding.js';
import type { IamModel } from '../model/model.js';
import { discoverFiles } from './discover.js';
import { FORMATS, isCandidate } from './formats.js';
import { compareFindings } from './report.js';
import { runChecks, type CheckFailure, type RuleSetting } from './run-checks.js';
import type { SourceFile } from './source.js';

export interface LintOptions {
  /** Reported paths are relative to this folder. */
  root: string;
  checks: readonly AnyCheck[];
  ignore?: string[];
  rules?: Readonly<Record<string, RuleSetting>>;
  /** Report only findings in these root-relative files (pre-commit, editors); units are still read whole. */
  reportOnly?: ReadonlySet<string>;
}

export interface LintResult {
  findings: Finding[];
  /** Files read (offered to the parsers). */
  files: number;
  bytes: number;
  units: IamModel['unit'][];
  failures: CheckFailure[];
}

export async function lintPaths(paths: string[], opts: LintOptions): Promise<LintResult> {
  const found = discoverFiles(paths, { root: opts.root, ignore: opts.ignore ?? [], accept: isCandidate });
  const sources: SourceFile[] = found.map((f) => ({ abs: f.abs, rel: f.rel, text: readText(f.abs) }));
  return lintSources(sources, opts);
}

/** Lints text that is not (or not yet) on disk, e.g. an editor buffer or stdin. */
export async function lintText(text: string, filename: string, opts: LintOptions): Promise<LintResult> {
  const abs = resolve(opts.root, filename);
  const rel = filename.replace(/\\/g, '/');
  return lintSources([{ abs, rel, text }], opts);
}

export async function lintSources(sources: SourceFile[], opts: LintOptions): Promise<LintResult> {
  const models = await parseUnits(sources);
  const failures: CheckFailure[] = [];
  let findings = models.flatMap((m) => runChecks(m, opts.checks, opts.rules, failures));
  if (opts.reportOnly) findings = findings.filter((f) => opts.reportOnly?.has(f.file));
  findings.sort(compareFindings);
  return {
    findings,
    files: sources.length,
    bytes: sources.reduce((n, s) => n + s.text.length, 0),
    units: models.map((m) => m.unit),
    failures,
  };
}

/** Offers files to each format in turn; what one format declines goes on to the next. */
async function parseUnits(sources: SourceFile[]): Promise<IamModel[]> {
  const models: IamModel[] = [];
  let remaining = sources;
  for (const format of FORMATS) {
    const mine = remaining.filter((s) => format.matches(s.rel));
    if (mine.length === 0) continue;
    const declined = new Set<SourceFile>();
    const groups = format.group ? format.group(mine) : mine.map((s) => [s]);
    const taken = new Set<SourceFile>();
    for (const group of groups) {
      const model = await format.parse(group);
      if (model) {
        models.push(model);
        for (const s of group) taken.add(s);
      } else for (const s of group) declined.add(s);
    }
    remaining = remaining.filter((s) => !taken.has(s));
  }
  return models;
}

function readText(abs: string): string {
  const text = readFileSync(abs, 'utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
