import { readFileSync, writeFileSync } from 'node:fs';
import { ALL_CHECKS } from '../../checks/index.js';
import { UsageError } from '../engine/discover.js';
import { lintPaths, lintText, type LintResult } from '../engine/lint.js';
import type { Finding } from '../finding.js';
import { packageVersion } from '../package-root.js';
import { formatJson } from '../reporters/json.js';
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
    result = args.stdin
      ? await lintText(io.readStdin(), args.stdinFilename ?? 'stdin.json', opts)
      : await lintPaths(args.paths, opts);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`iamlint: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  for (const f of result.failures) io.stderr(`iamlint: internal error in rule ${f.ruleId} on ${f.unit}; other rules ran.\n${f.error}\n`);

  const color = args.color ?? (io.isTty && !args.output && !io.env['NO_COLOR']);
  const text = args.format === 'json' ? formatJson(result.findings, result.files) : formatStylish(result.findings, result.files, { color });
  if (args.output) writeFileSync(args.output, text);
  else io.stdout(text);
  return failing(result.findings, args.failOn) ? 1 : 0;
}

function failing(findings: Finding[], failOn: CliArgs['failOn']): boolean {
  if (failOn === 'none') return false;
  const threshold = severityRank(failOn);
  return findings.some((f) => severityRank(f.severity) >= threshold);
}
