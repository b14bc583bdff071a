/**
 * Baselines: a committed file that records today's findings, so a legacy repository can adopt iamlint and fail only
 * on new findings. A finding is recorded by its identity (rule, file, resource and logical path: fingerprint.ts),
 * never by line numbers, so edits elsewhere in a file do not turn known findings into new ones. Paths are relative to
 * the baseline file's folder, so the baseline works from any working directory.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Finding } from '../finding.js';
import { findingKey } from './fingerprint.js';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  /** `findingKey` of the finding (rule, file, resource, path), with `file` relative to the baseline's folder. */
  fingerprint: string;
  ruleId: string;
  file: string;
  resource: string;
  path: string;
  /** How many findings share this identity (a rule reporting several things at one path). */
  count: number;
}

export interface BaselineFile {
  tool: 'iamlint';
  version: number;
  findings: BaselineEntry[];
}

export class BaselineError extends Error {}

export interface BaselineOutcome {
  /** Findings not in the baseline. */
  fresh: Finding[];
  /** Findings the baseline knows (not reported). */
  known: number;
  /** Baseline entries (counted per finding) with no finding any more, in the files linted: fixed or removed. */
  gone: number;
}

const toPosix = (p: string): string => (sep === '/' ? p : p.split(sep).join('/'));

/** A finding's file as the baseline names it: relative to the baseline's folder. */
function baselinePath(root: string, baselineFile: string, file: string): string {
  const abs = isAbsolute(file) ? file : resolve(root, file);
  return toPosix(relative(dirname(resolve(baselineFile)), abs));
}

/** The baseline of a set of findings (sorted, so it diffs well). */
export function buildBaseline(findings: readonly Finding[], root: string, baselineFile: string): BaselineFile {
  const byKey = new Map<string, BaselineEntry>();
  for (const f of findings) {
    const file = baselinePath(root, baselineFile, f.file);
    const fingerprint = findingKey({ ...f, file });
    const e = byKey.get(fingerprint);
    if (e) e.count++;
    else byKey.set(fingerprint, { fingerprint, ruleId: f.ruleId, file, resource: f.resource, path: f.path, count: 1 });
  }
  const entries = [...byKey.values()].sort(
    (a, b) => cmp(a.file, b.file) || cmp(a.ruleId, b.ruleId) || cmp(a.resource, b.resource) || cmp(a.path, b.path) || cmp(a.fingerprint, b.fingerprint),
  );
  return { tool: 'iamlint', version: BASELINE_VERSION, findings: entries };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Writes the baseline; returns how many findings it records. */
export function writeBaseline(findings: readonly Finding[], root: string, baselineFile: string): number {
  const baseline = buildBaseline(findings, root, baselineFile);
  writeFileSync(baselineFile, JSON.stringify(baseline, null, 2) + '\n');
  return findings.length;
}

export function readBaseline(baselineFile: string): BaselineFile {
  let text: string;
  try {
    text = readFileSync(baselineFile, 'utf8');
  } catch (e) {
    throw new BaselineError(`cannot read the baseline ${baselineFile}: ${(e as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new BaselineError(`${baselineFile} is not JSON: ${(e as Error).message}`);
  }
  const b = data as Partial<BaselineFile>;
  if (!b || b.tool !== 'iamlint' || !Array.isArray(b.findings)) throw new BaselineError(`${baselineFile} is not an iamlint baseline (write one with --write-baseline)`);
  if (b.version !== BASELINE_VERSION) throw new BaselineError(`${baselineFile} has baseline version ${String(b.version)}; this iamlint reads version ${BASELINE_VERSION}`);
  for (const e of b.findings) {
    if (!e || typeof e.fingerprint !== 'string' || typeof e.file !== 'string' || !Number.isInteger(e.count) || e.count < 1) {
      throw new BaselineError(`${baselineFile} has a malformed entry: ${JSON.stringify(e)}`);
    }
  }
  return b as BaselineFile;
}

/**
 * Splits findings into new ones and known ones. `linted` names the files this run looked at (as findings name them,
 * relative to `root`): only their entries can count as gone, so linting part of a repository does not call the rest
 * fixed.
 */
export function applyBaseline(
  findings: readonly Finding[],
  baseline: BaselineFile,
  opts: { root: string; baselineFile: string; linted: ReadonlySet<string> },
): BaselineOutcome {
  const remaining = new Map<string, number>();
  for (const e of baseline.findings) remaining.set(e.fingerprint, (remaining.get(e.fingerprint) ?? 0) + e.count);
  const fresh: Finding[] = [];
  let known = 0;
  // Findings in position order, so which of several same-identity findings counts as new is stable.
  const ordered = [...findings].sort((a, b) => cmp(a.file, b.file) || a.line - b.line || a.column - b.column);
  for (const f of ordered) {
    const key = findingKey({ ...f, file: baselinePath(opts.root, opts.baselineFile, f.file) });
    const n = remaining.get(key) ?? 0;
    if (n > 0) {
      remaining.set(key, n - 1);
      known++;
    } else fresh.push(f);
  }
  const linted = new Set([...opts.linted].map((f) => baselinePath(opts.root, opts.baselineFile, f)));
  let gone = 0;
  for (const e of baseline.findings) {
    const left = remaining.get(e.fingerprint) ?? 0;
    if (left > 0 && linted.has(e.file)) {
      const take = Math.min(left, e.count);
      gone += take;
      remaining.set(e.fingerprint, left - take);
    }
  }
  const order = new Map(findings.map((f, i) => [f, i]));
  fresh.sort((a, b) => (order.get(a) as number) - (order.get(b) as number));
  return { fresh, known, gone };
}
