import { describe, expect, it } from '@jest/globals';
import { runChecks } from '../../src/engine/run-checks.js';
import { buildPolicyDocument } from '../../src/model/build-policy.js';
import type { Located } from '../../src/model/located.js';
import { emptyModel } from '../../src/model/model.js';
import type { PolicyKind } from '../../src/model/policy.js';
import { checkCases } from '../../test/harness/check-tester.js';
import check from './policy-syntax.js';

const policy = (statement: string, head = '"Version": "2012-10-17",'): string => `{\n  ${head}\n  "Statement": ${statement}\n}\n`;

checkCases(check, {
  valid: [
    {
      name: 'a well-formed identity policy',
      files: { 'policy.json': policy('[{"Sid": "ReadBucket", "Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::b/*"}]') },
    },
    {
      name: 'a single statement object, Id and an empty Sid are allowed',
      files: {
        'policy.json': policy('{"Sid": "", "Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"NumericGreaterThan": {"aws:MultiFactorAuthAge": "28800"}}}', '"Version": "2012-10-17", "Id": "123",'),
      },
    },
    {
      name: 'a resource policy may omit Resource (ECR) and use any Sid text',
      files: {
        'policy.json': policy('[{"Sid": "Allow pull from CI!", "Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::111122223333:root"]}, "Action": ["ecr:BatchGetImage"]}]'),
      },
    },
    {
      name: 'the execute-api shorthand in an API Gateway resource policy',
      files: { 'policy.json': policy('[{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/prod/GET/pets"}]') },
    },
    {
      name: 'a trust policy without Resource',
      files: { 'trust.json': policy('[{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]') },
    },
    {
      name: 'condition values may be JSON booleans and numbers',
      files: {
        'policy.json': policy('[{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*", "Condition": {"Null": {"aws:MultiFactorAuthAge": true}, "NumericLessThan": {"s3:signatureAge": 600000}}}]'),
      },
    },
    {
      name: 'NotAction with NotResource, and wildcard ARNs',
      files: { 'policy.json': policy('[{"Effect": "Deny", "NotAction": "iam:*", "NotResource": ["arn:*:iam::*:role/admin-*"]}]') },
    },
    {
      name: 'no Version and no policy variable: IAM reads 2008-10-17, which changes nothing here',
      files: { 'policy.json': '{"Statement": [{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}]}' },
    },
    {
      name: 'valid JSON that is not a policy is not linted',
      files: { 'package.json': '{"name": "x", "version": "1.0.0"}' },
    },
  ],
  invalid: [
    {
      name: 'both Action and NotAction (parliament action_and_notaction)',
      files: { 'policy.json': '{\n  "Version": "2012-10-17",\n  "Statement": {\n    "Effect": "Allow",\n    "Action": "s3:listallmybuckets",\n    "NotAction": "s3:listallmybuckets",\n    "Resource": "*"}}\n' },
      errors: [{ resource: 'policy.json', messageId: 'conflictingElements', line: 6, column: 5, message: '"Action" and "NotAction"' }],
    },
    {
      name: 'no Action (parliament no_action)',
      files: { 'policy.json': '{\n  "Version": "2012-10-17",\n  "Statement": {\n    "Effect": "Allow",\n    "Resource": "*"}}\n' },
      errors: [{ resource: 'policy.json', messageId: 'missingElement', line: 3, endLine: 5, message: '"Action" or "NotAction"' }],
    },
    {
      name: 'no Statement (parliament no_statement)',
      files: { 'policy.json': '{\n  "Version": "2012-10-17" }\n' },
      errors: [{ resource: 'policy.json', messageId: 'missingStatement', line: 1 }],
    },
    {
      name: 'a Resource that is not an ARN (parliament resource_not_an_arn)',
      files: { 'policy.json': '{\n  "Version": "2012-10-17",\n  "Statement": {\n    "Effect": "Allow",\n    "Action": "s3:listallmybuckets",\n    "Resource": "s3"}}\n' },
      errors: [{ resource: 'policy.json', messageId: 'badResource', line: 6, column: 17, endColumn: 21 }],
    },
    {
      name: 'duplicate Sids: the second one is reported',
      files: {
        'policy.json': policy(
          '[\n    {"Sid": "stmt", "Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"},\n    {"Sid": "stmt", "Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}\n  ]',
        ),
      },
      errors: [{ resource: 'policy.json', messageId: 'duplicateSid', line: 5, message: 'statement 1' }],
    },
    {
      name: 'a Sid with spaces in an identity policy (parliament invalid_sid)',
      files: { 'policy.json': policy('{\n    "Sid": "Statement With Spaces!",\n    "Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}') },
      errors: [{ resource: 'policy.json', messageId: 'invalidSid', line: 4 }],
    },
    {
      name: 'unknown keys at the top and in a statement (a misspelled Action)',
      files: {
        'policy.json': '{\n  "Version": "2012-10-17",\n  "Comment": "x",\n  "Statement": [{\n    "Effect": "Allow",\n    "Actions": "s3:GetObject",\n    "Resource": "*"}]}\n',
      },
      errors: [
        { resource: 'policy.json', messageId: 'unknownKey', line: 3, message: 'in the policy' },
        { resource: 'policy.json', messageId: 'missingElement', line: 4 },
        { resource: 'policy.json', messageId: 'unknownKey', line: 6, message: '"Actions" in the statement' },
      ],
    },
    {
      name: 'a lower-case Effect',
      files: { 'policy.json': policy('[{\n    "Effect": "allow", "Action": "s3:GetObject", "Resource": "*"}]') },
      errors: [{ resource: 'policy.json', messageId: 'badEffect', line: 4 }],
    },
    {
      name: 'an Effect of the wrong type',
      files: { 'policy.json': policy('[{\n    "Effect": true, "Action": "s3:GetObject", "Resource": "*"}]') },
      errors: [{ resource: 'policy.json', messageId: 'badType', line: 4, message: '"Effect" must be a string' }],
    },
    {
      name: 'a Version that is no policy language',
      files: { 'policy.json': policy('[{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]', '"Version": "2012-10-18",') },
      errors: [{ resource: 'policy.json', messageId: 'badVersion', line: 2 }],
    },
    {
      name: 'Version 2008-10-17 gets advice',
      files: { 'policy.json': policy('[{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]', '"Version": "2008-10-17",') },
      errors: [{ resource: 'policy.json', messageId: 'oldVersion', line: 2, message: 'old policy language', severity: 'low' }],
    },
    {
      name: 'no Version while a policy variable is used',
      files: { 'policy.json': '{\n  "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/home/${aws:username}/*"}]\n}\n' },
      errors: [{ resource: 'policy.json', messageId: 'missingVersion', line: 1, endLine: 3, message: '"${aws:username}"' }],
    },
    {
      name: 'Resource in a trust policy is prohibited',
      files: { 'trust.json': policy('[{\n    "Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole",\n    "Resource": "*"}]') },
      errors: [{ resource: 'trust.json', messageId: 'prohibitedElement', line: 5, message: 'trust policy must not have "Resource"' }],
    },
    {
      name: 'a Principal that is a bare ARN, and a misspelled principal type',
      files: {
        'policy.json': policy(
          '[\n    {"Effect": "Allow", "Principal": "arn:aws:iam::111122223333:root", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},\n    {"Effect": "Allow", "Principal": {"aws": "111122223333"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}\n  ]',
        ),
      },
      errors: [
        { resource: 'policy.json', messageId: 'badPrincipal', line: 4 },
        { resource: 'policy.json', messageId: 'unknownKey', line: 5, message: '"aws" in the "Principal" element' },
      ],
    },
    {
      name: 'an empty Action list and an action without a service',
      files: {
        'policy.json': policy('[\n    {"Effect": "Allow", "Action": [], "Resource": "*"},\n    {"Effect": "Allow", "Action": ["s3:GetObject", "GetObject"], "Resource": "*"}\n  ]'),
      },
      errors: [
        { resource: 'policy.json', messageId: 'emptyElement', line: 4, message: '"Action" is empty' },
        { resource: 'policy.json', messageId: 'badAction', line: 5, message: '"GetObject"' },
      ],
    },
    {
      name: 'only the first three errors of a statement are reported',
      files: {
        'policy.json': policy('[{\n    "Sid": "a b",\n    "Effect": "Maybe",\n    "Action": "s3 GetObject",\n    "Resource": "bucket",\n    "Extra": 1}]'),
      },
      errors: [
        { resource: 'policy.json', messageId: 'invalidSid', line: 4 },
        { resource: 'policy.json', messageId: 'badEffect', line: 5 },
        { resource: 'policy.json', messageId: 'badAction', line: 6 },
      ],
    },
    {
      name: 'a malformed condition block',
      files: { 'policy.json': policy('[{\n    "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",\n    "Condition": {"StringEquals": "aws:SourceIp"}}]') },
      errors: [{ resource: 'policy.json', messageId: 'badType', line: 5, message: 'Condition "StringEquals" must be an object' }],
    },
  ],
});

// ---- values a template leaves unresolved (CloudFormation !Ref, Terraform variables) ------------------------
// Built directly as located trees: `?name` stands for an unknown value, `a${?name}b` for a template string.

function located(v: unknown, counter = { line: 1 }): Located {
  const loc = { file: 't.yaml', line: counter.line, column: 1, endLine: counter.line, endColumn: 10 };
  counter.line++;
  if (Array.isArray(v)) return { kind: 'array', items: v.map((x) => located(x, counter)), loc };
  if (v !== null && typeof v === 'object') {
    return { kind: 'object', entries: Object.entries(v).map(([key, x]) => ({ key, keyLoc: loc, value: located(x, counter) })), loc };
  }
  if (typeof v === 'string' && v.startsWith('?')) return { kind: 'unknown', text: v.slice(1), loc };
  if (typeof v === 'string' && v.includes('${?')) {
    const parts = v.split(/\$\{\?([^}]*)\}/).map((p, i) => (i % 2 === 1 ? { unknown: p } : p)).filter((p) => p !== '');
    return { kind: 'template', parts, loc };
  }
  return { kind: 'scalar', value: v as string | number | boolean | null, loc };
}

function findingsFor(kind: PolicyKind, doc: unknown): string[] {
  const model = emptyModel({ kind: 'cloudformation', id: 't.yaml', files: ['t.yaml'] });
  const owner = { address: 'Role', type: 'AWS::IAM::Role', loc: { file: 't.yaml', line: 1, column: 1, endLine: 99, endColumn: 1 } };
  model.documents.push(buildPolicyDocument(located(doc), { kind, owner, path: ['Properties', 'PolicyDocument'] }));
  return runChecks(model, [check]).map((f) => `${f.messageId} ${f.path}`);
}

describe('policy-syntax on unresolved values', () => {
  it('never reports an unknown or template value', () => {
    expect(
      findingsFor('identity', {
        Version: '?Version',
        Statement: [
          { Sid: '${?Prefix}Read', Effect: '?Effect', Action: '?Actions', Resource: ['${?BucketArn}/*', '?TableArn'], Condition: '?Cond' },
          '?ExtraStatement',
        ],
      }),
    ).toEqual([]);
  });

  it('still reports what is wrong around them', () => {
    expect(
      findingsFor('identity', {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: '?Actions', Resource: ['?Arn', 'my-bucket'], Principal: '?P', Extra: '?x' }],
      }),
    ).toEqual(['unknownKey Properties/PolicyDocument/Statement/0/Extra', 'badResource Properties/PolicyDocument/Statement/0/Resource/1']);
  });

  it('uses the grammar of the policy kind', () => {
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole', Resource: '*' }] };
    expect(findingsFor('trust', trust)).toEqual(['prohibitedElement Properties/PolicyDocument/Statement/0/Resource']);
    expect(findingsFor('resource', trust)).toEqual([]);
    const spacedSid = { Version: '2012-10-17', Statement: [{ Sid: 'Read reports', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };
    expect(findingsFor('boundary', spacedSid)).toEqual(['invalidSid Properties/PolicyDocument/Statement/0/Sid']);
    expect(findingsFor('resource', { ...spacedSid, Statement: [{ ...spacedSid.Statement[0], Principal: '*' }] })).toEqual([]);
  });
});
