import { checkCases } from '../../test/harness/check-tester.js';
import check from './not-action-allow.js';

/** One statement per line after the header: line 3 is the first statement. */
const policy = (...statements: string[]): string =>
  ['{', '  "Version": "2012-10-17", "Statement": [', statements.map((s) => `    ${s}`).join(',\n'), '  ]', '}'].join('\n');

checkCases(check, {
  valid: [
    { name: 'Deny with NotAction (the usual guardrail)', files: { 'policy.json': policy('{"Effect": "Deny", "NotAction": ["iam:*", "sts:*"], "Resource": "*"}') } },
    { name: 'Allow with Action', files: { 'policy.json': policy('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}') } },
    {
      name: 'MFA guardrail: Deny NotAction unless MFA',
      files: {
        'policy.json': policy(
          '{"Effect": "Allow", "Action": "iam:ChangePassword", "Resource": "arn:aws:iam::*:user/${aws:username}"}',
          '{"Effect": "Deny", "NotAction": "iam:ChangePassword", "Resource": "*", "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}',
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'Allow NotAction points at NotAction',
      files: { 'policy.json': policy('{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}') },
      errors: [{ resource: 'policy.json', messageId: 'notActionAllow', line: 3, column: 25, endColumn: 45, message: 'every action of every service except "iam:*"' }],
    },
    {
      name: 'a multi-line NotAction on one resource, with a condition',
      files: {
        'policy.json': [
          '{',
          '  "Version": "2012-10-17",',
          '  "Statement": [{',
          '    "Effect": "Allow",',
          '    "NotAction": [',
          '      "s3:DeleteBucket",',
          '      "s3:DeleteObject",',
          '      "s3:PutBucketPolicy",',
          '      "s3:PutBucketAcl"',
          '    ],',
          '    "Resource": "arn:aws:s3:::b",',
          '    "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}',
          '  }]',
          '}',
        ].join('\n'),
      },
      errors: [
        {
          resource: 'policy.json',
          messageId: 'notActionAllow',
          line: 5,
          endLine: 10,
          message: 'except "s3:DeleteBucket", "s3:DeleteObject", "s3:PutBucketPolicy" and 1 more',
        },
      ],
    },
    {
      name: 'in a resource policy, and in a trust-like statement, once per statement',
      files: {
        'policy.json': policy(
          '{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "NotAction": "sqs:DeleteQueue", "Resource": "*"}',
          '{"Effect": "Deny", "Principal": "*", "NotAction": "sqs:SendMessage", "Resource": "*"}',
          '{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "NotAction": ["sts:AssumeRoleWithSAML"]}',
        ),
      },
      errors: [
        { resource: 'policy.json', messageId: 'notActionAllow', line: 3 },
        { resource: 'policy.json', messageId: 'notActionAllow', line: 5 },
      ],
    },
    {
      name: 'a statement without Effect',
      files: { 'policy.json': policy('{"NotAction": "iam:*", "Resource": "*"}') },
      errors: [{ resource: 'policy.json', messageId: 'notActionAllow', line: 3 }],
    },
  ],
});
