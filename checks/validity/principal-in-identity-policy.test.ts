import { describe, expect, it } from '@jest/globals';
import { parseLocatedJson } from '../../parsers/shared/json.js';
import { runChecks } from '../../src/engine/run-checks.js';
import { buildPolicyDocument } from '../../src/model/build-policy.js';
import { emptyModel } from '../../src/model/model.js';
import type { PolicyKind } from '../../src/model/policy.js';
import { checkCases } from '../../test/harness/check-tester.js';
import check from './principal-in-identity-policy.js';

/** One statement per line after the header: line 3 is the first statement. */
const policy = (...statements: string[]): string =>
  ['{', '  "Version": "2012-10-17", "Statement": [', statements.map((s) => `    ${s}`).join(',\n'), '  ]', '}'].join('\n');
const bucketGrant = (principal: string): string =>
  `{"Effect": "Allow", "Principal": ${principal}, "Action": ["s3:GetObject"], "Resource": ["arn:aws:s3:::examplebucket/*"]}`;

checkCases(check, {
  valid: [
    { name: 'parliament principal_star_bucket_policy', files: { 'policy.json': policy(bucketGrant('"*"')) } },
    { name: 'parliament principal_account_id', files: { 'policy.json': policy(bucketGrant('{"AWS": "000000000000"}')) } },
    {
      name: 'parliament principal_two_account_root_arns',
      files: { 'policy.json': policy(bucketGrant('{"AWS": ["arn:aws:iam::000000000000:root", "arn:aws:iam::111111111111:root"]}')) },
    },
    { name: 'parliament principal_user_arn', files: { 'policy.json': policy(bucketGrant('{"AWS": "arn:aws:iam::000000000000:user/alice"}')) } },
    { name: 'parliament principal_federated_cognito', files: { 'policy.json': policy(bucketGrant('{"Federated": "cognito-identity.amazonaws.com"}')) } },
    {
      name: 'parliament principal_cloudfront_oai',
      files: { 'policy.json': policy(bucketGrant('{"AWS": "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity 00000000000000"}')) },
    },
    {
      name: 'parliament notprincipal_deny: a NotPrincipal counts as naming the principal',
      files: {
        'policy.json': policy(
          '{"Effect": "Deny", "NotPrincipal": {"AWS": ["arn:aws:iam::444455556666:user/Bob", "arn:aws:iam::444455556666:root"]}, "Action": "s3:*", "Resource": ["arn:aws:s3:::BUCKETNAME", "arn:aws:s3:::BUCKETNAME/*"]}',
        ),
      },
    },
    { name: 'an identity policy without any Principal', files: { 'policy.json': policy('{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}') } },
    {
      name: 'a trust policy whose every statement names a principal',
      files: {
        'policy.json': policy(
          '{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}',
          '{"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole", "Condition": {"StringNotEquals": {"aws:PrincipalOrgID": "o-abc123"}}}',
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'a plain policy mixing statements with and without Principal: the ones without are reported',
      files: {
        'policy.json': policy(
          bucketGrant('{"AWS": "arn:aws:iam::111122223333:root"}'),
          '{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::examplebucket/*"}',
          '{"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}',
        ),
      },
      errors: [
        { resource: 'policy.json', messageId: 'mixedPrincipal', line: 4, column: 5, endColumn: 94, message: 'no "Principal" while other statements of the policy have one' },
        { resource: 'policy.json', messageId: 'mixedPrincipal', line: 5 },
      ],
    },
    {
      name: 'a trust-shaped plain policy with a statement lacking Principal',
      files: {
        'policy.json': [
          '{',
          '  "Version": "2012-10-17",',
          '  "Statement": [',
          '    { "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "sts:AssumeRole" },',
          '    {',
          '      "Effect": "Allow",',
          '      "Action": "sts:AssumeRole"',
          '    }',
          '  ]',
          '}',
        ].join('\n'),
      },
      errors: [{ resource: 'policy.json', messageId: 'mixedPrincipal', line: 5, endLine: 8 }],
    },
  ],
});

/** Documents whose kind the format states (an IAM role's inline policy, a trust policy, an SCP): built directly. */
function run(kind: PolicyKind, text: string) {
  const parsed = parseLocatedJson(text, 'template.json');
  if (!parsed.value) throw new Error('test policy does not parse');
  const model = emptyModel({ kind: 'cloudformation', id: 'template.json', files: ['template.json'] });
  const owner = { address: 'Res', type: 'AWS::IAM::Role', loc: parsed.value.loc };
  model.documents.push(buildPolicyDocument(parsed.value, { kind, owner, path: ['Properties', 'PolicyDocument'] }));
  return runChecks(model, [check]).map((f) => ({ messageId: f.messageId, line: f.line, column: f.column, endColumn: f.endColumn, message: f.message }));
}

describe('principal-in-identity-policy on documents of a stated kind', () => {
  it('reports Principal and NotPrincipal in an identity policy, at the element', () => {
    const found = run(
      'identity',
      policy(
        '{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject", "Resource": "*"}',
        '{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}',
        '{"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "*", "Resource": "*"}',
      ),
    );
    expect(found).toEqual([
      expect.objectContaining({ messageId: 'principalInIdentityPolicy', line: 3, column: 25, endColumn: 50 }),
      expect.objectContaining({ messageId: 'principalInIdentityPolicy', line: 5, message: expect.stringContaining('has a "NotPrincipal" element') }),
    ]);
    expect(found[0]?.message).toContain('This statement of an identity-based policy has a "Principal" element');
  });

  it('reports Principal in a service control policy and a permissions boundary', () => {
    const text = policy('{"Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*"}');
    expect(run('scp', text)).toEqual([expect.objectContaining({ line: 3, message: expect.stringContaining('service control policy') })]);
    expect(run('boundary', text)).toEqual([expect.objectContaining({ line: 3, message: expect.stringContaining('permissions boundary') })]);
  });

  it('reports every statement of a trust or resource policy that has no Principal', () => {
    const text = policy(
      '{"Effect": "Allow", "Action": "sts:AssumeRole"}',
      '{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}',
    );
    expect(run('trust', text)).toEqual([
      expect.objectContaining({ messageId: 'missingPrincipal', line: 3, message: expect.stringContaining('of a role trust policy has no "Principal"') }),
    ]);
    expect(run('resource', policy('{"Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*"}'))).toEqual([
      expect.objectContaining({ messageId: 'missingPrincipal', line: 3 }),
    ]);
  });

  it('stays quiet on identity policies without Principal and resource policies with one everywhere', () => {
    expect(run('identity', policy('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}'))).toEqual([]);
    expect(run('resource', policy(bucketGrant('"*"')))).toEqual([]);
  });
});
