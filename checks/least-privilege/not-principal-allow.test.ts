import { checkCases } from '../../test/harness/check-tester.js';
import check from './not-principal-allow.js';

/** One statement per line after the header: line 3 is the first statement. */
const policy = (...statements: string[]): string =>
  ['{', '  "Version": "2012-10-17", "Statement": [', statements.map((s) => `    ${s}`).join(',\n'), '  ]', '}'].join('\n');

checkCases(check, {
  valid: [
    {
      name: 'Deny with NotPrincipal (lock a bucket to one user)',
      files: {
        'policy.json': policy(
          '{"Effect": "Deny", "NotPrincipal": {"AWS": ["arn:aws:iam::444455556666:user/Bob", "arn:aws:iam::444455556666:root"]}, "Action": "s3:*", "Resource": ["arn:aws:s3:::B", "arn:aws:s3:::B/*"]}',
        ),
      },
    },
    {
      name: 'Allow with Principal',
      files: { 'policy.json': policy('{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:user/Bob"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::B/*"}') },
    },
  ],
  invalid: [
    {
      name: 'Allow NotPrincipal points at NotPrincipal',
      files: {
        'policy.json': policy('{"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::444455556666:user/Bob"}, "Action": "s3:*", "Resource": "arn:aws:s3:::B/*"}'),
      },
      errors: [
        {
          resource: 'policy.json',
          messageId: 'notPrincipalAllow',
          line: 3,
          column: 25,
          endColumn: 86,
          message: 'every principal except "arn:aws:iam::444455556666:user/Bob", anonymous',
        },
      ],
    },
    {
      name: 'a multi-line NotPrincipal, once per statement',
      files: {
        'policy.json': [
          '{',
          '  "Version": "2012-10-17",',
          '  "Statement": [{',
          '    "Effect": "Allow",',
          '    "NotPrincipal": {"AWS": [',
          '      "arn:aws:iam::444455556666:user/Bob"',
          '    ]},',
          '    "Action": "s3:*",',
          '    "Resource": ["arn:aws:s3:::B", "arn:aws:s3:::B/*"]',
          '  }]',
          '}',
        ].join('\n'),
      },
      errors: [{ resource: 'policy.json', messageId: 'notPrincipalAllow', line: 5, endLine: 7, column: 5 }],
    },
    {
      name: 'a trust policy (F6)',
      files: { 'policy.json': policy('{"Effect": "Allow", "NotPrincipal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}') },
      errors: [{ resource: 'policy.json', messageId: 'notPrincipalAllow', line: 3, message: 'except "ec2.amazonaws.com"' }],
    },
    {
      name: 'several principal types and a trust-like statement',
      files: {
        'policy.json': policy(
          '{"Effect": "Allow", "NotPrincipal": {"AWS": ["arn:aws:iam::1:root", "arn:aws:iam::2:root"], "Service": ["a.amazonaws.com", "b.amazonaws.com"]}, "Action": "sns:Publish", "Resource": "*"}',
          '{"Effect": "Allow", "NotPrincipal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}',
        ),
      },
      errors: [
        { resource: 'policy.json', messageId: 'notPrincipalAllow', line: 3, message: '"arn:aws:iam::1:root", "arn:aws:iam::2:root", "a.amazonaws.com" and 1 more' },
        { resource: 'policy.json', messageId: 'notPrincipalAllow', line: 4 },
      ],
    },
  ],
});
