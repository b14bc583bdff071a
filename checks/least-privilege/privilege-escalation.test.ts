import { expect, it } from '@jest/globals';
import { checkCases, findingsOf } from '../../test/harness/check-tester.js';
import check from './privilege-escalation.js';

/** One statement per line after the header: line 3 is the first statement. */
const policy = (...statements: string[]): string =>
  ['{', '  "Version": "2012-10-17", "Statement": [', statements.map((s) => `    ${s}`).join(',\n'), '  ]', '}'].join('\n');
const allow = (action: string, resource = '"*"', extra = ''): string => `{"Effect": "Allow", "Action": ${action}, "Resource": ${resource}${extra}}`;
const deny = (action: string, resource = '"*"', extra = ''): string => `{"Effect": "Deny", "Action": ${action}, "Resource": ${resource}${extra}}`;

checkCases(check, {
  valid: [
    {
      name: 'checkov CKV_AWS_110 pass: creating functions and tables without iam:PassRole',
      files: { 'policy.json': policy(allow('["lambda:CreateFunction", "lambda:CreateEventSourceMapping", "dynamodb:CreateTable"]')) },
    },
    {
      name: 'iam:PassRole scoped to one role with the compute actions',
      files: {
        'policy.json': policy(
          allow('"iam:PassRole"', '"arn:aws:iam::123456789012:role/app-lambda"'),
          allow('["lambda:CreateFunction", "lambda:InvokeFunction"]'),
        ),
      },
    },
    {
      name: 'iam:PassRole limited by iam:PassedToService to a service the granted actions cannot use',
      files: {
        'policy.json': policy(
          allow('["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"]', '"*"', ', "Condition": {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}'),
        ),
      },
    },
    {
      name: 'an unknown iam:PassedToService value is not assumed to admit the service',
      files: {
        'policy.json': policy(
          allow('["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"]', '"*"', ', "Condition": {"StringEquals": {"iam:PassedToService": "${ServiceName}"}}'),
        ),
      },
    },
    { name: 'a Deny never fires', files: { 'policy.json': policy(deny('["iam:*", "lambda:*"]')) } },
    {
      name: 'an unconditional Deny of the same document takes the action away',
      files: { 'policy.json': policy(allow('["iam:CreateAccessKey", "s3:GetObject"]'), deny('"iam:CreateAccessKey"')) },
    },
    {
      name: 'a Deny of everything except reads takes iam:Put* away',
      files: { 'policy.json': policy(allow('"iam:Put*"'), '{"Effect": "Deny", "NotAction": ["iam:Get*", "iam:List*"], "Resource": "*"}') },
    },
    {
      name: 'a constraining condition on the grant',
      files: { 'policy.json': policy(allow('"iam:PutRolePolicy"', '"*"', ', "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}')) },
    },
    {
      name: 'a resource-tag condition scopes the grant',
      files: { 'policy.json': policy(allow('"lambda:UpdateFunctionCode"', '"*"', ', "Condition": {"StringEquals": {"aws:ResourceTag/team": "payments"}}')) },
    },
    {
      name: 'escalation actions scoped to the caller',
      files: { 'policy.json': policy(allow('["iam:CreateAccessKey", "iam:UpdateLoginProfile"]', '"arn:aws:iam::*:user/${aws:username}"')) },
    },
    { name: 'read-only IAM on everything', files: { 'policy.json': policy(allow('["iam:Get*", "iam:List*"]')) } },
    {
      name: 'a resource policy grants on its own resource only',
      files: { 'policy.json': policy('{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "*", "Resource": "*"}') },
    },
    { name: 'NotResource is not "all resources" here', files: { 'policy.json': policy('{"Effect": "Allow", "Action": "iam:PutUserPolicy", "NotResource": "arn:aws:iam::*:user/admin"}') } },
    { name: 'a Resource the linter cannot resolve is never a wildcard', files: { 'policy.json': policy(allow('"iam:AttachRolePolicy"', '"${RoleArn}"')) } },
  ],
  invalid: [
    {
      name: 'parliament: glue:UpdateDevEndpoint and lambda:UpdateFunctionCode on "*"',
      files: { 'policy.json': policy(allow('["glue:updatedevendpoint", "lambda:updatefunctioncode"]')) },
      errors: [
        {
          resource: 'policy.json',
          messageId: 'escalations',
          line: 3,
          column: 25,
          endColumn: 90,
          message: 'Granting "glue:UpdateDevEndpoint" and "lambda:UpdateFunctionCode" on all resources opens 2 privilege-escalation paths',
        },
      ],
    },
    {
      name: 'checkov CKV_AWS_110 fail: iam:PassRole with lambda:CreateFunction and an event source',
      files: {
        'policy.json': policy(
          allow('["iam:PassRole", "lambda:CreateFunction", "lambda:CreateEventSourceMapping", "dynamodb:CreateTable", "dynamodb:PutItem"]'),
        ),
      },
      errors: [
        {
          resource: 'policy.json',
          messageId: 'escalation',
          line: 3,
          message:
            '"iam:PassRole" with "lambda:CreateFunction" and "lambda:CreateEventSourceMapping" on all resources lets a principal escalate its privileges: create a Lambda function',
        },
      ],
    },
    {
      name: 'checkov CKV_AWS_286 fail: iam:UpdateLoginProfile on "*"',
      files: { 'policy.json': policy(allow('["iam:UpdateLoginProfile"]')) },
      errors: [{ resource: 'policy.json', messageId: 'escalation', line: 3, message: '"iam:UpdateLoginProfile" on all resources' }],
    },
    {
      name: 'a combination split over statements is reported once, on the iam:PassRole statement',
      files: { 'policy.json': policy(allow('"ec2:Describe*"'), allow('"ec2:RunInstances"'), allow('"iam:PassRole"')) },
      errors: [{ resource: 'policy.json', messageId: 'escalation', line: 5, message: '"iam:PassRole" with "ec2:RunInstances"' }],
    },
    {
      name: 'iam:Put* on "*" opens the inline-policy paths',
      files: { 'policy.json': policy(allow('"iam:Put*"')) },
      errors: [{ resource: 'policy.json', messageId: 'escalations', line: 3, message: '"iam:PutRolePolicy", "iam:PutUserPolicy" and "iam:PutGroupPolicy"' }],
    },
    {
      name: 'Action "*" names the most direct paths first',
      files: { 'policy.json': policy(allow('"*"')) },
      errors: [{ resource: 'policy.json', messageId: 'escalations', line: 3, message: 'and ' }],
    },
    {
      name: 'NotAction grants are reported at NotAction',
      files: { 'policy.json': policy('{"Effect": "Allow", "NotAction": ["s3:*", "ec2:*"], "Resource": "*"}') },
      errors: [{ resource: 'policy.json', messageId: 'escalations', line: 3, column: 25, endColumn: 55 }],
    },
    {
      name: 'a conditional Deny (MFA) does not take the grant away',
      files: {
        'policy.json': policy(
          allow('"iam:AttachUserPolicy"'),
          deny('"*"', '"*"', ', "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}'),
        ),
      },
      errors: [{ resource: 'policy.json', messageId: 'escalation', line: 3, message: 'Attach a privileged managed policy'.toLowerCase() }],
    },
    {
      name: 'iam:PassedToService naming the service used does not remove the risk',
      files: {
        'policy.json': policy(
          allow('["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"]', '"*"', ', "Condition": {"StringLike": {"iam:PassedToService": "lambda.*"}}'),
        ),
      },
      errors: [{ resource: 'policy.json', messageId: 'escalation', line: 3, message: '"lambda:InvokeFunction"' }],
    },
    {
      name: 'an Effect-less statement is read as the grant it was written as',
      files: { 'policy.json': policy('{"Action": "iam:CreatePolicyVersion", "Resource": "*"}') },
      errors: [{ resource: 'policy.json', messageId: 'escalation', line: 3 }],
    },
    {
      name: 'separate statements with separate paths are reported separately',
      files: { 'policy.json': policy(allow('"iam:AddUserToGroup"'), allow('"s3:GetObject"', '"arn:aws:s3:::b/*"'), allow('"iam:SetDefaultPolicyVersion"')) },
      errors: [
        { resource: 'policy.json', messageId: 'escalation', line: 3, message: '"iam:AddUserToGroup"' },
        { resource: 'policy.json', messageId: 'escalation', line: 5, message: '"iam:SetDefaultPolicyVersion"' },
      ],
    },
  ],
});

it('privilege-escalation: names the statements that supply the other actions as related locations', async () => {
  const found = await findingsOf(check, {
    name: 'split',
    files: { 'policy.json': policy(allow('"iam:PassRole"'), allow('"lambda:CreateFunction"'), allow('"lambda:InvokeFunction"')) },
  });
  expect(found).toHaveLength(1);
  expect(found[0]?.line).toBe(3);
  expect(found[0]?.related?.map((r) => [r.line, r.message])).toEqual([
    [4, 'also needed: "lambda:CreateFunction" granted here'],
    [5, 'also needed: "lambda:InvokeFunction" granted here'],
  ]);
});
