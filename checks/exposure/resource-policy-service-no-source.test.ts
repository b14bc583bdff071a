import { describe, expect, it } from '@jest/globals';
import { runChecks } from '../../src/engine/run-checks.js';
import type { PermissionGrant } from '../../src/model/entities.js';
import type { Location } from '../../src/model/location.js';
import { emptyModel } from '../../src/model/model.js';
import type { Scalar } from '../../src/model/scalar.js';
import { checkCases } from '../../test/harness/check-tester.js';
import check from './resource-policy-service-no-source.js';

/** One statement per line after the header: line 3 is the first statement. */
const policy = (...statements: string[]): string =>
  ['{', '  "Version": "2012-10-17", "Statement": [', statements.map((s) => `    ${s}`).join(',\n'), '  ]', '}'].join('\n');

const publish = (service: string, extra = ''): string =>
  `{"Effect": "Allow", "Principal": {"Service": ${service}}, "Action": "sns:Publish", "Resource": "arn:aws:sns:eu-west-1:111122223333:uploads"${extra}}`;
const cond = (c: string): string => `, "Condition": ${c}`;

checkCases(check, {
  valid: [
    {
      name: 'source conditions: SourceArn, SourceAccount, SourceOwner, SourceOrgID, SourceOrgPaths',
      files: {
        'policy.json': policy(
          publish('"s3.amazonaws.com"', cond('{"ArnLike": {"aws:SourceArn": "arn:aws:s3:::example-uploads"}}')),
          publish('"events.amazonaws.com"', cond('{"StringEquals": {"aws:SourceAccount": "111122223333"}}')),
          publish('"s3.amazonaws.com"', cond('{"StringEquals": {"aws:SourceOwner": "111122223333"}}')),
          publish('"cloudwatch.amazonaws.com"', cond('{"StringEquals": {"aws:SourceOrgID": "o-a1b2c3d4e5"}}')),
          publish('"config.amazonaws.com"', cond('{"ForAnyValue:StringLike": {"aws:SourceOrgPaths": "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*"}}')),
          publish('"events.amazonaws.com"', cond('{"ArnEquals": {"aws:SourceArn": "arn:aws:events:eu-west-1:111122223333:rule/nightly"}}')),
        ),
      },
    },
    {
      name: 'the KMS encryption-context ARN key for CloudWatch Logs',
      files: {
        'policy.json': policy(
          '{"Effect": "Allow", "Principal": {"Service": "logs.eu-west-1.amazonaws.com"}, "Action": ["kms:Encrypt*", "kms:Decrypt*"], "Resource": "*", "Condition": {"ArnLike": {"kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:eu-west-1:111122223333:log-group:*"}}}',
        ),
      },
    },
    { name: 'a trust policy naming a service', files: { 'policy.json': policy('{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}') } },
    { name: 'a Deny naming a service', files: { 'policy.json': policy('{"Effect": "Deny", "Principal": {"Service": "s3.amazonaws.com"}, "Action": "sns:Publish", "Resource": "*"}') } },
    { name: 'an account principal', files: { 'policy.json': policy('{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sns:Publish", "Resource": "*"}') } },
    { name: 'a Service value that is not an AWS service name (a policy variable)', files: { 'policy.json': policy(publish('"${ServicePrincipal}"')) } },
    { name: 'a source condition with an unresolved value', files: { 'policy.json': policy(publish('"s3.amazonaws.com"', cond('{"ArnLike": {"aws:SourceArn": "${BucketArn}"}}'))) } },
  ],
  invalid: [
    {
      name: 'no condition, at the Principal attribute, naming the services',
      files: { 'policy.json': policy(publish('["s3.amazonaws.com", "events.amazonaws.com"]')) },
      errors: [{ resource: 'policy.json', messageId: 'serviceStatement', line: 3, column: 25, endColumn: 25 + '"Principal": {"Service": ["s3.amazonaws.com", "events.amazonaws.com"]}'.length, message: 'grants "s3.amazonaws.com", "events.amazonaws.com" access without' }],
    },
    {
      name: 'conditions that do not tie the source: wildcard, any-account ARN, negated, ForAllValues, SourceVpce, SourceIp',
      files: {
        'policy.json': policy(
          publish('"s3.amazonaws.com"', cond('{"StringLike": {"aws:SourceAccount": "*"}}')),
          publish('"s3.amazonaws.com"', cond('{"ArnLike": {"aws:SourceArn": "arn:aws:s3:::*"}}')),
          publish('"s3.amazonaws.com"', cond('{"StringNotEquals": {"aws:SourceAccount": "999999999999"}}')),
          publish('"s3.amazonaws.com"', cond('{"ForAllValues:ArnLike": {"aws:SourceArn": "arn:aws:s3:::example-uploads"}}')),
          publish('"s3.amazonaws.com"', cond('{"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}')),
          publish('"delivery.logs.amazonaws.com"', cond('{"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}')),
          publish('"cloudtrail.amazonaws.com"', cond('{"ArnLike": {"aws:SourceArn": "arn:aws:cloudtrail:*:*:trail/*"}}')),
        ),
      },
      errors: [3, 4, 5, 6, 7, 8, 9].map((line) => ({ resource: 'policy.json', messageId: 'serviceStatement', line })),
    },
    {
      name: 'a statement mixing an account and a service, and one without Effect',
      files: {
        'policy.json': policy(
          '{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root", "Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": "*"}',
          '{"Principal": {"Service": "config.amazonaws.com"}, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::config-bucket/*"}',
        ),
      },
      errors: [
        { resource: 'policy.json', messageId: 'serviceStatement', line: 3, message: 'grants "sns.amazonaws.com" access' },
        { resource: 'policy.json', messageId: 'serviceStatement', line: 4 },
      ],
    },
  ],
});

// ---- Lambda permissions, as the IaC parsers produce them ----------------------------------------------------

const at = (line: number): Location => ({ file: 'main.tf', line, column: 3, endLine: line, endColumn: 30 });
const lit = (value: string, line: number): Scalar => ({ kind: 'literal', value, type: 'string', loc: at(line) });

function grant(name: string, line: number, props: Partial<Omit<PermissionGrant, 'ref' | 'loc'>> & { principal: Scalar }): PermissionGrant {
  return { ref: { address: name, type: 'aws_lambda_permission', loc: at(line) }, conditions: [], loc: at(line), ...props };
}

function run(grants: PermissionGrant[]) {
  const model = emptyModel({ kind: 'terraform', id: '.', files: ['main.tf'] });
  model.permissionGrants.push(...grants);
  return runChecks(model, [check]).map((f) => ({ resource: f.resource, messageId: f.messageId, line: f.line, message: f.message }));
}

describe('resource-policy-service-no-source on Lambda permissions', () => {
  it('fires on a service principal without SourceArn or SourceAccount, at the principal', () => {
    expect(
      run([
        grant('aws_lambda_permission.s3', 1, { principal: lit('s3.amazonaws.com', 4), action: lit('lambda:InvokeFunction', 2) }),
        grant('aws_lambda_permission.any_bucket', 10, { principal: lit('s3.amazonaws.com', 12), sourceArn: lit('arn:aws:s3:::*', 13) }),
      ]),
    ).toEqual([
      { resource: 'aws_lambda_permission.s3', messageId: 'serviceGrant', line: 4, message: expect.stringContaining('lets "s3.amazonaws.com" invoke the function without a source ARN') },
      { resource: 'aws_lambda_permission.any_bucket', messageId: 'serviceGrant', line: 12, message: expect.any(String) },
    ]);
  });

  it('does not fire with a source, on account or public principals, or on unknown values', () => {
    expect(
      run([
        grant('aws_lambda_permission.arn', 1, { principal: lit('events.amazonaws.com', 2), sourceArn: lit('arn:aws:events:eu-west-1:111122223333:rule/RunDaily', 3) }),
        grant('aws_lambda_permission.account', 10, { principal: lit('s3.amazonaws.com', 11), sourceAccount: lit('111122223333', 12) }),
        grant('aws_lambda_permission.ref', 20, { principal: lit('apigateway.amazonaws.com', 21), sourceArn: { kind: 'unknown', text: 'aws_api_gateway_rest_api.api.execution_arn', loc: at(22) } }),
        grant('aws_lambda_permission.role', 30, { principal: lit('arn:aws:iam::444455556666:role/example', 31) }),
        grant('aws_lambda_permission.public', 40, { principal: lit('*', 41) }),
        grant('aws_lambda_permission.var', 50, { principal: { kind: 'unknown', text: 'var.principal', loc: at(51) } }),
      ]),
    ).toEqual([]);
  });
});
