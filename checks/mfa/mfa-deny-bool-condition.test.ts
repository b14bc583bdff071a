import { checkCases } from '../../test/harness/check-tester.js';
import check from './mfa-deny-bool-condition.js';

/** One statement per line after the header: line 3 is the first statement. */
const policy = (...statements: string[]): string =>
  ['{', '  "Version": "2012-10-17", "Statement": [', statements.map((s) => `    ${s}`).join(',\n'), '  ]', '}'].join('\n');
const stmt = (effect: string, condition: string): string => `{"Effect": "${effect}", "NotAction": "iam:ListMFADevices", "Resource": "*", "Condition": ${condition}}`;

checkCases(check, {
  valid: [
    { name: 'BoolIfExists false in a Deny', files: { 'policy.json': policy(stmt('Deny', '{"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}')) } },
    { name: 'Null true in a Deny', files: { 'policy.json': policy(stmt('Deny', '{"Null": {"aws:MultiFactorAuthPresent": "true"}}')) } },
    {
      name: 'parliament: Null on aws:MultiFactorAuthAge in a bucket policy Deny',
      files: {
        'policy.json': policy(
          '{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::examplebucket/taxdocuments/*", "Condition": {"Null": {"aws:MultiFactorAuthAge": true}}}',
        ),
      },
    },
    { name: 'parliament: NumericGreaterThan on aws:MultiFactorAuthAge', files: { 'policy.json': policy(stmt('Deny', '{"NumericGreaterThan": {"aws:MultiFactorAuthAge": "28800"}}')) } },
    { name: 'parliament bool_mfa_false_allow: an Allow is not an MFA-enforcing Deny', files: { 'policy.json': policy(stmt('Allow', '{"Bool": {"aws:MultiFactorAuthPresent": "false"}}')) } },
    { name: 'Bool true in an Allow (the grant requires MFA)', files: { 'policy.json': policy(stmt('Allow', '{"Bool": {"aws:MultiFactorAuthPresent": "true"}}')) } },
    { name: 'Bool on another key in a Deny', files: { 'policy.json': policy(stmt('Deny', '{"Bool": {"aws:SecureTransport": "false"}}')) } },
    { name: 'an unresolved value is not "false"', files: { 'policy.json': policy(stmt('Deny', '{"Bool": {"aws:MultiFactorAuthPresent": "${MfaFlag}"}}')) } },
  ],
  invalid: [
    {
      name: 'Bool false in a Deny points at the condition',
      files: { 'policy.json': policy(stmt('Deny', '{"Bool": {"aws:MultiFactorAuthPresent": "false"}}')) },
      errors: [
        {
          resource: 'policy.json',
          messageId: 'boolMfaDeny',
          line: 3,
          column: 99,
          endColumn: 136,
          message: 'tests "aws:MultiFactorAuthPresent" with "Bool", which never matches requests signed with long-term access keys',
        },
      ],
    },
    {
      name: 'an unquoted false, other key spelling, and ForAnyValue:Bool',
      files: {
        'policy.json': policy(
          stmt('Deny', '{"Bool": {"aws:multifactorauthpresent": false}}'),
          stmt('Deny', '{"ForAnyValue:Bool": {"aws:MultiFactorAuthPresent": ["false"]}}'),
          stmt('Allow', '{"Bool": {"aws:MultiFactorAuthPresent": "false"}}'),
        ),
      },
      errors: [
        { resource: 'policy.json', messageId: 'boolMfaDeny', line: 3 },
        { resource: 'policy.json', messageId: 'boolMfaDeny', line: 4, message: '"ForAnyValue:Bool"' },
      ],
    },
    {
      name: 'the AWS self-manage-MFA example with Bool, in a multi-line policy',
      files: {
        'policy.json': [
          '{',
          '  "Version": "2012-10-17",',
          '  "Statement": [',
          '    { "Sid": "AllowViewAccountInfo", "Effect": "Allow", "Action": "iam:ListVirtualMFADevices", "Resource": "*" },',
          '    {',
          '      "Sid": "DenyAllExceptListedIfNoMFA",',
          '      "Effect": "Deny",',
          '      "NotAction": ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:GetUser", "iam:ListMFADevices", "sts:GetSessionToken"],',
          '      "Resource": "*",',
          '      "Condition": {',
          '        "Bool": {',
          '          "aws:MultiFactorAuthPresent": "false"',
          '        }',
          '      }',
          '    }',
          '  ]',
          '}',
        ].join('\n'),
      },
      errors: [{ resource: 'policy.json', messageId: 'boolMfaDeny', line: 12, endLine: 12 }],
    },
  ],
});
