import { describe, expect, it } from '@jest/globals';
import { runChecks } from '../../src/engine/run-checks.js';
import { buildPolicyDocument } from '../../src/model/build-policy.js';
import type { Located } from '../../src/model/located.js';
import { emptyModel } from '../../src/model/model.js';
import { checkCases } from '../../test/harness/check-tester.js';
import check from './action-resource-mismatch.js';

const policy = (statements: string): string => `{\n  "Version": "2012-10-17",\n  "Statement": ${statements}\n}\n`;
const one = (action: string, resource: string, effect = 'Allow'): string =>
  policy(`[{\n    "Effect": "${effect}",\n    "Action": ${action},\n    "Resource": ${resource}\n  }]`);

checkCases(check, {
  valid: [
    { name: 'an object action on object ARNs (parliament resource_object_arn)', files: { 'policy.json': one('"s3:getobject"', '"arn:aws:s3:::my_corporate_bucket/*"') } },
    { name: 'a bucket action on a bucket ARN', files: { 'policy.json': one('"s3:ListBucket"', '"arn:aws:s3:::bucket-name"') } },
    {
      name: 'some actions fit, others not (parliament s3_bucket_object_wildcards_listallmybuckets)',
      files: {
        'policy.json': policy(
          '[{"Effect": "Allow", "Action": ["s3:*Bucket*", "s3:*Object*"], "Resource": ["arn:aws:s3:::bucket1", "arn:aws:s3:::bucket1/*"]},\n   {"Effect": "Allow", "Action": ["s3:*Object"], "Resource": ["arn:aws:s3:::bucket2/*"]}]',
        ),
      },
    },
    { name: 'wildcard-only actions on "*" (parliament correct_simple)', files: { 'policy.json': one('["s3:ListAllMyBuckets", "iam:ListUsers"]', '"*"') } },
    { name: 'a partition-wide ARN pattern fits every action', files: { 'policy.json': one('"s3:ListAllMyBuckets"', '"arn:aws:*"') } },
    { name: 'a wildcard account and region (parliament cloudtrail_effectively_star)', files: { 'policy.json': one('["cloudtrail:GetEventSelectors"]', '"arn:*:cloudtrail:*:*:trail/*"') } },
    { name: 'a Redshift database user ARN (parliament redshift_getclustercredentials_dbuser_arn)', files: { 'policy.json': one('"redshift:GetClusterCredentials"', '"arn:aws:redshift:us-west-2:123456789012:dbuser:the_cluster/the_user"') } },
    { name: 'a Lambda layer version pattern (parliament lambda_addlayerversionpermission_arn)', files: { 'policy.json': one('"lambda:AddLayerVersionPermission"', '"arn:aws:lambda:*:123456789012:layer:sol-*:*"') } },
    { name: 'a policy variable in the ARN (parliament mfa_device_self_service)', files: { 'policy.json': one('["iam:CreateVirtualMFADevice", "iam:DeleteVirtualMFADevice"]', '"arn:aws:iam::*:mfa/${aws:username}"') } },
    { name: 'all actions on any ARN', files: { 'policy.json': one('"*"', '"arn:aws:s3:::bucket"') } },
    { name: 'NotResource and NotAction are not compared', files: { 'policy.json': policy('[{"Effect": "Deny", "NotAction": "s3:GetObject", "Resource": "arn:aws:s3:::b"}, {"Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::b"}]') } },
    { name: 'unknown actions are left to unknown-action', files: { 'policy.json': one('"s3:GetObjekt"', '"arn:aws:s3:::b"') } },
    { name: 'a Resource that is no ARN is left to policy-syntax', files: { 'policy.json': one('"s3:GetObject"', '"bucket"') } },
    { name: 'a resource policy with a matching object ARN', files: { 'policy.json': policy('[{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]') } },
  ],
  invalid: [
    {
      name: 's3:GetObject on a bucket ARN without "/*"',
      files: { 'policy.json': one('"s3:GetObject"', '"arn:aws:s3:::bucket"') },
      errors: [{ resource: 'policy.json', messageId: 'mismatch', line: 6, column: 5, endColumn: 38, message: '"s3:GetObject"' }],
    },
    {
      name: 'object actions on bucket ARNs only, in a Deny',
      files: { 'policy.json': one('["s3:DeleteObject", "s3:PutObject*"]', '["arn:aws:s3:::b", "arn:aws:s3:::c"]', 'Deny') },
      errors: [{ resource: 'policy.json', messageId: 'mismatch', line: 6 }],
    },
    {
      name: 'a wildcard-only action on a specific ARN',
      files: { 'policy.json': one('"s3:ListAllMyBuckets"', '"arn:aws:s3:::bucket"') },
      errors: [{ resource: 'policy.json', messageId: 'mismatch', line: 6 }],
    },
    {
      name: 'actions of one service on ARNs of another',
      files: { 'policy.json': one('["dynamodb:GetItem", "dynamodb:Query"]', '["arn:aws:s3:::table/*", "arn:aws:sqs:us-east-1:123456789012:queue"]') },
      errors: [{ resource: 'policy.json', messageId: 'mismatch', line: 6, message: '"arn:aws:s3:::table/*", "arn:aws:sqs:us-east-1:123456789012:queue"' }],
    },
    {
      name: 'one finding per statement, in a multi-statement policy',
      files: {
        'policy.json': policy('[\n    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},\n    {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::123456789012:user/bob"}]'),
      },
      errors: [{ resource: 'policy.json', messageId: 'mismatch', line: 5 }],
    },
  ],
});

// ---- values a template leaves unresolved: `?name` is an unknown value, `a${?name}b` a template string ---------

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

function fires(action: unknown, resource: unknown): boolean {
  const model = emptyModel({ kind: 'cloudformation', id: 't.yaml', files: ['t.yaml'] });
  const owner = { address: 'Policy', type: 'AWS::IAM::Policy', loc: { file: 't.yaml', line: 1, column: 1, endLine: 99, endColumn: 1 } };
  const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] };
  model.documents.push(buildPolicyDocument(located(doc), { kind: 'identity', owner, path: ['Properties', 'PolicyDocument'] }));
  return runChecks(model, [check]).length > 0;
}

describe('action-resource-mismatch on unresolved values', () => {
  it('treats an unknown part of an ARN as anything', () => {
    expect(fires('s3:GetObject', 'arn:aws:s3:::${?Bucket}')).toBe(false);
    expect(fires('s3:GetObject', 'arn:${?Partition}:s3:::bucket/*')).toBe(false);
  });
  it('skips values that could be any ARN, and unknown actions', () => {
    expect(fires('s3:GetObject', '?BucketArn')).toBe(false);
    expect(fires('s3:GetObject', ['arn:aws:s3:::b', '${?BucketArn}/*'])).toBe(false);
    expect(fires(['s3:ListAllMyBuckets', '?ExtraAction'], 'arn:aws:s3:::b')).toBe(false);
  });
  it('still reports what no value could make fit', () => {
    expect(fires('s3:ListAllMyBuckets', 'arn:aws:s3:::${?Bucket}')).toBe(true);
    expect(fires('s3:GetObject', ['arn:aws:s3:::b', 'arn:aws:dynamodb:${?Region}:${?Account}:table/t'])).toBe(true);
  });
});
