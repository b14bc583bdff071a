import { checkCases } from '../../test/harness/check-tester.js';
import check from './pass-role-wildcard.js';

/** One statement per line after the header: line 3 is the first statement. */
const policy = (...statements: string[]): string =>
  ['{', '  "Version": "2012-10-17", "Statement": [', statements.map((s) => `    ${s}`).join(',\n'), '  ]', '}'].join('\n');
const allow = (action: string, resource = '"*"', extra = ''): string => `{"Effect": "Allow", "Action": ${action}, "Resource": ${resource}${extra}}`;
const deny = (action: string, resource = '"*"', extra = ''): string => `{"Effect": "Deny", "Action": ${action}, "Resource": ${resource}${extra}}`;

checkCases(check, {
  valid: [
    { name: 'cfn_nag F38/F39/F40 pass: a Deny of iam:PassRole on "*" (cfn_nag#584)', files: { 'policy.json': policy(deny('"iam:PassRole"')) } },
    {
      name: 'cfn_nag F39 pass: iam:PassRole on an account-wide S3 pattern and list actions on "*"',
      files: {
        'policy.json': policy(
          allow('["s3:ListBucket", "s3:GetBucketLocation"]', '"arn:aws:s3:::*"'),
          allow('["s3:ListBucket", "s3:GetBucketLocation"]'),
          allow('"iam:PassRole"', '"arn:aws:s3:::*"'),
        ),
      },
    },
    { name: 'iam:PassRole on named roles', files: { 'policy.json': policy(allow('"iam:PassRole"', '["arn:aws:iam::123456789012:role/app-*"]')) } },
    {
      name: 'iam:PassedToService limits the services',
      files: { 'policy.json': policy(allow('"iam:PassRole"', '"*"', ', "Condition": {"StringEquals": {"iam:PassedToService": ["lambda.amazonaws.com"]}}')) },
    },
    {
      name: 'an unknown iam:PassedToService value still narrows',
      files: { 'policy.json': policy(allow('"iam:PassRole"', '"*"', ', "Condition": {"StringEquals": {"iam:PassedToService": "${Service}"}}')) },
    },
    {
      name: 'an unconditional Deny of the document takes iam:PassRole away',
      files: { 'policy.json': policy(allow('"iam:*"'), deny('["iam:PassRole", "iam:CreateUser"]')) },
    },
    { name: 'wildcards that do not reach iam:PassRole', files: { 'policy.json': policy(allow('["iam:Get*", "iam:List*", "iam:Put*", "s3:*"]')) } },
    { name: 'NotAction excluding iam:PassRole', files: { 'policy.json': policy('{"Effect": "Allow", "NotAction": ["iam:*"], "Resource": "*"}') } },
    {
      name: 'a resource policy is not where roles are passed',
      files: { 'policy.json': policy('{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "*", "Resource": "*"}') },
    },
    { name: 'an unresolved Resource is never a wildcard', files: { 'policy.json': policy(allow('"iam:PassRole"', '"${RoleArn}"')) } },
  ],
  invalid: [
    {
      name: 'cfn_nag F38/F39/F40 fail: iam:PassRole on "*" spans Action to Resource',
      files: { 'policy.json': policy(allow('"iam:PassRole"')) },
      errors: [
        {
          resource: 'policy.json',
          messageId: 'passRoleWildcard',
          line: 3,
          column: 25,
          endColumn: 66,
          message: '"iam:PassRole" on "*" without an "iam:PassedToService" condition',
        },
      ],
    },
    {
      name: 'cfn_nag F38/F40 fail: iam:PassR*, iam:Pas*, iam:*Role, iam:*Ro* and "*"',
      files: {
        'policy.json': policy(allow('"iam:PassR*"'), allow('"iam:Pas*"'), allow('"iam:*Role"'), allow('"iam:*Ro*"'), allow('"*"')),
      },
      errors: [
        { resource: 'policy.json', messageId: 'passRoleWildcard', line: 3, message: '"iam:PassR*" (which includes "iam:PassRole")' },
        { resource: 'policy.json', messageId: 'passRoleWildcard', line: 4 },
        { resource: 'policy.json', messageId: 'passRoleWildcard', line: 5 },
        { resource: 'policy.json', messageId: 'passRoleWildcard', line: 6 },
        { resource: 'policy.json', messageId: 'passRoleWildcard', line: 7, message: '"*" (which includes "iam:PassRole")' },
      ],
    },
    {
      name: 'a NotAction that leaves iam:PassRole allowed',
      files: { 'policy.json': policy('{"Effect": "Allow", "NotAction": ["s3:*"], "Resource": "*"}') },
      errors: [{ resource: 'policy.json', messageId: 'passRoleWildcard', line: 3, message: '"NotAction" (which leaves "iam:PassRole" allowed)' }],
    },
    {
      name: 'an all-resources pattern next to a role ARN: the span runs from Action to the end of Resource',
      files: {
        'policy.json': [
          '{',
          '  "Version": "2012-10-17",',
          '  "Statement": [{',
          '    "Effect": "Allow",',
          '    "Action": "iam:PassRole",',
          '    "Resource": [',
          '      "arn:aws:iam::123456789012:role/app",',
          '      "arn:aws:*"',
          '    ]',
          '  }]',
          '}',
        ].join('\n'),
      },
      errors: [{ resource: 'policy.json', messageId: 'passRoleWildcard', line: 5, endLine: 9, message: 'on "arn:aws:*"' }],
    },
    {
      name: 'iam:PassedToService with a wildcard value, a negated operator, or other conditions does not count',
      files: {
        'policy.json': policy(
          allow('"iam:PassRole"', '"*"', ', "Condition": {"StringLike": {"iam:PassedToService": "*"}}'),
          allow('"iam:PassRole"', '"*"', ', "Condition": {"StringNotEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}'),
          allow('"iam:PassRole"', '"*"', ', "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}'),
        ),
      },
      errors: [
        { resource: 'policy.json', messageId: 'passRoleWildcard', line: 3 },
        { resource: 'policy.json', messageId: 'passRoleWildcard', line: 4 },
        { resource: 'policy.json', messageId: 'passRoleWildcard', line: 5 },
      ],
    },
    {
      name: 'a conditional Deny does not take the grant away',
      files: {
        'policy.json': policy(allow('"iam:PassRole"'), deny('"iam:PassRole"', '"*"', ', "Condition": {"Bool": {"aws:ViaAWSService": "false"}}')),
      },
      errors: [{ resource: 'policy.json', messageId: 'passRoleWildcard', line: 3 }],
    },
  ],
});
