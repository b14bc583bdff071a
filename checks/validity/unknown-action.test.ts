import { checkCases } from '../../test/harness/check-tester.js';
import check from './unknown-action.js';

const policy = (statements: string): string => `{\n  "Version": "2012-10-17",\n  "Statement": ${statements}\n}\n`;
const allow = (action: string): string => policy(`[{"Effect": "Allow", "Action": ${action}, "Resource": "*"}]`);

checkCases(check, {
  valid: [
    { name: 'known actions in any case', files: { 'policy.json': allow('["s3:listallmybuckets", "IAM:ListUsers", "ec2:DescribeInstances"]') } },
    { name: 'a service wildcard of a known service (parliament expand_known_iq_wildcard)', files: { 'policy.json': allow('"iq:*"') } },
    { name: 'mixed-case partial wildcards (parliament expand_known_mixed_case_wildcards)', files: { 'policy.json': allow('"iAm:li*sTuS*rs"') } },
    { name: 'an inner wildcard that matches something', files: { 'policy.json': allow('["iam:List*Tags", "s3:*Object*", "ses:Describe*", "s3:listallmybucke*"]') } },
    { name: 'a permission-only action (parliament expand_known_permission_only_action)', files: { 'policy.json': allow('"logs:GetLogDelivery"') } },
    { name: 'the full wildcards', files: { 'policy.json': allow('["*", "*:*"]') } },
    {
      name: 'a NotAction of known actions in a Deny',
      files: { 'policy.json': policy('[{"Effect": "Deny", "NotAction": ["iam:ChangePassword", "sts:GetSessionToken"], "Resource": "*"}]') },
    },
    {
      name: 'a string that is no action at all is left to policy-syntax',
      files: { 'policy.json': allow('["s3", "s3 GetObject"]') },
    },
  ],
  invalid: [
    {
      name: 'an unknown action of a known service (parliament expand_unknown_action_s3_zzz)',
      files: { 'policy.json': policy('[{\n    "Effect": "Allow",\n    "Action": "s3:zzz",\n    "Resource": "*"}]') },
      errors: [{ resource: 'policy.json', messageId: 'unknownAction', line: 5, column: 15, endColumn: 23, message: '"s3" service' }],
    },
    {
      name: 'a wildcard that matches no action (parliament expand_unknown_action_s3_zzz_wildcard)',
      files: { 'policy.json': allow('"s3:zzz*"') },
      errors: [{ resource: 'policy.json', messageId: 'unknownAction', line: 3 }],
    },
    {
      name: 'an unknown service prefix (parliament expand_unknown_prefix_333)',
      files: { 'policy.json': allow('"333:listallmybuckets"') },
      errors: [{ resource: 'policy.json', messageId: 'unknownService', line: 3, message: '"333"' }],
    },
    {
      name: 'one unknown action among known ones points at the value (parliament multiple_statements_one_unknown_action)',
      files: {
        'policy.json': policy('[\n    {"Effect": "Allow", "Action": "s3:listallmybuckets", "Resource": "*"},\n    {"Effect": "Allow", "Action": [\n      "iam:listusers",\n      "iam:list"\n    ], "Resource": "*"}]'),
      },
      errors: [{ resource: 'policy.json', messageId: 'unknownAction', line: 7, column: 7, message: '"iam:list"' }],
    },
    {
      name: 'several typos in one statement give one finding on the attribute',
      files: {
        'policy.json': policy('[{\n    "Effect": "Allow",\n    "Action": [\n      "s3:GetObjekt",\n      "s3:PutObjekt",\n      "ec3:RunInstances",\n      "iam:PassRoles",\n      "s3:GetObject"\n    ],\n    "Resource": "*"}]'),
      },
      errors: [{ resource: 'policy.json', messageId: 'several', line: 5, endLine: 11, message: '"s3:GetObjekt", "s3:PutObjekt", "ec3:RunInstances" and 1 more' }],
    },
    {
      name: 'a typo in NotAction of a Deny, and one in Action of the same policy',
      files: {
        'policy.json': policy('[\n    {"Effect": "Deny", "NotAction": ["iam:ChangePasword"], "Resource": "*"},\n    {"Effect": "Allow", "Action": "s3:Get.Object", "Resource": "*"}]'),
      },
      errors: [
        { resource: 'policy.json', messageId: 'unknownAction', line: 4, message: '"iam:ChangePasword"' },
        { resource: 'policy.json', messageId: 'unknownAction', line: 5, message: '"s3:Get.Object"' },
      ],
    },
    {
      name: 'resource and trust policies too',
      files: {
        'bucket.json': policy('[{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObjects", "Resource": "arn:aws:s3:::b/*"}]'),
        'trust.json': policy('[{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": ["sts:AssumeRole", "sts:AssumeRol"]}]'),
      },
      errors: [
        { resource: 'bucket.json', messageId: 'unknownAction', line: 3 },
        { resource: 'trust.json', messageId: 'unknownAction', line: 3, message: '"sts:AssumeRol"' },
      ],
    },
  ],
});
