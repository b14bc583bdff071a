import { parseArgs } from 'node:util';
import { isSeverity, type Severity } from '../severity.js';

export const FORMATS = ['stylish', 'json', 'sarif', 'github', 'markdown'] as const;
export type OutputFormat = (typeof FORMATS)[number];

export interface CliArgs {
  paths: string[];
  /** Undefined when not given: the configuration's `format`, else stylish. */
  format?: OutputFormat;
  output?: string;
  /** Undefined when not given: the configuration's `failOn`, else low. */
  failOn?: Severity | 'none';
  ignore: string[];
  /** A configuration file to use instead of the nearest one. */
  config?: string;
  /** Use no configuration file. */
  noConfig: boolean;
  /** Terraform variable files and values, added to the configuration's. */
  varFiles: string[];
  vars: Record<string, string>;
  /** CloudFormation parameter values, added to the configuration's. */
  parameters: Record<string, string>;
  /** Custom rule files or folders, added to the configuration's. */
  customRules: string[];
  /** Ignore every inline and metadata suppression. */
  noInlineSuppressions: boolean;
  /** Show suppressed findings in stylish, github and markdown output too. */
  reportSuppressed: boolean;
  /** Report only findings not recorded in this baseline file. */
  baseline?: string;
  /** Record the current findings in this baseline file. */
  writeBaseline?: string;
  /** Report only findings on lines changed since this git revision. */
  changedSince?: string;
  /** Also write a SARIF report here. */
  sarifFile?: string;
  color: boolean | undefined;
  stdin: boolean;
  stdinFilename?: string;
  listRules: boolean;
  explain?: string;
  version: boolean;
  help: boolean;
}

export class ArgsError extends Error {}

export function parseCliArgs(argv: string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        'fail-on': { type: 'string' },
        ignore: { type: 'string', multiple: true },
        'changed-since': { type: 'string' },
        'sarif-file': { type: 'string' },
        config: { type: 'string', short: 'c' },
        'no-config': { type: 'boolean' },
        'var-file': { type: 'string', multiple: true },
        var: { type: 'string', multiple: true },
        parameter: { type: 'string', multiple: true },
        'custom-rules': { type: 'string', multiple: true },
        'no-inline-suppressions': { type: 'boolean' },
        'report-suppressed': { type: 'boolean' },
        baseline: { type: 'string' },
        'write-baseline': { type: 'string' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        stdin: { type: 'boolean' },
        'stdin-filename': { type: 'string' },
        'list-rules': { type: 'boolean' },
        explain: { type: 'string' },
        version: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new ArgsError(e instanceof Error ? e.message : String(e));
  }
  const v = parsed.values;
  const format = v.format;
  if (format !== undefined && !(FORMATS as readonly string[]).includes(format)) throw new ArgsError(`--format must be one of ${FORMATS.join(', ')}, not "${format}"`);
  const failOn = v['fail-on'];
  if (failOn !== undefined && failOn !== 'none' && !isSeverity(failOn)) throw new ArgsError(`--fail-on must be critical, high, medium, low, info or none, not "${failOn}"`);
  if (v['stdin-filename'] && !v.stdin) throw new ArgsError('--stdin-filename needs --stdin');
  if (v.config && v['no-config']) throw new ArgsError('--config and --no-config cannot be combined');
  if (v.baseline && v['write-baseline']) throw new ArgsError('--baseline and --write-baseline cannot be combined');
  const args: CliArgs = {
    paths: parsed.positionals.length ? parsed.positionals : ['.'],
    ignore: v.ignore ?? [],
    noConfig: !!v['no-config'],
    varFiles: v['var-file'] ?? [],
    vars: pairs(v.var ?? [], '--var'),
    parameters: pairs(v.parameter ?? [], '--parameter'),
    customRules: v['custom-rules'] ?? [],
    noInlineSuppressions: !!v['no-inline-suppressions'],
    reportSuppressed: !!v['report-suppressed'],
    color: v['no-color'] ? false : v.color,
    stdin: !!v.stdin,
    listRules: !!v['list-rules'],
    version: !!v.version,
    help: !!v.help,
  };
  if (format !== undefined) args.format = format as OutputFormat;
  if (failOn !== undefined) args.failOn = failOn as Severity | 'none';
  if (v.config) args.config = v.config;
  if (v.baseline) args.baseline = v.baseline;
  if (v['write-baseline']) args.writeBaseline = v['write-baseline'];
  if (v.output) args.output = v.output;
  if (v['stdin-filename']) args.stdinFilename = v['stdin-filename'];
  if (v.explain) args.explain = v.explain;
  if (v['changed-since'] !== undefined) {
    if (!v['changed-since'] || v['changed-since'].startsWith('-')) throw new ArgsError('--changed-since needs a git revision, e.g. origin/main');
    if (v.stdin) throw new ArgsError('--changed-since cannot be combined with --stdin');
    args.changedSince = v['changed-since'];
  }
  if (v['sarif-file']) args.sarifFile = v['sarif-file'];
  return args;
}

/** `NAME=VALUE` options as a map (the last value of a name wins). */
function pairs(items: string[], option: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new ArgsError(`${option} needs NAME=VALUE, not "${item}"`);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

export const HELP = `Usage: iamlint [options] [paths...]
       iamlint lsp             start the language server on standard input/output

Lints AWS IAM in Terraform, CloudFormation, CDK and plain IAM policy JSON files.
Paths default to the current folder; folders are walked honouring .gitignore.
Files named one by one (as pre-commit does) are evaluated with the rest of their
unit (e.g. their Terraform folder), but only findings in those files are reported.

Options:
  -f, --format FORMAT     stylish (default), json, sarif (GitHub code scanning),
                          github (workflow annotations; with $GITHUB_STEP_SUMMARY
                          set, also a job summary) or markdown
  -o, --output FILE       write the report to FILE instead of standard output
      --sarif-file FILE   also write a SARIF report to FILE
      --changed-since REF report only findings on lines added or changed since the
                          git revision REF (its merge base with HEAD), untracked
                          files included; units are still evaluated whole
      --fail-on LEVEL     exit 1 when a finding is at or above LEVEL:
                          critical, high, medium, low (default), info, or none
      --ignore GLOB       leave out files matching GLOB (repeatable)
  -c, --config FILE       use this configuration file instead of the nearest
                          .iamlint.yml/.iamlint.yaml/.iamlint.json/iamlint.config.json
      --no-config         use no configuration file
      --var-file FILE     Terraform variable file (repeatable)
      --var NAME=VALUE    Terraform variable value (repeatable)
      --parameter NAME=VALUE
                          CloudFormation parameter value (repeatable)
      --custom-rules PATH custom rule file or folder (repeatable)
      --no-inline-suppressions
                          ignore every iamlint-ignore comment and metadata suppression
      --report-suppressed show suppressed findings (JSON and SARIF always include them)
      --write-baseline FILE
                          record the current findings in FILE and report none of them
      --baseline FILE     report only findings not recorded in FILE (also: "baseline"
                          in the configuration)
      --stdin             lint standard input; name it with --stdin-filename PATH
      --list-rules        list every rule with its severity and description
      --explain RULE      print the documentation of RULE
      --no-color          no colours (also when NO_COLOR is set or output is not a terminal)
  -v, --version           print the version
  -h, --help              print this help

Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage, configuration or rule file error, or unreadable path.
`;
