import { describe, expect, it } from '@jest/globals';
import { runChecks } from '../../src/engine/run-checks.js';
import type { Identity } from '../../src/model/entities.js';
import type { Location } from '../../src/model/location.js';
import { emptyModel } from '../../src/model/model.js';
import { checkCases } from '../../test/harness/check-tester.js';
import check from './managed-admin-policy.js';

const TRUST = `      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: {Service: ec2.amazonaws.com}
            Action: sts:AssumeRole`;

checkCases(check, {
  valid: [
    {
      name: 'a role with read-only AWS managed policies and a customer managed policy',
      files: {
        'template.yaml': `Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
${TRUST}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/ReadOnlyAccess
        - arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess
        - !Ref OpsPolicy
        - !Sub arn:aws:iam::\${AWS::AccountId}:policy/AdministratorAccess
  OpsPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: s3:GetObject
            Resource: arn:aws:s3:::bucket/*
`,
      },
    },
    {
      name: 'AdministratorAccess as a permissions boundary is a cap, not a grant',
      files: {
        'template.yaml': `Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
${TRUST}
      PermissionsBoundary: arn:aws:iam::aws:policy/PowerUserAccess
`,
      },
    },
    {
      name: 'a policy ARN from a parameter without default is unknown, never an admin policy',
      files: {
        'template.yaml': `Parameters:
  PolicyArn:
    Type: String
Resources:
  Group:
    Type: AWS::IAM::Group
    Properties:
      ManagedPolicyArns:
        - !Ref PolicyArn
`,
      },
    },
    {
      name: 'a customer managed policy named like an AWS one (in this account) is not the AWS managed policy',
      files: {
        'template.yaml': `Resources:
  User:
    Type: AWS::IAM::User
    Properties:
      ManagedPolicyArns:
        - arn:aws:iam::111122223333:policy/IAMFullAccess
        - arn:aws:iam::aws:policy/IAMReadOnlyAccess
`,
      },
    },
  ],
  invalid: [
    {
      name: 'AdministratorAccess on a role, by literal ARN and by a partition-resolving Sub',
      files: {
        'template.yaml': `Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
${TRUST}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AdministratorAccess
        - !Sub 'arn:\${AWS::Partition}:iam::aws:policy/IAMFullAccess'
`,
      },
      errors: [
        { resource: 'Role', messageId: 'adminPolicy', line: 12, column: 11, endColumn: 54, message: 'The AWS managed policy "AdministratorAccess" attached to the role "Role" grants every action on every resource' },
        { resource: 'Role', messageId: 'adminPolicy', line: 13, message: '"IAMFullAccess" attached to the role "Role" grants every IAM action' },
      ],
    },
    {
      name: 'CDK fromAwsManagedPolicyName on a user and a group (Fn::Join with AWS::Partition)',
      files: {
        'template.yaml': `Resources:
  Admins:
    Type: AWS::IAM::Group
    Properties:
      GroupName: admins
      ManagedPolicyArns:
        - Fn::Join:
            - ''
            - - 'arn:'
              - Ref: AWS::Partition
              - ':iam::aws:policy/PowerUserAccess'
  Dev:
    Type: AWS::IAM::User
    Properties:
      ManagedPolicyArns:
        - Fn::Join: ['', ['arn:', {Ref: AWS::Partition}, ':iam::aws:policy/AWSOrganizationsFullAccess']]
        - arn:aws-us-gov:iam::aws:policy/job-function/SystemAdministrator
`,
      },
      errors: [
        { resource: 'Admins', messageId: 'adminPolicy', line: 7, message: '"PowerUserAccess" attached to the group "admins"' },
        { resource: 'Dev', messageId: 'adminPolicy', line: 16, message: '"AWSOrganizationsFullAccess" attached to the user "Dev"' },
        { resource: 'Dev', messageId: 'adminPolicy', line: 17, message: '"SystemAdministrator"' },
      ],
    },
  ],
});

describe('managed-admin-policy on attachments (model built by hand: no CloudFormation resource makes attachments)', () => {
  const at = (line: number, column = 3, endColumn = 60): Location => ({ file: 'main.tf', line, column, endLine: line, endColumn });
  const model = () => {
    const m = emptyModel({ kind: 'terraform', id: '.', files: ['main.tf'] });
    const role: Identity = { kind: 'role', ref: { address: 'aws_iam_role.r', type: 'aws_iam_role', loc: at(1) }, inlinePolicies: [], managedPolicyArns: [], groups: [] };
    m.identities.push(role);
    return m;
  };
  const run = (m: ReturnType<typeof model>) => runChecks(m, [check]).map((f) => ({ resource: f.resource, line: f.line, message: f.message }));

  it('fires once per attachment resource at its policy ARN, naming every target', () => {
    const m = model();
    const ref = { address: 'aws_iam_policy_attachment.all', type: 'aws_iam_policy_attachment', loc: { ...at(5), endLine: 9 } };
    const policy = { kind: 'template' as const, parts: ['arn:', { unknown: 'data.aws_partition.current.partition' }, ':iam::aws:policy/AdministratorAccess'], loc: at(6) };
    m.attachments.push(
      { ref, policy, target: { kind: 'role', value: { kind: 'unknown', text: 'aws_iam_role.r.name', ref: { address: 'aws_iam_role.r' }, loc: at(7) }, loc: at(7) }, loc: ref.loc },
      { ref, policy, target: { kind: 'user', value: { kind: 'literal', value: 'alice', type: 'string', loc: at(8) }, loc: at(8) }, loc: ref.loc },
    );
    const ssoRef = { address: 'aws_ssoadmin_managed_policy_attachment.ps', type: 'aws_ssoadmin_managed_policy_attachment', loc: at(11) };
    m.attachments.push({
      ref: ssoRef,
      policy: { kind: 'literal', value: 'arn:aws:iam::aws:policy/AdministratorAccess', type: 'string', loc: at(12) },
      target: { kind: 'permission-set', value: { kind: 'unknown', text: 'aws_ssoadmin_permission_set.ps.arn', ref: { address: 'aws_ssoadmin_permission_set.ps' }, loc: at(13) }, loc: at(13) },
      loc: ssoRef.loc,
    });
    expect(run(m)).toEqual([
      { resource: 'aws_iam_policy_attachment.all', line: 6, message: expect.stringContaining('"AdministratorAccess" attached to the role "aws_iam_role.r", user "alice" grants') },
      { resource: 'aws_ssoadmin_managed_policy_attachment.ps', line: 12, message: expect.stringContaining('permission set "aws_ssoadmin_permission_set.ps"') },
    ]);
  });

  it('does not fire on unknown or non-admin policy ARNs', () => {
    const m = model();
    const ref = { address: 'aws_iam_role_policy_attachment.x', type: 'aws_iam_role_policy_attachment', loc: at(5) };
    const target = { kind: 'role' as const, value: { kind: 'literal' as const, value: 'r', type: 'string' as const, loc: at(6) }, loc: at(6) };
    m.attachments.push(
      { ref, policy: { kind: 'unknown', text: 'var.policy_arn', loc: at(7) }, target, loc: ref.loc },
      { ref, policy: { kind: 'template', parts: ['arn:', { unknown: 'var.partition' }, ':iam::aws:policy/ReadOnlyAccess'], loc: at(8) }, target, loc: ref.loc },
      { ref, policy: { kind: 'template', parts: ['arn:aws:iam::', { unknown: 'var.account' }, ':policy/AdministratorAccess'], loc: at(9) }, target, loc: ref.loc },
    );
    expect(run(m)).toEqual([]);
  });
});
