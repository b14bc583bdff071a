import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AnyCheck } from '../check.js';
import type { Finding } from '../finding.js';
import type { IamModel } from '../model/model.js';
import { collectUnits, companionsOf, readSource, reportedPath } from './companions.js';
import { discoverFiles } from './discover.js';
import { FORMATS, type Format } from './formats.js';
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
  /** The input formats, in order (tests inject fakes); default: all of them. */
  formats?: readonly Format[];
}

export interface LintResult {
  findings: Finding[];
  /** Files read (offered to the parsers). */
  files: number;
  bytes: number;
  units: IamModel['unit'][];
  failures: CheckFailure[];
}

/**
 * Lints files and folders. A file named explicitly brings its format's companions (the rest of its unit, e.g. the
 * other `.tf` files of its folder): they are read so the unit is evaluated whole, but their findings are not reported.
 */
export async function lintPaths(paths: string[], opts: LintOptions): Promise<LintResult> {
  const formats = opts.formats ?? FORMATS;
  const accept = (rel: string): boolean => formats.some((f) => f.matches(rel));
  const found = discoverFiles(paths, { root: opts.root, ignore: opts.ignore ?? [], accept });
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
  const models = await parseUnits(sources, opts.formats ?? FORMATS);
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
async function parseUnits(sources: SourceFile[], formats: readonly Format[]): Promise<IamModel[]> {
  const models: IamModel[] = [];
  let remaining = sources;
  for (const format of formats) {
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
