import { checkCases } from '../../test/harness/check-tester.js';
import check from './wildcard-action.js';

/** One statement per line after the header: line 3 is the first statement. */
const policy = (...statements: string[]): string =>
  ['{', '  "Version": "2012-10-17", "Statement": [', statements.map((s) => `    ${s}`).join(',\n'), '  ]', '}'].join('\n');
const allow = (action: string, resource = '"*"'): string => `{"Effect": "Allow", "Action": ${action}, "Resource": ${resource}}`;

checkCases(check, {
  valid: [
    { name: 'a prefix wildcard that only matches List actions', files: { 'policy.json': policy(allow('"iam:List*Tags"')) } },
    { name: 'read-only prefix wildcards', files: { 'policy.json': policy(allow('["s3:Get*", "ec2:Describe*", "dynamodb:List*"]')) } },
    { name: 'named actions', files: { 'policy.json': policy(allow('["s3:PutObject", "s3:GetObject"]', '"arn:aws:s3:::b/*"')) } },
    { name: 'a Deny with "*" takes away, it does not grant', files: { 'policy.json': policy('{"Effect": "Deny", "Action": "*", "Resource": "*"}') } },
    { name: 'a Deny with a service wildcard', files: { 'policy.json': policy('{"Effect": "Deny", "Action": ["s3:*", "iam:Put*"], "Resource": "*"}') } },
    { name: 'an unknown service is unknown-action business', files: { 'policy.json': policy(allow('"notaservice:*"')) } },
    { name: 'a wildcard that matches no known action', files: { 'policy.json': policy(allow('"s3:Frobnicate*"')) } },
    { name: 'NotAction is not-action-allow business', files: { 'policy.json': policy('{"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"}') } },
    {
      name: 'a trust policy naming its actions',
      files: {
        'policy.json': policy('{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": ["sts:AssumeRole", "sts:TagSession"]}'),
      },
    },
  ],
  invalid: [
    {
      name: '"*" points at the Action attribute',
      files: { 'policy.json': policy(allow('"*"')) },
      errors: [{ resource: 'policy.json', messageId: 'wildcardAction', line: 3, column: 25, endColumn: 38, message: 'grants "*", wildcards' }],
    },
    {
      name: 'a service wildcard, whatever the resource',
      files: { 'policy.json': policy(allow('["s3:GetBucketAcl", "s3:*"]', '"arn:aws:s3:::b"')) },
      errors: [{ resource: 'policy.json', messageId: 'wildcardAction', line: 3, message: 'grants "s3:*", wildcards' }],
    },
    {
      name: 'case does not hide a service wildcard, and "*:*" is every action',
      files: { 'policy.json': policy(allow('"S3:*"'), allow('"*:*"')) },
      errors: [
        { resource: 'policy.json', messageId: 'wildcardAction', line: 3, message: '"S3:*"' },
        { resource: 'policy.json', messageId: 'wildcardAction', line: 4, message: '"*:*"' },
      ],
    },
    {
      name: 'a prefix wildcard that reaches a permissions-management action (s3:PutObjectAcl)',
      files: { 'policy.json': policy(allow('"s3:PutObject*"', '"arn:aws:s3:::b1/*"')) },
      errors: [{ resource: 'policy.json', messageId: 'wildcardAction', line: 3, message: '"s3:PutObject*"' }],
    },
    {
      name: 'infix and "?" wildcards are expanded too',
      files: { 'policy.json': policy(allow('["iam:*Policy", "ec2:Describe*"]'), allow('"ec2:Terminate?nstances"')) },
      errors: [
        { resource: 'policy.json', messageId: 'wildcardAction', line: 3, message: 'grants "iam:*Policy", wildcards' },
        { resource: 'policy.json', messageId: 'wildcardAction', line: 4 },
      ],
    },
    {
      name: 'one finding per statement, naming at most three values',
      files: { 'policy.json': policy(allow('["s3:*", "s3:GetObject", "iam:Put*", "ec2:*", "*", "s3:Get*"]')) },
      errors: [{ resource: 'policy.json', messageId: 'wildcardAction', line: 3, message: 'grants "s3:*", "iam:Put*", "ec2:*" and 1 more, wildcards' }],
    },
    {
      name: 'a resource policy with "*" actions',
      files: {
        'policy.json': policy(
          '{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sqs:*", "Resource": "arn:aws:sqs:us-east-1:111122223333:q"}',
        ),
      },
      errors: [{ resource: 'policy.json', messageId: 'wildcardAction', line: 3 }],
    },
    {
      name: 'a constraining condition does not narrow the actions',
      files: {
        'policy.json': policy('{"Effect": "Allow", "Action": "ec2:*", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}}'),
      },
      errors: [{ resource: 'policy.json', messageId: 'wildcardAction', line: 3 }],
    },
    {
      name: 'a statement without Effect',
      files: { 'policy.json': policy('{"Action": "rds:*", "Resource": "*"}') },
      errors: [{ resource: 'policy.json', messageId: 'wildcardAction', line: 3 }],
    },
  ],
});
