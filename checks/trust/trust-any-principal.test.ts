import { checkCases } from '../../test/harness/check-tester.js';
import check from './trust-any-principal.js';

/** One statement per line after the header: line 3 is the first statement. */
const policy = (...statements: string[]): string =>
  ['{', '  "Version": "2012-10-17", "Statement": [', statements.map((s) => `    ${s}`).join(',\n'), '  ]', '}'].join('\n');

const assume = (principal: string, extra = ''): string =>
  `{"Effect": "Allow", "Principal": ${principal}, "Action": "sts:AssumeRole"${extra}}`;

checkCases(check, {
  valid: [
    { name: 'a service principal', files: { 'policy.json': policy(assume('{"Service": "ec2.amazonaws.com"}')) } },
    { name: 'a named account', files: { 'policy.json': policy(assume('{"AWS": "arn:aws:iam::111122223333:root"}')) } },
    { name: 'a Deny with Principal *', files: { 'policy.json': policy('{"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}') } },
    {
      name: 'constrained by aws:PrincipalOrgID',
      files: { 'policy.json': policy(assume('"*"', ', "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}')) },
    },
    {
      name: 'constrained by sts:ExternalId',
      files: { 'policy.json': policy(assume('{"AWS": "*"}', ', "Condition": {"StringEquals": {"sts:ExternalId": "5f0c1d"}}')) },
    },
    {
      name: 'constrained by an ArnLike aws:PrincipalArn naming an account',
      files: { 'policy.json': policy(assume('{"AWS": "*"}', ', "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/ci-*"}}')) },
    },
    {
      name: 'a resource policy with Principal * (resource-policy-public territory)',
      files: { 'policy.json': policy('{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}') },
    },
    {
      name: 'a wildcard in an account principal name only (one account)',
      files: { 'policy.json': policy(assume('{"AWS": "arn:aws:iam::111122223333:role/*"}')) },
    },
  ],
  invalid: [
    {
      name: 'Principal "*" points at the Principal attribute',
      files: { 'policy.json': policy(assume('"*"')) },
      errors: [{ resource: 'policy.json', messageId: 'anyPrincipal', line: 3, column: 25, endColumn: 41, message: 'lets "*" assume the role' }],
    },
    {
      name: '{"AWS": "*"} and a list holding "*"',
      files: {
        'policy.json': policy(assume('{"AWS": "*"}'), assume('{"AWS": ["arn:aws:iam::111122223333:root", "*"]}')),
      },
      errors: [
        { resource: 'policy.json', messageId: 'anyPrincipal', line: 3 },
        { resource: 'policy.json', messageId: 'anyPrincipal', line: 4 },
      ],
    },
    {
      name: 'a wildcard account ARN admits every account',
      files: { 'policy.json': policy(assume('{"AWS": "arn:aws:iam::*:root"}')) },
      errors: [{ resource: 'policy.json', messageId: 'anyPrincipal', line: 3, message: '"arn:aws:iam::*:root"' }],
    },
    {
      name: 'conditions that do not narrow who: wildcard value, negated operator, Referer, username, ForAllValues, any-account ARN',
      files: {
        'policy.json': policy(
          assume('"*"', ', "Condition": {"StringLike": {"aws:PrincipalOrgID": "*"}}'),
          assume('"*"', ', "Condition": {"StringNotEquals": {"aws:PrincipalAccount": "111122223333"}}'),
          assume('"*"', ', "Condition": {"StringLike": {"aws:Referer": "https://example.com/*"}}'),
          assume('"*"', ', "Condition": {"StringEquals": {"aws:username": "deploy"}}'),
          assume('"*"', ', "Condition": {"ForAllValues:StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}'),
          assume('"*"', ', "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*"}}'),
        ),
      },
      errors: [3, 4, 5, 6, 7, 8].map((line) => ({ resource: 'policy.json', messageId: 'anyPrincipal', line })),
    },
    {
      name: 'a multi-line Principal spans its lines; a statement without Effect is read as a grant',
      files: {
        'policy.json': [
          '{',
          '  "Version": "2012-10-17",',
          '  "Statement": [{',
          '    "Principal": {',
          '      "AWS": "*"',
          '    },',
          '    "Action": "sts:AssumeRole"',
          '  }]',
          '}',
        ].join('\n'),
      },
      errors: [{ resource: 'policy.json', messageId: 'anyPrincipal', line: 4, endLine: 6, column: 5, endColumn: 6 }],
    },
  ],
});
