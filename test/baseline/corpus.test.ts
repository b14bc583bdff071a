/**
 * A baseline survives edits elsewhere in a file: written for a copy of ../shared/bench-corpus (or, without it, a
 * generated corpus), then 20 blank lines inserted at the top of 50 files that have findings, the run reports zero
 * new findings although every one of their lines moved. IAMLINT_GENERATED_CORPUS=1 uses the generated corpus.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, type CliIo } from '../../src/cli/main.js';

const corpus = process.env['IAMLINT_GENERATED_CORPUS'] ? '/nonexistent' : join(process.cwd(), '../shared/bench-corpus');

async function run(argv: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { cwd, stdout: (s) => (out += s), stderr: (s) => (err += s), readStdin: () => '', isTty: false, env: {} };
  return { code: await main(argv, io), out, err };
}

/** Policies and templates with findings in most files, when the bench corpus is not there. */
function generatedCorpus(dir: string): void {
  for (let i = 0; i < 120; i++) {
    mkdirSync(join(dir, `p${i % 7}`), { recursive: true });
    const statements = [
      { Sid: `S${i}`, Effect: 'Allow', Action: i % 2 ? '*' : ['s3:PutObject', 'iam:PassRole'], Resource: '*' },
      { Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: i % 3 ? '*' : `arn:aws:dynamodb:us-east-1:111122223333:table/t${i}` },
    ];
    writeFileSync(join(dir, `p${i % 7}`, `policy-${i}.json`), JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2));
    const template = [
      'Resources:',
      `  Role${i}:`,
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      AssumeRolePolicyDocument:',
      '        Statement:',
      `          - { Effect: Allow, Principal: { AWS: "arn:aws:iam::${String(100000000000 + i)}:root" }, Action: sts:AssumeRole }`,
      '      Policies:',
      '        - PolicyName: p',
      '          PolicyDocument:',
      '            Statement:',
      "              - { Effect: Allow, Action: 'sqs:*', Resource: '*' }",
    ].join('\n');
    writeFileSync(join(dir, `p${i % 7}`, `template-${i}.yaml`), template + '\n');
  }
}

describe('baseline stability', () => {
  it('20 blank lines at the top of 50 files leave zero new findings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamlint-corpus-'));
    if (existsSync(corpus)) cpSync(corpus, dir, { recursive: true });
    else generatedCorpus(dir);

    const before = await run(['-f', 'json', '--fail-on', 'none', '--write-baseline', join(dir, '.baseline.json'), '.'], dir);
    expect(before.code).toBe(0);
    const all = await run(['-f', 'json', '--fail-on', 'none', '.'], dir);
    const findings = (JSON.parse(all.out) as { findings: { file: string; line: number; suppressed?: unknown }[] }).findings.filter((f) => !f.suppressed);
    const files = [...new Set(findings.map((f) => f.file))].sort().slice(0, 50);
    expect(files.length).toBe(50);
    for (const f of files) writeFileSync(join(dir, f), '\n'.repeat(20) + readFileSync(join(dir, f), 'utf8'));

    const after = await run(['-f', 'json', '--baseline', join(dir, '.baseline.json'), '.'], dir);
    const fresh = (JSON.parse(after.out) as { findings: { ruleId: string; file: string; line: number; suppressed?: unknown }[] }).findings.filter((f) => !f.suppressed);
    expect(fresh.map((f) => `${f.file}:${f.line} ${f.ruleId}`)).toEqual([]);
    expect(after.code).toBe(0);
    expect(after.err).toMatch(new RegExp(`: ${findings.length} known findings not reported, 0 baseline entries gone`));

    // The lines really moved: without the baseline the same findings sit 20 lines lower.
    const moved = await run(['-f', 'json', '--fail-on', 'none', ...files], dir);
    const first = (JSON.parse(moved.out) as { findings: { file: string; line: number }[] }).findings.find((f) => f.file === files[0]);
    const original = findings.find((f) => f.file === files[0]);
    expect(first && original && first.line - original.line).toBe(20);
  }, 600_000);
});
