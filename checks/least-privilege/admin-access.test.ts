import { checkCases } from '../../test/harness/check-tester.js';
import check from './admin-access.js';

/** One statement per line after the header: line 3 is the first statement. */
const policy = (...statements: string[]): string =>
  ['{', '  "Version": "2012-10-17", "Statement": [', statements.map((s) => `    ${s}`).join(',\n'), '  ]', '}'].join('\n');

checkCases(check, {
  valid: [
    { name: 'every action denied on every resource', files: { 'policy.json': policy('{"Effect": "Deny", "Action": "*", "Resource": "*"}') } },
    { name: 'every action on one bucket only', files: { 'policy.json': policy('{"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::bucket/*"}') } },
    { name: 'a service wildcard on every resource is not admin', files: { 'policy.json': policy('{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}') } },
    {
      name: 'a prefix wildcard covering every service is not "*"',
      files: { 'policy.json': policy('{"Effect": "Allow", "Action": ["*:Get*", "ec2:*"], "Resource": "*"}') },
    },
    { name: 'NotAction is left to not-action-allow', files: { 'policy.json': policy('{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}') } },
    { name: 'NotResource is left to not-resource-allow', files: { 'policy.json': policy('{"Effect": "Allow", "Action": "*", "NotResource": "arn:aws:s3:::b"}') } },
    {
      name: 'an account-wide ARN is not every resource',
      files: { 'policy.json': policy('{"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::*"}') },
    },
    {
      name: 'a resource policy granting everything on its own bucket',
      files: {
        'policy.json': policy('{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "*", "Resource": "arn:aws:s3:::b/*"}'),
      },
    },
    { name: 'read-only actions on everything', files: { 'policy.json': policy('{"Effect": "Allow", "Action": ["s3:Get*", "ec2:Describe*"], "Resource": "*"}') } },
  ],
  invalid: [
    {
      name: 'the classic "*" on "*"',
      files: { 'policy.json': policy('{"Effect": "Allow", "Action": "*", "Resource": "*"}') },
      errors: [{ resource: 'policy.json', messageId: 'adminAccess', line: 3, column: 25, endColumn: 38, message: 'allows "*" on "*"' }],
    },
    {
      name: '"*:*" on an all-ARN pattern',
      files: { 'policy.json': policy('{"Effect": "Allow", "Action": ["*:*"], "Resource": ["arn:aws:*"]}') },
      errors: [{ resource: 'policy.json', messageId: 'adminAccess', line: 3, message: '"*:*" on "arn:aws:*"' }],
    },
    {
      name: '"arn*" matches every ARN',
      files: { 'policy.json': policy('{"Effect": "Allow", "Action": "*", "Resource": "arn*"}') },
      errors: [{ resource: 'policy.json', messageId: 'adminAccess', line: 3 }],
    },
    {
      name: '"*" mixed into lists, spanning the whole Action attribute',
      files: {
        'policy.json': [
          '{',
          '  "Version": "2012-10-17",',
          '  "Statement": [{',
          '    "Effect": "Allow",',
          '    "Action": [',
          '      "s3:HeadBucket",',
          '      "*"',
          '    ],',
          '    "Resource": ["arn:aws:s3:::b1", "*"]',
          '  }]',
          '}',
        ].join('\n'),
      },
      errors: [{ resource: 'policy.json', messageId: 'adminAccess', line: 5, endLine: 8, column: 5 }],
    },
    {
      name: 'a condition does not make it acceptable',
      files: {
        'policy.json': policy('{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}'),
      },
      errors: [{ resource: 'policy.json', messageId: 'adminAccess', line: 3 }],
    },
    {
      name: 'a statement without Effect is read as the grant it was meant to be',
      files: { 'policy.json': policy('{"Action": "*", "Resource": "*"}') },
      errors: [{ resource: 'policy.json', messageId: 'adminAccess', line: 3 }],
    },
    {
      name: 'a resource policy can grant admin too',
      files: { 'policy.json': policy('{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "*", "Resource": "*"}') },
      errors: [{ resource: 'policy.json', messageId: 'adminAccess', line: 3 }],
    },
    {
      name: 'each offending statement once',
      files: {
        'policy.json': policy(
          '{"Effect": "Allow", "Action": "*", "Resource": "*"}',
          '{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}',
          '{"Effect": "Allow", "Action": ["*", "*:*"], "Resource": ["*", "arn:*:*:*:*:*"]}',
        ),
      },
      errors: [
        { resource: 'policy.json', messageId: 'adminAccess', line: 3 },
        { resource: 'policy.json', messageId: 'adminAccess', line: 5 },
      ],
    },
  ],
});
