import { checkCases } from '../../test/harness/check-tester.js';
import check from './wildcard-resource.js';

/** One statement per line after the header: line 3 is the first statement. */
const policy = (...statements: string[]): string =>
  ['{', '  "Version": "2012-10-17", "Statement": [', statements.map((s) => `    ${s}`).join(',\n'), '  ]', '}'].join('\n');
const allow = (action: string, resource = '"*"', extra = ''): string => `{"Effect": "Allow", "Action": ${action}, "Resource": ${resource}${extra}}`;

checkCases(check, {
  valid: [
    {
      name: 'actions that only work with Resource "*"',
      files: {
        'policy.json': policy(
          allow('["s3:ListAllMyBuckets", "iam:ListVirtualMFADevices", "guardduty:ListDetectors"]'),
          allow('["ecr:GetAuthorizationToken", "logs:CreateLogDelivery", "sts:GetCallerIdentity"]'),
          allow('"xray:Put*"'),
        ),
      },
    },
    { name: 'read-only wildcards on everything', files: { 'policy.json': policy(allow('["s3:Get*", "ec2:Describe*"]')) } },
    {
      name: 'write actions scoped to ARNs',
      files: { 'policy.json': policy(allow('["cloudtrail:GetEventSelectors", "cloudtrail:PutEventSelectors"]', '["arn:aws:cloudtrail:us-east-1:000000000000:trail/*"]')) },
    },
    { name: 'an account-wide bucket pattern is not every resource', files: { 'policy.json': policy(allow('"s3:PutObject"', '"arn:aws:s3:::*"')) } },
    { name: 'a Deny on everything', files: { 'policy.json': policy('{"Effect": "Deny", "Action": ["s3:*", "iam:*"], "Resource": "*"}') } },
    {
      name: 'in a resource policy "*" is the resource the policy is attached to',
      files: { 'policy.json': policy('{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}') },
    },
    { name: 'NotAction excluding every action grants nothing', files: { 'policy.json': policy('{"Effect": "Allow", "NotAction": "*", "Resource": "*"}') } },
    { name: 'NotResource is not-resource-allow business', files: { 'policy.json': policy('{"Effect": "Allow", "Action": "s3:PutObject", "NotResource": "arn:aws:s3:::b/*"}') } },
    { name: 'unknown actions never fire', files: { 'policy.json': policy(allow('["s3:Frobnicate", "notaservice:*"]')) } },
  ],
  invalid: [
    {
      name: 'a write action with a condition that does not pin the resource points at Resource',
      files: {
        'policy.json': policy(allow('["ec2:TerminateInstances"]', '"*"', ', "Condition": {"ArnEquals": {"ec2:InstanceProfile": "arn:aws:iam::123456789012:instance-profile/r"}}')),
      },
      errors: [
        {
          resource: 'policy.json',
          messageId: 'wildcardResource',
          line: 3,
          column: 63,
          endColumn: 78,
          message: 'grants "ec2:TerminateInstances" on "*", that is on every matching resource',
        },
      ],
    },
    {
      name: '"*" next to a scoped ARN, spanning the Resource attribute',
      files: {
        'policy.json': [
          '{',
          '  "Version": "2012-10-17",',
          '  "Statement": [{',
          '    "Effect": "Allow",',
          '    "Action": ["rds:CreateDBInstance"],',
          '    "Resource": [',
          '      "arn:aws:rds:us-east-1:111122223333:db:x",',
          '      "*"',
          '    ],',
          '    "Condition": {"StringEquals": {"rds:DatabaseEngine": "mysql"}}',
          '  }]',
          '}',
        ].join('\n'),
      },
      errors: [{ resource: 'policy.json', messageId: 'wildcardResource', line: 6, endLine: 9, column: 5 }],
    },
    {
      name: 'only the offending values are named',
      files: { 'policy.json': policy(allow('["s3:ListAllMyBuckets", "s3:Get*", "s3:PutObject", "ecr:*"]', '"arn:aws:*"')) },
      errors: [{ resource: 'policy.json', messageId: 'wildcardResource', line: 3, message: 'grants "s3:PutObject", "ecr:*" on "arn:aws:*"' }],
    },
    {
      name: 'permissions-management and tagging actions',
      files: { 'policy.json': policy(allow('"kms:CreateGrant"'), allow('"s3:PutBucketAcl"'), allow('"ec2:CreateTags"')) },
      errors: [
        { resource: 'policy.json', messageId: 'wildcardResource', line: 3 },
        { resource: 'policy.json', messageId: 'wildcardResource', line: 4 },
        { resource: 'policy.json', messageId: 'wildcardResource', line: 5 },
      ],
    },
    {
      name: '"*" actions include scopable writes',
      files: { 'policy.json': policy(allow('"*"')) },
      errors: [{ resource: 'policy.json', messageId: 'wildcardResource', line: 3, message: 'grants "*" on "*"' }],
    },
    {
      name: 'NotAction on "*" grants everything else',
      files: { 'policy.json': policy('{"Effect": "Allow", "NotAction": ["iam:*", "organizations:*"], "Resource": "*"}') },
      errors: [{ resource: 'policy.json', messageId: 'notActionWildcardResource', line: 3, message: 'every action except "iam:*", "organizations:*" on "*"' }],
    },
    {
      name: 'a constraining condition does not scope the resources',
      files: { 'policy.json': policy(allow('"s3:PutObject"', '"*"', ', "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}')) },
      errors: [{ resource: 'policy.json', messageId: 'wildcardResource', line: 3 }],
    },
  ],
});
