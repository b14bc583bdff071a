import { checkCases } from '../../test/harness/check-tester.js';
import check from './data-exfiltration.js';

/** One statement per line after the header: line 3 is the first statement. */
const policy = (...statements: string[]): string =>
  ['{', '  "Version": "2012-10-17", "Statement": [', statements.map((s) => `    ${s}`).join(',\n'), '  ]', '}'].join('\n');
const allow = (action: string, resource = '"*"', extra = ''): string => `{"Effect": "Allow", "Action": ${action}, "Resource": ${resource}${extra}}`;
const deny = (action: string, resource = '"*"', extra = ''): string => `{"Effect": "Deny", "Action": ${action}, "Resource": ${resource}${extra}}`;

checkCases(check, {
  valid: [
    {
      name: 'checkov CKV_AWS_108/288 pass: write actions on "*"',
      files: { 'policy.json': policy(allow('["lambda:CreateFunction", "lambda:CreateEventSourceMapping", "dynamodb:CreateTable"]')) },
    },
    {
      name: 'reads scoped to named resources',
      files: {
        'policy.json': policy(
          allow('"s3:GetObject"', '"arn:aws:s3:::secretbucket/*"'),
          allow('["ssm:GetParameter", "ssm:GetParametersByPath"]', '"arn:aws:ssm:us-east-1:123456789012:parameter/app/*"'),
          allow('"secretsmanager:GetSecretValue"', '["arn:aws:secretsmanager:us-east-1:123456789012:secret:db-*"]'),
        ),
      },
    },
    { name: 'an account-wide S3 pattern is not every resource', files: { 'policy.json': policy(allow('"s3:GetObject"', '"arn:aws:s3:::*"')) } },
    { name: 'listing and describing is not reading data', files: { 'policy.json': policy(allow('["s3:ListBucket", "s3:ListAllMyBuckets", "ssm:DescribeParameters", "dynamodb:DescribeTable"]')) } },
    { name: 'a Deny never fires', files: { 'policy.json': policy(deny('["s3:*", "secretsmanager:*"]')) } },
    { name: 'an unconditional Deny of the document takes the read away', files: { 'policy.json': policy(allow('"s3:GetObject"'), deny('"s3:*"')) } },
    {
      name: 'a constraining condition (VPC endpoint) on the grant',
      files: { 'policy.json': policy(allow('"s3:GetObject"', '"*"', ', "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}')) },
    },
    {
      name: 'attribute-based access: a resource-tag condition scopes the secrets',
      files: {
        'policy.json': policy(allow('"secretsmanager:GetSecretValue"', '"*"', ', "Condition": {"StringEquals": {"secretsmanager:ResourceTag/team": "${aws:PrincipalTag/team}"}}')),
      },
    },
    {
      name: 'a KMS key policy says "*" for the key itself',
      files: { 'policy.json': policy('{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/app"}, "Action": ["kms:Decrypt"], "Resource": "*"}') },
    },
    { name: 'an unresolved Resource is never a wildcard', files: { 'policy.json': policy(allow('"s3:GetObject"', '"${BucketArn}"')) } },
    { name: 'NotResource is not "all resources" here', files: { 'policy.json': policy('{"Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::b/*"}') } },
  ],
  invalid: [
    {
      name: 'checkov CKV_AWS_108/288 fail: parameters, objects and secrets on "*", reported once at Action',
      files: {
        'policy.json': [
          '{',
          '  "Version": "2012-10-17",',
          '  "Statement": [',
          '    {',
          '      "Effect": "Allow",',
          '      "Action": [',
          '        "iam:PassRole",',
          '        "ssm:GetParameter",',
          '        "s3:GetObject",',
          '        "ssm:GetParameters",',
          '        "ssm:GetParametersByPath",',
          '        "secretsmanager:GetSecretValue",',
          '        "s3:PutObject",',
          '        "ec2:CreateTags"',
          '      ],',
          '      "Resource": "*"',
          '    }',
          '  ]',
          '}',
        ].join('\n'),
      },
      errors: [
        {
          resource: 'policy.json',
          messageId: 'dataExfiltration',
          line: 6,
          endLine: 15,
          message: 'allows "s3:GetObject", "ssm:GetParameter", "ssm:GetParameters" and 2 more on "*" without a constraining condition',
        },
      ],
    },
    {
      name: 'service wildcards and "*" reach the reads',
      files: { 'policy.json': policy(allow('"s3:Get*"'), allow('["dynamodb:*"]'), allow('"*"', '"arn:*:*:*:*:*"')) },
      errors: [
        { resource: 'policy.json', messageId: 'dataExfiltration', line: 3, message: '"s3:GetObject", "s3:GetObjectVersion" on "*"' },
        { resource: 'policy.json', messageId: 'dataExfiltration', line: 4, message: '"dynamodb:GetItem"' },
        { resource: 'policy.json', messageId: 'dataExfiltration', line: 5, message: 'on "arn:*:*:*:*:*"' },
      ],
    },
    {
      name: 'kms:Decrypt on "*" in an identity policy',
      files: { 'policy.json': policy(allow('["kms:Decrypt", "kms:GenerateDataKey"]')) },
      errors: [{ resource: 'policy.json', messageId: 'dataExfiltration', line: 3, column: 25, endColumn: 73, message: '"kms:Decrypt" on "*"' }],
    },
    {
      name: 'a NotAction grant is reported at NotAction',
      files: { 'policy.json': policy('{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}') },
      errors: [{ resource: 'policy.json', messageId: 'dataExfiltration', line: 3, column: 25, endColumn: 45 }],
    },
    {
      name: 'aws:Referer and a wildcard-only condition do not constrain; a conditional Deny does not take the grant away',
      files: {
        'policy.json': policy(
          allow('"ssm:GetParameter"', '"*"', ', "Condition": {"StringLike": {"aws:Referer": "https://example.com/*"}}'),
          allow('"secretsmanager:GetSecretValue"', '"*"', ', "Condition": {"StringLike": {"aws:SourceVpce": "*"}}'),
          deny('"*"', '"*"', ', "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}'),
        ),
      },
      errors: [
        { resource: 'policy.json', messageId: 'dataExfiltration', line: 3, message: '"ssm:GetParameter"' },
        { resource: 'policy.json', messageId: 'dataExfiltration', line: 4, message: '"secretsmanager:GetSecretValue"' },
      ],
    },
  ],
});
