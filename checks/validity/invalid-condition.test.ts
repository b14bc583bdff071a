import { checkCases } from '../../test/harness/check-tester.js';
import check from './invalid-condition.js';

/** One Allow statement on a bucket with the given Condition block, the block starting on line 7. */
const withCondition = (condition: string, effect = 'Allow'): string =>
  `{\n  "Version": "2012-10-17",\n  "Statement": [{\n    "Effect": "${effect}",\n    "Action": "s3:ListBucket",\n    "Resource": "arn:aws:s3:::bucket-name",\n    "Condition": ${condition}\n  }]\n}\n`;

checkCases(check, {
  valid: [
    { name: 'a date comparison on aws:CurrentTime (parliament condition_current_time)', files: { 'policy.json': withCondition('{"DateGreaterThan": {"aws:CurrentTime": "2019-07-16T12:00:00Z"}}') } },
    {
      name: 'a wildcard next to a policy variable is not judged (parliament condition_multiple_good)',
      files: { 'policy.json': withCondition('{"DateGreaterThan": {"aws:CurrentTime": "2019-07-16T12:00:00Z"}, "StringEqualsIfExists": {"s3:prefix": ["home/${aws:username}/*"]}}') },
    },
    {
      name: 'a date value AWS cannot read is left to review (parliament condition_multiple_bad_date_value)',
      files: { 'policy.json': withCondition('{"DateGreaterThan": {"aws:CurrentTime": "bad"}}') },
    },
    {
      name: 'an operator that does not fit the key type is usable (parliament condition_operator_type_mismatch, ec2_terminateinstances_star_stringequals_arn)',
      files: {
        'policy.json': withCondition('{"NumericEquals": {"s3:prefix": ["home/${aws:username}/*"]}, "StringEquals": {"s3:signatureage": "bad", "ec2:InstanceProfile": "arn:aws:iam::123456789012:instance-profile/r"}}'),
      },
    },
    {
      name: 'unknown service keys are not judged (parliament condition_multiple_unknown_service_key)',
      files: { 'policy.json': withCondition('{"StringEquals": {"s3:x": "y", "iam:ResourceTag/status": "prod"}}') },
    },
    {
      name: 'well-formed values: JSON booleans, numbers, CIDRs, ARNs, IfExists and set operators on multi-valued keys',
      files: {
        'policy.json': withCondition(
          '{"Bool": {"aws:SecureTransport": true}, "NumericLessThan": {"aws:MultiFactorAuthAge": 3600}, "NotIpAddress": {"aws:SourceIp": ["10.0.0.0/8", "2001:db8::/32"]}, "ArnLike": {"aws:SourceArn": "arn:aws:sns:*:123456789012:*"}, "BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}, "ForAllValues:StringEquals": {"aws:TagKeys": ["team", "env"]}, "StringLike": {"aws:PrincipalTag/team": "ops-*"}, "Null": {"aws:MultiFactorAuthAge": "true"}}',
          'Deny',
        ),
      },
    },
    {
      name: 'OIDC token claims and other providers are no global keys',
      files: {
        'trust.json':
          '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}, "StringLike": {"token.actions.githubusercontent.com:sub": "repo:org/repo:*"}}}]}',
      },
    },
    { name: 'case does not matter in operator names and global keys', files: { 'policy.json': withCondition('{"stringequals": {"AWS:SourceAccount": "123456789012"}}') } },
  ],
  invalid: [
    {
      name: 'an unknown operator (parliament condition_operator_unknown)',
      files: { 'policy.json': withCondition('{\n      "bad": {"s3:prefix": ["home/${aws:username}/*"]}}') },
      errors: [{ resource: 'policy.json', messageId: 'unknownOperator', line: 8, column: 7, endColumn: 12 }],
    },
    {
      name: 'an unknown operator holding several keys is reported once',
      files: { 'policy.json': withCondition('{\n      "StringEqual": {"aws:SourceAccount": "123456789012", "aws:SourceVpc": "vpc-1"}}') },
      errors: [{ resource: 'policy.json', messageId: 'unknownOperator', line: 8, message: '"StringEqual"' }],
    },
    {
      name: 'NullIfExists does not exist',
      files: { 'policy.json': withCondition('{"NullIfExists": {"aws:MultiFactorAuthAge": "true"}}') },
      errors: [{ resource: 'policy.json', messageId: 'unknownOperator', line: 7 }],
    },
    {
      name: 'a key without a service prefix (parliament condition_key_without_prefix)',
      files: { 'policy.json': withCondition('{"DateGreaterThan" :{\n      "bad" : "2019-07-16T12:00:00Z"}}') },
      errors: [{ resource: 'policy.json', messageId: 'keyWithoutPrefix', line: 8, column: 7, endColumn: 12 }],
    },
    {
      name: 'a misspelled global key',
      files: { 'policy.json': withCondition('{"StringEquals": {\n      "aws:SourceAcount": "123456789012",\n      "aws:PrincipalOrgId": "o-abc"}}') },
      errors: [{ resource: 'policy.json', messageId: 'unknownGlobalKey', line: 8, message: '"aws:SourceAcount"' }],
    },
    {
      name: 'ForAllValues on a single-valued tag key (parliament single_value_condition_forallvalues)',
      files: { 'policy.json': withCondition('{"ForAllValues:StringEquals": {\n      "aws:ResourceTag/Tag": ["Value"]}}') },
      errors: [{ resource: 'policy.json', messageId: 'forAllValuesSingleValued', line: 8, message: 'use "StringEquals"' }],
    },
    {
      name: 'ForAllValues on aws:PrincipalOrgID',
      files: { 'policy.json': withCondition('{"ForAllValues:StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}') },
      errors: [{ resource: 'policy.json', messageId: 'forAllValuesSingleValued', line: 7, message: '"aws:PrincipalOrgID"' }],
    },
    {
      name: 'a wildcard under StringEquals on an OIDC subject',
      files: {
        'trust.json':
          '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity",\n "Condition": {"StringEquals": {\n  "token.actions.githubusercontent.com:sub": "repo:myOrg/*"}}}]}',
      },
      errors: [{ resource: 'trust.json', messageId: 'literalWildcard', line: 3, message: 'use "StringLike"' }],
    },
    {
      name: 'wildcards under StringNotEquals and StringEqualsIgnoreCase',
      files: {
        'policy.json': withCondition('{\n      "StringNotEquals": {"aws:PrincipalArn": "arn:aws:iam::*:role/admin"},\n      "StringEqualsIgnoreCase": {"aws:PrincipalTag/team": ["ops", "dev?", "*"]}}', 'Deny'),
      },
      errors: [
        { resource: 'policy.json', messageId: 'literalWildcard', line: 8, message: 'use "StringNotLike"' },
        { resource: 'policy.json', messageId: 'literalWildcard', line: 9, message: '"dev?", "*"' },
      ],
    },
    {
      name: 'values of the wrong type: a bad CIDR, a non-ARN, a non-boolean, a non-number',
      files: {
        'policy.json': withCondition(
          '{\n      "IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "10.0.0.300/24"]},\n      "ArnLike": {"aws:SourceArn": "my-topic"},\n      "Bool": {"aws:SecureTransport": "yes"},\n      "NumericLessThan": {"aws:MultiFactorAuthAge": "1h"}}',
        ),
      },
      errors: [
        { resource: 'policy.json', messageId: 'badValue', line: 8, message: 'expects an IP address or CIDR range, which "10.0.0.300/24" is not' },
        { resource: 'policy.json', messageId: 'badValue', line: 9, message: 'an ARN' },
        { resource: 'policy.json', messageId: 'badValue', line: 10, message: '"true" or "false"' },
        { resource: 'policy.json', messageId: 'badValue', line: 11, message: 'a number' },
      ],
    },
  ],
});

const UNKNOWN_CONDITION_TF = `variable "op" { type = string }
variable "key" { type = string }
data "aws_iam_policy_document" "bucket" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::b/*"]
    condition {
      test     = var.op
      variable = var.key
      values   = ["o-123"]
    }
    condition {
      test     = "StringEqualz"
      variable = "aws:PrincipalOrgID"
      values   = ["o-123"]
    }
  }
}
`;

checkCases(check, {
  valid: [{ name: 'Terraform: an operator and key known only at apply are not judged', files: { 'main.tf': UNKNOWN_CONDITION_TF.replace(/condition \{\n {6}test {5}= "StringEqualz"[\s\S]*?\}\n/, '') } }],
  invalid: [
    {
      name: 'Terraform: a misspelled operator beside an unknown one is still reported',
      files: { 'main.tf': UNKNOWN_CONDITION_TF },
      errors: [{ resource: 'data.aws_iam_policy_document.bucket', messageId: 'unknownOperator', line: 13 }],
    },
  ],
});
