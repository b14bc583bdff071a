import { describe, expect, it } from '@jest/globals';
import { runChecks } from '../../src/engine/run-checks.js';
import type { Identity } from '../../src/model/entities.js';
import type { Location } from '../../src/model/location.js';
import { emptyModel } from '../../src/model/model.js';
import { checkCases } from '../../test/harness/check-tester.js';
import check from './user-attached-policy.js';

checkCases(check, {
  valid: [
    {
      name: 'managed policies on a group and a role; the user is only a group member',
      files: {
        'template.yaml': `Resources:
  Team:
    Type: AWS::IAM::Group
    Properties:
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess
        - !Ref Shared
  Member:
    Type: AWS::IAM::User
    Properties:
      Groups: [!Ref Team]
      PermissionsBoundary: arn:aws:iam::aws:policy/ReadOnlyAccess
  Shared:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: s3:ListBucket
            Resource: arn:aws:s3:::bucket
      Groups: [!Ref Team]
`,
      },
    },
    {
      name: 'an inline AWS::IAM::Policy on a user is user-inline-policy business, not this rule',
      files: {
        'template.yaml': `Resources:
  Dev:
    Type: AWS::IAM::User
  DevPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: dev
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: s3:GetObject
            Resource: '*'
      Users: [!Ref Dev]
`,
      },
    },
  ],
  invalid: [
    {
      name: 'a user listing managed policies: one finding spanning the list',
      files: {
        'template.yaml': `Resources:
  Dev:
    Type: AWS::IAM::User
    Properties:
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess
        - !Ref Shared
  Shared:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: s3:ListBucket
            Resource: arn:aws:s3:::bucket
`,
      },
      errors: [
        {
          resource: 'Dev',
          messageId: 'userListsPolicies',
          line: 6,
          endLine: 7,
          message: 'The user "Dev" has the managed policies "arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess", "Shared" attached directly',
        },
      ],
    },
    {
      name: 'an AWS::IAM::ManagedPolicy naming users, reported on the policy at its Users',
      files: {
        'template.json': `{
  "Resources": {
    "TestUser": {"Type": "AWS::IAM::User", "Properties": {"UserName": "tester"}},
    "DirectManagedPolicy": {
      "Type": "AWS::IAM::ManagedPolicy",
      "Properties": {
        "ManagedPolicyName": "direct",
        "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}]},
        "Groups": ["ops"],
        "Users": [
          {"Ref": "TestUser"},
          "bob"
        ]
      }
    }
  }
}`,
      },
      errors: [{ resource: 'DirectManagedPolicy', messageId: 'attachedToUser', line: 11, endLine: 12, message: 'managed policy "direct" directly to the user "tester", "bob"' }],
    },
  ],
});

describe('user-attached-policy on attachment resources (model built by hand: CloudFormation has none)', () => {
  const at = (line: number): Location => ({ file: 'main.tf', line, column: 3, endLine: line, endColumn: 40 });
  const lit = (value: string, line: number) => ({ kind: 'literal' as const, value, type: 'string' as const, loc: at(line) });

  it('fires once per attachment resource that names users, not for roles and groups', () => {
    const m = emptyModel({ kind: 'terraform', id: '.', files: ['main.tf'] });
    const user: Identity = { kind: 'user', ref: { address: 'aws_iam_user.u', type: 'aws_iam_user', loc: at(1) }, name: lit('example', 2), inlinePolicies: [], managedPolicyArns: [], groups: [] };
    m.identities.push(user);
    const all = { address: 'aws_iam_policy_attachment.fail', type: 'aws_iam_policy_attachment', loc: { ...at(4), endLine: 9 } };
    const policy = { kind: 'unknown' as const, text: 'aws_iam_policy.policy.arn', ref: { address: 'aws_iam_policy.policy' }, loc: at(5) };
    m.attachments.push(
      { ref: all, policy, target: { kind: 'user', value: { kind: 'unknown', text: 'aws_iam_user.u.name', ref: { address: 'aws_iam_user.u' }, loc: at(6) }, loc: at(6) }, loc: all.loc },
      { ref: all, policy, target: { kind: 'user', value: lit('other', 7), loc: at(7) }, loc: all.loc },
      { ref: all, policy, target: { kind: 'role', value: lit('r', 8), loc: at(8) }, loc: all.loc },
    );
    const one = { address: 'aws_iam_user_policy_attachment.fail', type: 'aws_iam_user_policy_attachment', loc: { ...at(11), endLine: 14 } };
    m.attachments.push({ ref: one, policy: lit('arn:aws:iam::aws:policy/ReadOnlyAccess', 13), target: { kind: 'user', value: lit('example', 12), loc: at(12) }, loc: one.loc });
    const grp = { address: 'aws_iam_group_policy_attachment.ok', type: 'aws_iam_group_policy_attachment', loc: at(16) };
    m.attachments.push({ ref: grp, policy: lit('arn:aws:iam::aws:policy/ReadOnlyAccess', 17), target: { kind: 'group', value: lit('g', 18), loc: at(18) }, loc: grp.loc });
    const found = runChecks(m, [check]).map((f) => ({ resource: f.resource, line: f.line, endLine: f.endLine, message: f.message }));
    expect(found).toEqual([
      { resource: 'aws_iam_policy_attachment.fail', line: 6, endLine: 7, message: expect.stringContaining('"aws_iam_policy.policy" directly to the user "example", "other"') },
      { resource: 'aws_iam_user_policy_attachment.fail', line: 12, endLine: 12, message: expect.stringContaining('"arn:aws:iam::aws:policy/ReadOnlyAccess" directly to the user "example"') },
    ]);
  });
});
