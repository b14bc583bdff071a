/** Values the user supplies (Terraform -var/-var-file, CloudFormation parameters) reach the parsers and change what is known. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, type CliIo } from '../../src/cli/main.js';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'iamlint-inputs-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

async function rules(argv: string[], cwd: string): Promise<string[]> {
  let out = '';
  const io: CliIo = { cwd, stdout: (s) => (out += s), stderr: () => undefined, readStdin: () => '', isTty: false, env: {} };
  await main(['--format', 'json', ...argv], io);
  return (JSON.parse(out) as { findings: { ruleId: string; resource: string }[] }).findings.map((f) => `${f.ruleId} ${f.resource}`);
}

const TF = `variable "action" {
  type = string
}

variable "resources" {
  type = list(string)
}

resource "aws_iam_policy" "app" {
  name = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = var.action, Resource = var.resources }]
  })
}
`;

const CFN = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Action:
    Type: String
Resources:
  AppPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: !Ref Action
            Resource: arn:aws:s3:::bucket/*
`;

describe('user-supplied inputs', () => {
  it('Terraform variables without values stay unknown: no wildcard finding', async () => {
    const dir = project({ 'main.tf': TF });
    expect((await rules(['.'], dir)).filter((r) => r.startsWith('wildcard'))).toEqual([]);
  });

  it('--var and --var-file give them values, which the checks then see', async () => {
    const dir = project({ 'main.tf': TF, 'prod.tfvars': 'resources = ["*"]\n' });
    const found = await rules(['--var', 'action=s3:*', '--var-file', 'prod.tfvars', '.'], dir);
    expect(found).toEqual(expect.arrayContaining(['wildcard-action aws_iam_policy.app', 'wildcard-resource aws_iam_policy.app']));
  });

  it('a CloudFormation parameter without default stays unknown; --parameter gives it a value', async () => {
    const dir = project({ 'template.yaml': CFN });
    expect((await rules(['.'], dir)).filter((r) => r.startsWith('wildcard-action'))).toEqual([]);
    expect(await rules(['--parameter', 'Action=iam:*', '.'], dir)).toContain('wildcard-action AppPolicy');
  });
});
