import { parseArgs } from 'node:util';
import { isSeverity, type Severity } from '../severity.js';

export const FORMATS = ['stylish', 'json'] as const;
export type OutputFormat = (typeof FORMATS)[number];

export interface CliArgs {
  paths: string[];
  format: OutputFormat;
  output?: string;
  failOn: Severity | 'none';
  ignore: string[];
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
  return args;
}

export const HELP = `Usage: iamlint [options] [paths...]

Lints AWS IAM in Terraform, CloudFormation, CDK and plain IAM policy JSON files.
Paths default to the current folder; folders are walked honouring .gitignore.

Options:
  -f, --format FORMAT     stylish (default) or json
  -o, --output FILE       write the report to FILE instead of standard output
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
