import { parseArgs } from 'node:util';
import { isSeverity, type Severity } from '../severity.js';

export const FORMATS = ['stylish', 'json', 'sarif', 'github', 'markdown'] as const;
export type OutputFormat = (typeof FORMATS)[number];

export interface CliArgs {
  paths: string[];
  format: OutputFormat;
  output?: string;
  failOn: Severity | 'none';
  ignore: string[];
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
  const format = v.format ?? 'stylish';
  if (!(FORMATS as readonly string[]).includes(format)) throw new ArgsError(`--format must be one of ${FORMATS.join(', ')}, not "${format}"`);
  const failOn = v['fail-on'] ?? 'low';
  if (failOn !== 'none' && !isSeverity(failOn)) throw new ArgsError(`--fail-on must be critical, high, medium, low, info or none, not "${failOn}"`);
  if (v['stdin-filename'] && !v.stdin) throw new ArgsError('--stdin-filename needs --stdin');
  const args: CliArgs = {
    paths: parsed.positionals.length ? parsed.positionals : ['.'],
    format: format as OutputFormat,
    failOn,
    ignore: v.ignore ?? [],
    color: v['no-color'] ? false : v.color,
    stdin: !!v.stdin,
    listRules: !!v['list-rules'],
    version: !!v.version,
    help: !!v.help,
  };
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
      --stdin             lint standard input; name it with --stdin-filename PATH
      --list-rules        list every rule with its severity and description
      --explain RULE      print the documentation of RULE
      --no-color          no colours (also when NO_COLOR is set or output is not a terminal)
  -v, --version           print the version
  -h, --help              print this help

Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage error or unreadable path.
`;
