import { describe, expect, it } from '@jest/globals';
import { parseLocatedJson } from '../../parsers/shared/json.js';
import { runChecks } from '../../src/engine/run-checks.js';
import { buildPolicyDocument } from '../../src/model/build-policy.js';
import type { Located, TemplatePart } from '../../src/model/located.js';
import { emptyModel } from '../../src/model/model.js';
import { checkCases } from '../../test/harness/check-tester.js';
import check from './trust-cross-account-no-external-id.js';

/** One statement per line after the header: line 3 is the first statement. */
const policy = (...statements: string[]): string =>
  ['{', '  "Version": "2012-10-17", "Statement": [', statements.map((s) => `    ${s}`).join(',\n'), '  ]', '}'].join('\n');

const assume = (principal: string, extra = ''): string =>
  `{"Effect": "Allow", "Principal": ${principal}, "Action": "sts:AssumeRole"${extra}}`;

checkCases(check, {
  valid: [
    { name: 'a service principal', files: { 'policy.json': policy(assume('{"Service": ["ecs-tasks.amazonaws.com", "lambda.amazonaws.com"]}')) } },
    {
      name: 'a Federated principal',
      files: {
        'policy.json': policy(
          '{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/corp"}, "Action": "sts:AssumeRoleWithSAML", "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}}',
        ),
      },
    },
    {
      name: 'guarded by sts:ExternalId',
      files: { 'policy.json': policy(assume('{"AWS": "arn:aws:iam::111122223333:root"}', ', "Condition": {"StringEquals": {"sts:ExternalId": "a1b2"}}')) },
    },
    {
      name: 'guarded by aws:PrincipalOrgID',
      files: { 'policy.json': policy(assume('{"AWS": "111122223333"}', ', "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}')) },
    },
    {
      name: 'guarded by MFA',
      files: { 'policy.json': policy(assume('{"AWS": "arn:aws:iam::111122223333:root"}', ', "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}')) },
    },
    {
      name: 'an account listed in trustedAccounts',
      files: { 'policy.json': policy(assume('{"AWS": ["arn:aws:iam::111122223333:root", "444455556666"]}')) },
      options: { trustedAccounts: ['111122223333', '444455556666'] },
    },
    { name: 'Principal * is trust-any-principal territory', files: { 'policy.json': policy(assume('{"AWS": "*"}')) } },
    { name: 'a Deny naming an account', files: { 'policy.json': policy('{"Effect": "Deny", "Principal": {"AWS": "111122223333"}, "Action": "sts:AssumeRole"}') } },
    {
      name: 'a role of an account that an unconditional Deny of the same policy takes away (checkov pass3)',
      files: {
        'policy.json': policy(
          '{"Effect": "Deny", "Principal": {"AWS": ["123456789012"]}, "Action": "sts:AssumeRole"}',
          assume('{"AWS": ["arn:aws:iam::123456789012:role/role-name"]}'),
        ),
      },
    },
    {
      name: 'a value that is not an account principal',
      files: { 'policy.json': policy(assume('{"AWS": "some_arn"}')) },
    },
    {
      name: 'guarded by a list of external ids',
      files: { 'policy.json': policy(assume('{"AWS": "111122223333"}', ', "Condition": {"StringEquals": {"sts:ExternalId": ["x1", "x2"]}}')) },
    },
  ],
  invalid: [
    {
      name: 'an account root without conditions points at Principal',
      files: { 'policy.json': policy(assume('{"AWS": "arn:aws:iam::111122223333:root"}')) },
      errors: [
        {
          resource: 'policy.json',
          messageId: 'crossAccount',
          line: 3,
          column: 25,
          endColumn: 79,
          message: 'lets "arn:aws:iam::111122223333:root" from another AWS account ("111122223333") assume the role',
        },
      ],
    },
    {
      name: 'a bare account id, a role ARN and an assumed-role ARN (checkov fail, fail3, fail4)',
      files: {
        'policy.json': policy(
          assume('{"AWS": "123123123123"}'),
          assume('{"AWS": ["arn:aws:iam::123456789012:role/role-name", "123456789012"]}'),
          assume('{"AWS": ["arn:aws:sts::444455556666:assumed-role/ops/jane"]}'),
        ),
      },
      errors: [
        { resource: 'policy.json', messageId: 'crossAccount', line: 3 },
        { resource: 'policy.json', messageId: 'crossAccount', line: 4, message: '"arn:aws:iam::123456789012:role/role-name", "123456789012" from another AWS account ("123456789012")' },
        { resource: 'policy.json', messageId: 'crossAccount', line: 5 },
      ],
    },
    {
      name: 'only the accounts not listed in trustedAccounts are named',
      files: { 'policy.json': policy(assume('{"AWS": ["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root"]}')) },
      options: { trustedAccounts: ['111122223333'] },
      errors: [{ resource: 'policy.json', messageId: 'crossAccount', line: 3, message: '"arn:aws:iam::444455556666:root" from another AWS account ("444455556666")' }],
    },
    {
      name: 'guards that do not count: a wildcard external id, a negated org condition, ForAllValues, a Bool MFA false',
      files: {
        'policy.json': policy(
          assume('{"AWS": "111122223333"}', ', "Condition": {"StringLike": {"sts:ExternalId": "*"}}'),
          assume('{"AWS": "111122223333"}', ', "Condition": {"StringNotEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}'),
          assume('{"AWS": "111122223333"}', ', "Condition": {"ForAllValues:StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}'),
          assume('{"AWS": "111122223333"}', ', "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}'),
          assume('{"AWS": "111122223333"}', ', "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}'),
        ),
      },
      errors: [3, 4, 5, 6, 7].map((line) => ({ resource: 'policy.json', messageId: 'crossAccount', line })),
    },
    {
      name: 'a Deny of another account does not take away the trusted one',
      files: {
        'policy.json': policy(
          '{"Effect": "Deny", "Principal": {"AWS": "999999999999"}, "Action": "sts:AssumeRole"}',
          assume('{"AWS": "arn:aws:iam::123456789012:role/role-name"}'),
        ),
      },
      errors: [{ resource: 'policy.json', messageId: 'crossAccount', line: 4 }],
    },
  ],
});

// ---- templates and unknown values, as the CloudFormation and Terraform parsers produce them ----------------

/** `${AWS::AccountId}` and `${data.aws_caller_identity...}` stand for this account; other `${...}` are plain unknowns. */
function part(text: string): Exclude<TemplatePart, string> {
  if (text === 'AWS::AccountId' || text.startsWith('data.aws_caller_identity.')) return { unknown: text, hint: 'this-account' };
  return { unknown: text };
}

function withUnknowns(v: Located): Located {
  if (v.kind === 'object') return { ...v, entries: v.entries.map((e) => ({ ...e, value: withUnknowns(e.value) })) };
  if (v.kind === 'array') return { ...v, items: v.items.map(withUnknowns) };
  if (v.kind !== 'scalar' || typeof v.value !== 'string' || !v.value.includes('${')) return v;
  const parts: TemplatePart[] = v.value
    .split(/(\$\{[^}]+\})/)
    .filter((p) => p !== '')
    .map((p) => (p.startsWith('${') ? part(p.slice(2, -1)) : p));
  const only = parts[0];
  if (parts.length === 1 && only !== undefined && typeof only !== 'string') {
    return { kind: 'unknown', text: only.unknown, loc: v.loc, ...(only.hint ? { hint: only.hint } : {}) };
  }
  return { kind: 'template', parts, loc: v.loc };
}

function run(text: string, options: Record<string, unknown> = {}) {
  const parsed = parseLocatedJson(text, 'template.json');
  if (!parsed.value) throw new Error('test policy does not parse');
  const model = emptyModel({ kind: 'cloudformation', id: 'template.json', files: ['template.json'] });
  const owner = { address: 'Role', type: 'AWS::IAM::Role', loc: parsed.value.loc };
  model.documents.push(buildPolicyDocument(withUnknowns(parsed.value), { kind: 'trust', owner, path: ['Properties', 'AssumeRolePolicyDocument'] }));
  return runChecks(model, [check], { [check.meta.id]: { options } }).map((f) => ({ resource: f.resource, line: f.line, message: f.message }));
}

describe('trust-cross-account-no-external-id on unresolved values', () => {
  it('treats AWS::AccountId and aws_caller_identity as this account', () => {
    expect(
      run(
        policy(
          assume('{"AWS": "arn:aws:iam::${AWS::AccountId}:root"}'),
          assume('{"AWS": "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/deployer"}'),
          assume('{"AWS": "${AWS::AccountId}"}'),
          assume('{"AWS": "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"}'),
        ),
      ),
    ).toEqual([]);
  });

  it('never fires on an account it cannot resolve', () => {
    expect(run(policy(assume('{"AWS": ["arn:aws:iam::${var.partner_account}:root", "${var.partner_role_arn}", "${TrustedAccount}"]}')))).toEqual([]);
  });

  it('fires on a literal account inside a template', () => {
    expect(run(policy(assume('{"AWS": "arn:${AWS::Partition}:iam::111122223333:root"}')))).toEqual([
      { resource: 'Role', line: 3, message: expect.stringContaining('"arn:${AWS::Partition}:iam::111122223333:root" from another AWS account ("111122223333")') },
    ]);
  });
});

/** A one-stack cloud assembly deploying into 123456789012 whose role trusts `account`. */
function assembly(account: string): Record<string, string> {
  const manifest = {
    version: '41.0.0',
    artifacts: {
      App: { type: 'aws:cloudformation:stack', environment: 'aws://123456789012/us-east-1', properties: { templateFile: 'App.template.json' } },
    },
  };
  const template = {
    Resources: {
      AdminRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole' }],
          },
        },
      },
    },
  };
  return { 'cdk.out/manifest.json': JSON.stringify(manifest, null, 1), 'cdk.out/App.template.json': JSON.stringify(template, null, 1) };
}

checkCases(check, {
  valid: [{ name: 'CDK assembly: the account the stack deploys into is this account, though CDK writes it as a literal', files: assembly('123456789012') }],
  invalid: [
    {
      name: 'CDK assembly: another account still fires',
      files: assembly('999999999999'),
      errors: [{ resource: 'AdminRole', messageId: 'crossAccount', line: 11, file: 'cdk.out/App.template.json' }],
    },
  ],
});
