// Pre-commit latency (a script, not a test): a repository of 1,000 Terraform files (100 root modules of 10 files)
// plus 1,000 policy JSON files; the hook's command is run on one changed file, as pre-commit runs it, and the wall
// time of the whole process is reported (median of 11). Target: <= 1 s.
//   node scripts/bench-precommit.mjs        (after npm run build)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repo = mkdtempSync(join(tmpdir(), 'iamlint-bench-precommit-'));
spawnSync('git', ['init', '-q'], { cwd: repo });

for (let m = 0; m < 100; m++) {
  const dir = join(repo, 'stacks', `svc-${m}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'variables.tf'), 'variable "bucket" {\n  type = string\n}\n');
  writeFileSync(join(dir, 'terraform.tfvars'), `bucket = "bucket-${m}"\n`);
  for (let f = 0; f < 8; f++) {
    writeFileSync(
      join(dir, `iam-${f}.tf`),
      Array.from({ length: 4 }, (_, r) =>
        [
          `data "aws_iam_policy_document" "d${f}_${r}" {`,
          '  statement {',
          `    actions   = ["s3:GetObject", "s3:${r === 0 && f === 0 ? '*' : 'ListBucket'}"]`,
          `    resources = ["arn:aws:s3:::\${var.bucket}/*"]`,
          '  }',
          '}',
          `resource "aws_iam_policy" "p${f}_${r}" {`,
          `  name   = "p-${m}-${f}-${r}"`,
          `  policy = data.aws_iam_policy_document.d${f}_${r}.json`,
          '}',
        ].join('\n'),
      ).join('\n\n') + '\n',
    );
  }
}
mkdirSync(join(repo, 'policies'));
for (let p = 0; p < 1000; p++) {
  writeFileSync(
    join(repo, 'policies', `p${p}.json`),
    JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', p === 0 ? 's3:*' : 's3:ListBucket'], Resource: `arn:aws:s3:::b${p}/*` }] }, null, 2),
  );
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (args) => {
  const walls = [];
  let last;
  for (let i = 0; i < 11; i++) {
    const s = process.hrtime.bigint();
    last = spawnSync(process.execPath, [join(root, 'bin/iamlint.js'), '--format', 'json', ...args], { cwd: repo, encoding: 'utf8', env: { ...process.env, PRE_COMMIT: '1' } });
    walls.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  const report = last.stdout ? JSON.parse(last.stdout) : { findings: [], summary: { files: 0 } };
  return { ms: median(walls), findings: report.findings.length, files: report.summary.files, status: last.status };
};

const rows = [
  ['one .tf file (its unit: a folder of 10)', ['stacks/svc-0/iam-0.tf']],
  ['one policy .json file', ['policies/p0.json']],
  ['two files in two units', ['stacks/svc-1/iam-0.tf', 'policies/p0.json']],
];
console.log(`repository: 1,000 .tf/.tfvars files in 100 folders + 1,000 policy files (${repo})`);
for (const [label, args] of rows) {
  const r = time(args);
  const note = args[0].endsWith('.tf') && r.findings === 0 ? '; no Terraform format in this build, so nothing was parsed' : '';
  console.log(`${label.padEnd(42)} ${r.ms.toFixed(0).padStart(5)} ms wall  (exit ${r.status}, ${r.findings} findings, ${r.files} files named${note})`);
}
const bare = [];
for (let i = 0; i < 11; i++) {
  const s = process.hrtime.bigint();
  spawnSync(process.execPath, ['-e', '0']);
  bare.push(Number(process.hrtime.bigint() - s) / 1e6);
}
console.log(`(bare node -e 0: ${median(bare).toFixed(0)} ms)`);
rmSync(repo, { recursive: true, force: true });
