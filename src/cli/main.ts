import { appendFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ALL_CHECKS } from '../../checks/index.js';
import type { AnyCheck } from '../check.js';
import { applyBaseline, BaselineError, readBaseline, writeBaseline } from '../engine/baseline.js';
import { changedSince, filterChanged } from '../engine/changed.js';
import { reportedPath } from '../engine/companions.js';
import {
  checkRuleIds,
  commonFolder,
  ConfigError,
  configPath,
  findConfigFile,
  loadConfigFile,
  requireExisting,
  type LoadedConfig,
} from '../engine/config.js';
import { UsageError } from '../engine/discover.js';
import { lintPaths, lintText, type LintOptions, type LintResult } from '../engine/lint.js';
import { compareFindings } from '../engine/report.js';
import { findRepoRoot } from '../engine/repo-root.js';
import type { Finding } from '../finding.js';
import { packageVersion } from '../package-root.js';
import { formatGithub } from '../reporters/github.js';
import { formatJson } from '../reporters/json.js';
import { formatMarkdown, githubLinkTarget } from '../reporters/markdown.js';
import { formatSarif } from '../reporters/sarif.js';
import { formatStylish } from '../reporters/stylish.js';
import { severityRank, type Severity } from '../severity.js';
import { ArgsError, FORMATS, HELP, parseCliArgs, type CliArgs, type OutputFormat } from './args.js';
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

/** Runs the CLI; returns the exit code (0 clean, 1 findings at or above --fail-on, 2 usage, configuration, rule-file or I/O error). */
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

  let setup: RunSetup;
  try {
    setup = await prepare(args, io);
  } catch (e) {
    if (e instanceof ConfigError || e instanceof BaselineError) {
      io.stderr(`iamlint: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const { checks } = setup;
  if (args.listRules) return io.stdout(listRules(checks)), 0;
  if (args.explain !== undefined) {
    const check = checks.find((c) => c.meta.id === args.explain);
    if (!check) {
      io.stderr(`iamlint: no rule "${args.explain}"; --list-rules shows them all\n`);
      return 2;
    }
    const file = (check as { file?: string }).file;
    return io.stdout(file ? `${explain(check)}\nA custom rule, defined in ${file}.\n` : explain(check)), 0;
  }

  let result: LintResult;
  try {
    const opts = setup.lint;
    if (args.stdin) result = await lintText(io.readStdin(), args.stdinFilename ?? 'stdin.json', opts);
    else {
      // Files named one by one (pre-commit, lint-staged): evaluate their units, report only on them.
      const named = namedFiles(args.paths, io.cwd);
      result = await lintPaths(args.paths, named ? { ...opts, reportOnly: named } : opts);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`iamlint: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  for (const f of result.failures) io.stderr(`iamlint: internal error in rule ${f.ruleId} on ${f.unit}; other rules ran.\n${f.error}\n`);

  // Baselines, before --changed-since narrows the findings (so that entries outside the diff are not called fixed).
  try {
    if (args.writeBaseline) {
      const file = resolve(io.cwd, args.writeBaseline);
      const n = writeBaseline(result.findings, io.cwd, file);
      io.stderr(`iamlint: wrote ${n} finding${n === 1 ? '' : 's'} to the baseline ${reportedPath(io.cwd, file)}\n`);
      result.findings = [];
    } else if (setup.baseline && !(setup.baselineOptional && !existsSync(setup.baseline))) {
      const baseline = readBaseline(setup.baseline);
      const linted = args.stdin ? new Set([reportedPath(io.cwd, resolve(io.cwd, args.stdinFilename ?? 'stdin.json'))]) : (namedFiles(args.paths, io.cwd) ?? new Set(result.units.flatMap((u) => u.files)));
      const outcome = applyBaseline(result.findings, baseline, { root: io.cwd, baselineFile: setup.baseline, linted });
      result.findings = outcome.fresh;
      io.stderr(
        `iamlint: baseline ${reportedPath(io.cwd, setup.baseline)}: ${outcome.known} known finding${outcome.known === 1 ? '' : 's'} not reported, ` +
          `${outcome.gone} baseline entr${outcome.gone === 1 ? 'y' : 'ies'} gone (fixed or removed)\n`,
      );
    }
  } catch (e) {
    if (e instanceof BaselineError) {
      io.stderr(`iamlint: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (args.changedSince) {
    try {
      const changed = changedSince(args.changedSince, io.cwd);
      result.findings = filterChanged(result.findings, changed);
      result.suppressed = filterChanged(result.suppressed, changed);
    } catch (e) {
      if (e instanceof UsageError) {
        io.stderr(`iamlint: ${e.message}\n`);
        return 2;
      }
      throw e;
    }
  }

  const color = args.color ?? (io.isTty && !args.output && !io.env['NO_COLOR']);
  const root = io.cwd;
  const repoRoot = findRepoRoot(root) ?? root;
  const rules = checks.map((c) => c.meta);
  // JSON and SARIF always carry suppressed findings, marked as such; the other formats show them on request.
  const withSuppressed = [...result.findings, ...result.suppressed].sort(compareFindings);
  const shown = args.reportSuppressed ? withSuppressed : result.findings;
  const sarif = (): string => formatSarif(withSuppressed, { rules, version: packageVersion(), root, repoRoot, failures: result.failures });
  const markdown = (): string =>
    formatMarkdown(result.findings, { root, repoRoot, files: result.files, rules, github: githubLinkTarget(io.env) });
  let text: string;
  switch (setup.format) {
    case 'json':
      text = formatJson(withSuppressed, result.files);
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
      text = formatStylish(shown, result.files, { color, suppressed: result.suppressed.length });
  }
  try {
    if (args.sarifFile) writeFileSync(resolve(io.cwd, args.sarifFile), setup.format === 'sarif' ? text : sarif());
    if (args.output) writeFileSync(resolve(io.cwd, args.output), text);
    else io.stdout(text);
  } catch (e) {
    io.stderr(`iamlint: cannot write the report: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  return failing(result.findings, setup.failOn) ? 1 : 0;
}

/** What a run uses, from the command line and the configuration file. */
export interface RunSetup {
  checks: readonly AnyCheck[];
  lint: LintOptions;
  format: OutputFormat;
  failOn: Severity | 'none';
  /** Absolute path of the baseline to apply. */
  baseline?: string;
  /** Named by the configuration: a baseline not written yet is no error. */
  baselineOptional?: boolean;
}

/** Loads the configuration and the custom rules, and merges them with the command line (which wins). Exported for tests. */
export async function prepare(args: CliArgs, io: CliIo): Promise<RunSetup> {
  const display = (abs: string): string => reportedPath(io.cwd, abs);
  let loaded: LoadedConfig | undefined;
  if (args.config) loaded = await loadConfigFile(resolve(io.cwd, args.config), args.config);
  else if (!args.noConfig) {
    const start = args.stdin ? dirname(resolve(io.cwd, args.stdinFilename ?? 'stdin.json')) : commonFolder(args.paths, io.cwd);
    const found = findConfigFile(start);
    if (found) loaded = await loadConfigFile(found, display(found));
  }
  const config = loaded?.config ?? {};
  const builtIn = new Set(ALL_CHECKS.map((c) => c.meta.id));
  const rulePaths = [...(loaded ? (config.customRules ?? []).map((p) => configPath(loaded, p)) : []), ...args.customRules.map((p) => resolve(io.cwd, p))];
  let checks: readonly AnyCheck[] = ALL_CHECKS;
  if (rulePaths.length) {
    // Loaded only when there are custom rules, so a plain run does not pay for them.
    const { loadCustomRules } = await import('../custom-rules/load.js');
    checks = [...ALL_CHECKS, ...(await loadCustomRules(rulePaths, builtIn, display))];
  }
  const known = new Set(checks.map((c) => c.meta.id));
  if (loaded) {
    checkRuleIds(loaded, known);
    requireExisting(loaded, 'varFiles');
  }
  const policy = config.suppressions ?? {};
  const lint: LintOptions = {
    root: io.cwd,
    checks,
    ignore: args.ignore,
    suppressions: { ...policy, inline: !args.noInlineSuppressions && policy.inline !== false, knownRules: known },
    terraform: {
      varFiles: [...(loaded ? (config.varFiles ?? []).map((p) => configPath(loaded, p)) : []), ...args.varFiles.map((p) => resolve(io.cwd, p))],
      vars: { ...(config.vars ?? {}), ...args.vars },
    },
    cloudformation: { parameters: { ...(config.parameters ?? {}), ...args.parameters } },
  };
  if (config.rules) lint.rules = config.rules;
  if (loaded && config.ignore?.length) lint.exclude = { base: loaded.dir, patterns: config.ignore };
  const format = args.format ?? (config.format as OutputFormat | undefined) ?? 'stylish';
  if (!(FORMATS as readonly string[]).includes(format)) throw new ConfigError([{ file: loaded?.source.file ?? '', line: 1, column: 1, message: `unknown format "${format}"` }]);
  const setup: RunSetup = { checks, lint, format, failOn: args.failOn ?? config.failOn ?? 'low' };
  if (args.baseline) setup.baseline = resolve(io.cwd, args.baseline);
  else if (loaded && config.baseline) {
    setup.baseline = configPath(loaded, config.baseline);
    setup.baselineOptional = true;
  }
  return setup;
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

function failing(findings: Finding[], failOn: Severity | 'none'): boolean {
  if (failOn === 'none') return false;
  const threshold = severityRank(failOn);
  return findings.some((f) => severityRank(f.severity) >= threshold);
}
