import { describe, expect, it } from '@jest/globals';
import { runChecks } from '../../src/engine/run-checks.js';
import type { PermissionGrant } from '../../src/model/entities.js';
import type { Location } from '../../src/model/location.js';
import { emptyModel } from '../../src/model/model.js';
import type { Scalar } from '../../src/model/scalar.js';
import { checkCases } from '../../test/harness/check-tester.js';
import check from './resource-policy-public.js';

/** One statement per line after the header: line 3 is the first statement. */
const policy = (...statements: string[]): string =>
  ['{', '  "Version": "2012-10-17", "Statement": [', statements.map((s) => `    ${s}`).join(',\n'), '  ]', '}'].join('\n');

const get = (principal: string, extra = ''): string =>
  `{"Effect": "Allow", "Principal": ${principal}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"${extra}}`;
const cond = (c: string): string => `, "Condition": ${c}`;

checkCases(check, {
  valid: [
    { name: 'a named account', files: { 'policy.json': policy(get('{"AWS": "arn:aws:iam::111122223333:root"}')) } },
    { name: 'named users (cdk-nag compliance)', files: { 'policy.json': policy(get('{"AWS": ["arn:aws:iam::111122223333:user/a", "arn:aws:iam::111122223333:user/b"]}')) } },
    { name: 'a Deny with Principal *', files: { 'policy.json': policy('{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::reports/*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}') } },
    { name: 'a service principal', files: { 'policy.json': policy('{"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::logs/*", "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}}') } },
    {
      name: 'constrained: PrincipalOrgID, SourceVpce, SourceVpc, VpceAccount, SourceArn with an account, SourceAccount, SourceIp, kms:CallerAccount, userid, PrincipalArn naming an account',
      files: {
        'policy.json': policy(
          get('"*"', cond('{"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}')),
          get('"*"', cond('{"StringEquals": {"aws:sourceVpce": "vpce-123abc456def7890g"}}')),
          get('"*"', cond('{"StringEquals": {"aws:SourceVpc": "vpc-12345678"}}')),
          get('"*"', cond('{"StringEquals": {"aws:VpceAccount": "111122223333"}}')),
          get('"*"', cond('{"ArnLike": {"aws:SourceArn": "arn:aws:cloudtrail:*:111122223333:trail/*"}}')),
          get('{"AWS": "*"}', cond('{"StringEquals": {"aws:SourceAccount": "111122223333"}}')),
          get('{"AWS": "*"}', cond('{"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}')),
          get('{"AWS": "*"}', cond('{"StringEquals": {"kms:CallerAccount": "111122223333"}}')),
          get('"*"', cond('{"StringLike": {"aws:userid": "AROAEXAMPLE1234567890:*"}}')),
          get('{"AWS": "*"}', cond('{"ArnLike": {"aws:PrincipalArn": "arn:aws:service:region:accountId:resourceType/resourceId"}}')),
          get('"*"', cond('{"ForAnyValue:StringEquals": {"aws:PrincipalOrgID": ["o-a1b2c3d4e5", "o-f6g7h8i9j0"]}}')),
        ),
      },
    },
    {
      name: 'a principal listed in allowedPrincipals',
      files: { 'policy.json': policy(get('{"AWS": "arn:aws:iam::*:role/public-reader"}')) },
      options: { allowedPrincipals: ['arn:aws:iam::*:role/public-reader'] },
    },
    { name: 'a trust policy with Principal * (trust-any-principal territory)', files: { 'policy.json': policy('{"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}') } },
    { name: 'an identity policy has no principal', files: { 'policy.json': policy('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}') } },
    { name: 'an empty-string principal is odd but not public', files: { 'policy.json': policy(get('{"AWS": ""}')) } },
  ],
  invalid: [
    {
      name: 'Principal "*" points at the Principal attribute and names the actions',
      files: { 'policy.json': policy(get('"*"')) },
      errors: [{ resource: 'policy.json', messageId: 'publicStatement', line: 3, column: 25, endColumn: 41, message: 'grants "s3:GetObject" to "*" with no condition' }],
    },
    {
      name: '{"AWS": "*"}, a list holding "*", a wildcard-account ARN, an (invalid) list as Principal',
      files: {
        'policy.json': policy(
          get('{"AWS": "*"}'),
          get('{"AWS": ["arn:aws:iam::123456789101:role/sqs", "*"]}'),
          get('{"AWS": "arn:aws:iam::*:role/vault-reader"}'),
          get('["foo", "*"]'),
          get('{"AWS": "*", "CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"}'),
        ),
      },
      errors: [
        { resource: 'policy.json', messageId: 'publicStatement', line: 3 },
        { resource: 'policy.json', messageId: 'publicStatement', line: 4 },
        { resource: 'policy.json', messageId: 'publicStatement', line: 5, message: 'to "arn:aws:iam::*:role/vault-reader"' },
        { resource: 'policy.json', messageId: 'publicStatement', line: 6 },
        { resource: 'policy.json', messageId: 'publicStatement', line: 7 },
      ],
    },
    {
      name: 'conditions that do not narrow who',
      files: {
        'policy.json': policy(
          get('"*"', cond('{"StringLike": {"aws:Referer": "https://example.com/*"}}')),
          get('"*"', cond('{"ForAllValues:StringEquals": {"aws:username": "pull-user-1"}}')),
          get('"*"', cond('{"ForAllValues:StringEquals": {"aws:PrincipalOrgID": "o-12345678"}}')),
          get('"*"', cond('{"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::*"}}')),
          get('"*"', cond('{"ArnNotEquals": {"aws:PrincipalArn": "arn:aws:iam::123455555555:user/username"}}')),
          get('"*"', cond('{"StringEquals": {"aws:PrincipalOrgID": "*"}}')),
          get('"*"', cond('{"ArnLike": {"aws:SourceArn": "arn:aws:s3:::*"}}')),
          get('"*"', cond('{"Bool": {"aws:SecureTransport": "true"}}')),
          get('"*"', cond('{}')),
          get('"*"', cond('{"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "0.0.0.0/0"]}}')),
        ),
      },
      errors: [3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((line) => ({ resource: 'policy.json', messageId: 'publicStatement', line })),
    },
    {
      name: 'a statement without Effect is read as a grant; NotAction and many actions are named',
      files: {
        'policy.json': policy(
          '{"Principal": "*", "Action": ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueUrl"], "Resource": "*"}',
          '{"Effect": "Allow", "Principal": "*", "NotAction": "sqs:DeleteQueue", "Resource": "*"}',
        ),
      },
      errors: [
        { resource: 'policy.json', messageId: 'publicStatement', line: 3, message: 'grants "sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage" and 1 more to "*"' },
        { resource: 'policy.json', messageId: 'publicStatement', line: 4, message: 'grants every action except "sqs:DeleteQueue" to "*"' },
      ],
    },
    {
      name: 'only the listed allowed principal is exempt',
      files: { 'policy.json': policy(get('{"AWS": ["arn:aws:iam::*:role/public-reader", "*"]}')) },
      options: { allowedPrincipals: ['arn:aws:iam::*:role/public-reader'] },
      errors: [{ resource: 'policy.json', messageId: 'publicStatement', line: 3, message: 'to "*"' }],
    },
  ],
});

// ---- Lambda permissions and function URLs, as the IaC parsers produce them --------------------------------

const at = (line: number): Location => ({ file: 'template.yaml', line, column: 5, endLine: line, endColumn: 20 });
const lit = (value: string, line: number): Scalar => ({ kind: 'literal', value, type: 'string', loc: at(line) });

function grant(name: string, line: number, props: Partial<Omit<PermissionGrant, 'ref' | 'loc'>> & { principal: Scalar }): PermissionGrant {
  return { ref: { address: name, type: 'AWS::Lambda::Permission', loc: at(line) }, conditions: [], loc: at(line), ...props };
}

function run(grants: PermissionGrant[], options: Record<string, unknown> = {}) {
  const model = emptyModel({ kind: 'cloudformation', id: 'template.yaml', files: ['template.yaml'] });
  model.permissionGrants.push(...grants);
  return runChecks(model, [check], { [check.meta.id]: { options } }).map((f) => ({ resource: f.resource, messageId: f.messageId, line: f.line }));
}

describe('resource-policy-public on Lambda permissions', () => {
  it('fires on principal * with no source or organization, at the principal', () => {
    expect(run([grant('Open', 10, { principal: lit('*', 12), action: lit('lambda:InvokeFunction', 11) })])).toEqual([
      { resource: 'Open', messageId: 'publicGrant', line: 12 },
    ]);
  });

  it('fires on a public function URL (auth type NONE) and a wildcard-account principal', () => {
    expect(
      run([
        grant('Url', 10, { principal: lit('*', 11), action: lit('lambda:InvokeFunctionUrl', 12), conditions: [{ key: 'FunctionUrlAuthType', value: lit('NONE', 13) }] }),
        grant('AnyAccount', 20, { principal: lit('arn:aws:iam::*:root', 21) }),
        grant('EmptySource', 30, { principal: lit('*', 31), sourceArn: lit('', 32) }),
      ]),
    ).toEqual([
      { resource: 'Url', messageId: 'publicGrant', line: 11 },
      { resource: 'AnyAccount', messageId: 'publicGrant', line: 21 },
      { resource: 'EmptySource', messageId: 'publicGrant', line: 31 },
    ]);
  });

  it('does not fire when a source, an organization or IAM auth narrows the grant, or the principal is not public', () => {
    expect(
      run([
        grant('Org', 10, { principal: lit('*', 11), conditions: [{ key: 'PrincipalOrgID', value: lit('o-a1b2c3d4e5', 12) }] }),
        grant('aws_lambda_permission.org', 15, { principal: lit('*', 16), conditions: [{ key: 'principal_org_id', value: lit('o-a1b2c3d4e5', 17) }] }),
        grant('Arn', 20, { principal: lit('*', 21), sourceArn: lit('arn:aws:events:eu-west-1:111122223333:rule/RunDaily', 22) }),
        grant('Account', 30, { principal: lit('*', 31), sourceAccount: lit('111122223333', 32) }),
        grant('Iam', 40, { principal: lit('*', 41), conditions: [{ key: 'FunctionUrlAuthType', value: lit('AWS_IAM', 42) }] }),
        grant('OneAccount', 50, { principal: lit('111122223333', 51) }),
        grant('Role', 60, { principal: lit('arn:aws:iam::444455556666:role/example', 61) }),
        grant('Service', 70, { principal: lit('events.amazonaws.com', 71) }),
        grant('Unknown', 80, { principal: { kind: 'unknown', text: 'var.principal', loc: at(81) } }),
        grant('UnknownSource', 90, { principal: lit('*', 91), sourceArn: { kind: 'unknown', text: 'aws_s3_bucket.b.arn', loc: at(92) } }),
      ]),
    ).toEqual([]);
  });

  it('leaves out principals listed in allowedPrincipals', () => {
    expect(run([grant('Open', 10, { principal: lit('*', 11) })], { allowedPrincipals: ['*'] })).toEqual([]);
  });
});

checkCases(check, {
  valid: [
    {
      name: 'Terraform: a condition whose operator and key are known only at apply may narrow the principal',
      files: {
        'main.tf': `variable "op" { type = string }
variable "key" { type = string }
data "aws_iam_policy_document" "bucket" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::b/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = var.op
      variable = var.key
      values   = ["o-123"]
    }
  }
}
resource "aws_s3_bucket_policy" "b" {
  bucket = "b"
  policy = data.aws_iam_policy_document.bucket.json
}
`,
      },
    },
  ],
  invalid: [
    {
      name: 'Terraform: the same bucket policy without the condition is public',
      files: {
        'main.tf': `data "aws_iam_policy_document" "bucket" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::b/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}
resource "aws_s3_bucket_policy" "b" {
  bucket = "b"
  policy = data.aws_iam_policy_document.bucket.json
}
`,
      },
      errors: [{ resource: 'data.aws_iam_policy_document.bucket', messageId: 'publicStatement', line: 5 }],
    },
  ],
});
