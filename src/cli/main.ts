import { appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ALL_CHECKS } from '../../checks/index.js';
import { changedSince, filterChanged } from '../engine/changed.js';
import { reportedPath } from '../engine/companions.js';
import { UsageError } from '../engine/discover.js';
import { lintPaths, lintText, type LintResult } from '../engine/lint.js';
import { findRepoRoot } from '../engine/repo-root.js';
import type { Finding } from '../finding.js';
import { packageVersion } from '../package-root.js';
import { formatGithub } from '../reporters/github.js';
import { formatJson } from '../reporters/json.js';
import { formatMarkdown, githubLinkTarget } from '../reporters/markdown.js';
import { formatSarif } from '../reporters/sarif.js';
import { formatStylish } from '../reporters/stylish.js';
import { severityRank } from '../severity.js';
import { ArgsError, HELP, parseCliArgs, type CliArgs } from './args.js';
import { explain, listRules } from './explain.js';

export interface CliIo {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readStdin: () => string;
  isTty: boolean;
  env: Record<string, string | undefined>;
}

const defaultIo = (): CliIo => ({
  cwd: process.cwd(),
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  readStdin: () => readFileSync(0, 'utf8'),
  isTty: !!process.stdout.isTTY,
  env: process.env,
});

/** Runs the CLI; returns the exit code (0 clean, 1 findings at or above --fail-on, 2 usage or I/O error). */
export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  if (argv[0] === 'lsp') {
    const { startServer } = await import('../lsp/server.js');
    return startServer();
  }
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
  } catch (e) {
    if (e instanceof ArgsError) {
      io.stderr(`iamlint: ${e.message}\n\n${HELP}`);
      return 2;
    }
    throw e;
  }
  if (args.help) return io.stdout(HELP), 0;
  if (args.version) return io.stdout(`${packageVersion()}\n`), 0;
  if (args.listRules) return io.stdout(listRules(ALL_CHECKS)), 0;
  if (args.explain !== undefined) {
    const check = ALL_CHECKS.find((c) => c.meta.id === args.explain);
    if (!check) {
      io.stderr(`iamlint: no rule "${args.explain}"; --list-rules shows them all\n`);
      return 2;
    }
    return io.stdout(explain(check)), 0;
  }

  let result: LintResult;
  try {
    const opts = { root: io.cwd, checks: ALL_CHECKS, ignore: args.ignore };
    if (args.stdin) result = await lintText(io.readStdin(), args.stdinFilename ?? 'stdin.json', opts);
    else {
      // Files named one by one (pre-commit, lint-staged): evaluate their units, report only on them.
      const named = namedFiles(args.paths, io.cwd);
      result = await lintPaths(args.paths, named ? { ...opts, reportOnly: named } : opts);
    }
    if (args.changedSince) result.findings = filterChanged(result.findings, changedSince(args.changedSince, io.cwd));
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`iamlint: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  for (const f of result.failures) io.stderr(`iamlint: internal error in rule ${f.ruleId} on ${f.unit}; other rules ran.\n${f.error}\n`);

  const color = args.color ?? (io.isTty && !args.output && !io.env['NO_COLOR']);
  const root = io.cwd;
  const repoRoot = findRepoRoot(root) ?? root;
  const rules = ALL_CHECKS.map((c) => c.meta);
  const sarif = (): string => formatSarif(result.findings, { rules, version: packageVersion(), root, repoRoot, failures: result.failures });
  const markdown = (): string =>
    formatMarkdown(result.findings, { root, repoRoot, files: result.files, rules, github: githubLinkTarget(io.env) });
  let text: string;
  switch (args.format) {
    case 'json':
      text = formatJson(result.findings, result.files);
      break;
    case 'sarif':
      text = sarif();
      break;
    case 'github':
      text = formatGithub(result.findings, { root, repoRoot });
      if (io.env['GITHUB_STEP_SUMMARY']) appendFileSync(io.env['GITHUB_STEP_SUMMARY'], markdown());
      break;
    case 'markdown':
      text = markdown();
      break;
    default:
      text = formatStylish(result.findings, result.files, { color });
  }
  try {
    if (args.sarifFile) writeFileSync(resolve(io.cwd, args.sarifFile), args.format === 'sarif' ? text : sarif());
    if (args.output) writeFileSync(resolve(io.cwd, args.output), text);
    else io.stdout(text);
  } catch (e) {
    io.stderr(`iamlint: cannot write the report: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  return failing(result.findings, args.failOn) ? 1 : 0;
}

/** When every path names a file (not a folder), their reported paths: only findings in them are reported. */
function namedFiles(paths: string[], cwd: string): Set<string> | undefined {
  const out = new Set<string>();
  for (const p of paths) {
    const abs = resolve(cwd, p);
    try {
      if (!statSync(abs).isFile()) return undefined;
    } catch {
      return undefined; // discovery reports the missing path
    }
    out.add(reportedPath(cwd, abs));
  }
  return out.size ? out : undefined;
}

function failing(findings: Finding[], failOn: CliArgs['failOn']): boolean {
  if (failOn === 'none') return false;
  const threshold = severityRank(failOn);
  return findings.some((f) => severityRank(f.severity) >= threshold);
}
