import { checkCases } from '../../test/harness/check-tester.js';
import check from './not-resource-allow.js';

/** One statement per line after the header: line 3 is the first statement. */
const policy = (...statements: string[]): string =>
  ['{', '  "Version": "2012-10-17", "Statement": [', statements.map((s) => `    ${s}`).join(',\n'), '  ]', '}'].join('\n');

checkCases(check, {
  valid: [
    {
      name: 'Deny with NotResource (protect everything but one bucket)',
      files: { 'policy.json': policy('{"Effect": "Deny", "Action": "s3:*", "NotResource": ["arn:aws:s3:::HRBucket/Payroll", "arn:aws:s3:::HRBucket/Payroll/*"]}') },
    },
    { name: 'Allow with Resource "*" is not this rule', files: { 'policy.json': policy('{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"}') } },
  ],
  invalid: [
    {
      name: 'Allow NotResource points at NotResource',
      files: { 'policy.json': policy('{"Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::secret/*"}') },
      errors: [
        {
          resource: 'policy.json',
          messageId: 'notResourceAllow',
          line: 3,
          column: 51,
          endColumn: 89,
          message: 'every resource except "arn:aws:s3:::secret/*"',
        },
      ],
    },
    {
      name: 'a multi-line NotResource with a condition, once per statement',
      files: {
        'policy.json': [
          '{',
          '  "Version": "2012-10-17",',
          '  "Statement": [{',
          '    "Effect": "Allow",',
          '    "Action": "s3:*",',
          '    "NotResource": [',
          '      "arn:aws:s3:::HRBucket/Payroll",',
          '      "arn:aws:s3:::HRBucket/Payroll/*"',
          '    ],',
          '    "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}',
          '  }]',
          '}',
        ].join('\n'),
      },
      errors: [{ resource: 'policy.json', messageId: 'notResourceAllow', line: 6, endLine: 9, column: 5 }],
    },
    {
      name: 'in a resource policy too',
      files: {
        'policy.json': policy(
          '{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::b/private/*"}',
        ),
      },
      errors: [{ resource: 'policy.json', messageId: 'notResourceAllow', line: 3 }],
    },
  ],
});
