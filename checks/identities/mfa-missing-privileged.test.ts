import { describe, expect, it } from '@jest/globals';
import { runChecks } from '../../src/engine/run-checks.js';
import type { Identity } from '../../src/model/entities.js';
import type { Location } from '../../src/model/location.js';
import { emptyModel } from '../../src/model/model.js';
import { checkCases, findingsOf } from '../../test/harness/check-tester.js';
import check from './mfa-missing-privileged.js';

const FORCE_MFA = (operator = 'BoolIfExists', key = 'aws:MultiFactorAuthPresent', value = 'false') => `PolicyDocument:
        Statement:
          - Effect: Deny
            NotAction: [iam:CreateVirtualMFADevice, iam:EnableMFADevice, iam:ListMFADevices, sts:GetSessionToken]
            Resource: '*'
            Condition:
              ${operator}:
                ${key}: '${value}'`;

const ADMIN_GROUP = `  Admins:
    Type: AWS::IAM::Group
    Properties:
      GroupName: admins
      Policies:
        - PolicyName: admin
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: '*'
                Resource: '*'
`;

checkCases(check, {
  valid: [
    {
      name: 'an admin group with an MFA-enforcing Deny (BoolIfExists) attached to it',
      files: {
        'template.yaml': `Resources:
${ADMIN_GROUP}  ForceMfa:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ${FORCE_MFA()}
      Groups: [!Ref Admins]
`,
      },
    },
    {
      name: 'an admin user whose group carries a Null MFA Deny',
      files: {
        'template.yaml': `Resources:
  Dev:
    Type: AWS::IAM::User
    Properties:
      Groups: [!Ref Humans]
      ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]
  Humans:
    Type: AWS::IAM::Group
  ForceMfa:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: force-mfa
      ${FORCE_MFA('Null', 'aws:MultiFactorAuthAge', 'true')}
      Groups: [!Ref Humans]
`,
      },
    },
    {
      name: 'grants that carry an MFA condition themselves (Bool true, MultiFactorAuthAge)',
      files: {
        'template.yaml': `Resources:
  Ops:
    Type: AWS::IAM::Group
    Properties:
      Policies:
        - PolicyName: iam-admin
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: iam:*
                Resource: '*'
                Condition:
                  Bool:
                    aws:MultiFactorAuthPresent: 'true'
              - Effect: Allow
                Action: '*'
                Resource: '*'
                Condition:
                  NumericLessThan:
                    aws:MultiFactorAuthAge: '3600'
`,
      },
    },
    {
      name: 'unprivileged grants, self-service MFA and password, and roles (not human principals)',
      files: {
        'template.yaml': `Resources:
  Readers:
    Type: AWS::IAM::Group
    Properties:
      Policies:
        - PolicyName: read
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: [iam:Get*, iam:List*, s3:*]
                Resource: '*'
              - Effect: Allow
                Action: '*'
                Resource: arn:aws:s3:::bucket/*
              - Effect: Allow
                Action: [iam:ChangePassword, iam:*MFADevice]
                Resource:
                  - arn:aws:iam::*:user/\${aws:username}
                  - arn:aws:iam::*:mfa/\${aws:username}
              - Effect: Allow
                Action: [iam:EnableMFADevice, iam:ResyncMFADevice]
                Resource:
                  - !Join ['', ['arn:aws:iam::', !Ref AWS::AccountId, ':mfa/\${aws:username}']]
              - Effect: Deny
                Action: '*'
                Resource: '*'
  Admin:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: ec2.amazonaws.com}
            Action: sts:AssumeRole
      ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]
      Policies:
        - PolicyName: iam
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: iam:CreateUser
                Resource: '*'
`,
      },
    },
    {
      name: 'a group whose every member carries an MFA-enforcing Deny of its own',
      files: {
        'template.yaml': `Resources:
${ADMIN_GROUP}  Alice:
    Type: AWS::IAM::User
    Properties:
      Groups: [!Ref Admins]
      Policies:
        - PolicyName: force-mfa
          ${FORCE_MFA().replace(/\n/g, '\n    ')}
`,
      },
    },
  ],
  invalid: [
    {
      name: 'an admin group with only a Bool Deny (it misses access keys), at the Action',
      files: {
        'template.yaml': `Resources:
${ADMIN_GROUP}  BoolDeny:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ${FORCE_MFA('Bool')}
      Groups: [!Ref Admins]
`,
      },
      errors: [
        {
          resource: 'Admins',
          messageId: 'statementNoMfa',
          line: 11,
          column: 17,
          endColumn: 28,
          message: 'This statement grants administrator access ("*" on "*") to the group "admins" without an "aws:MultiFactorAuthPresent"',
        },
      ],
    },
    {
      name: 'IAM write through a policy resource shared by a user and a group: one finding naming both; AWS managed on a user',
      files: {
        'template.yaml': `Resources:
  Dev:
    Type: AWS::IAM::User
    Properties:
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/IAMFullAccess
        - arn:aws:iam::aws:policy/ReadOnlyAccess
  Team:
    Type: AWS::IAM::Group
  KeyMinting:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: keys
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: [s3:GetObject, iam:CreateAccessKey, iam:AttachUserPolicy]
            Resource: '*'
          - Effect: Allow
            NotAction: s3:*
            Resource: '*'
      Users: [!Ref Dev]
      Groups: [!Ref Team]
`,
      },
      errors: [
        { resource: 'Dev', messageId: 'managedNoMfa', line: 6, message: 'The AWS managed policy "IAMFullAccess" gives the user "Dev" administrator-class power without MFA' },
        { resource: 'KeyMinting', messageId: 'statementNoMfa', line: 17, message: 'grants IAM write access ("iam:CreateAccessKey", "iam:AttachUserPolicy") to the user "Dev", group "Team"' },
        { resource: 'KeyMinting', messageId: 'statementNoMfa', line: 20, message: 'grants IAM write access through NotAction' },
      ],
    },
    {
      name: 'a group with a member that lacks the Deny is reported; self-scoped access keys still count',
      files: {
        'template.yaml': `Resources:
  SelfKeys:
    Type: AWS::IAM::Group
    Properties:
      Policies:
        - PolicyName: keys
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: iam:CreateAccessKey
                Resource: arn:aws:iam::*:user/\${aws:username}
  Alice:
    Type: AWS::IAM::User
    Properties:
      Groups: [!Ref SelfKeys]
      Policies:
        - PolicyName: force-mfa
          ${FORCE_MFA().replace(/\n/g, '\n    ')}
  Bob:
    Type: AWS::IAM::User
    Properties:
      Groups: [!Ref SelfKeys]
`,
      },
      errors: [{ resource: 'SelfKeys', messageId: 'statementNoMfa', line: 10, message: 'IAM write access ("iam:CreateAccessKey") to the group "SelfKeys"' }],
    },
  ],
});

describe('mfa-missing-privileged, special cases', () => {
  it('never fires on a plain policy file (no user or group)', async () => {
    const text = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}';
    expect(await findingsOf(check, { name: 'plain', files: { 'policy.json': text } })).toEqual([]);
  });

  it('reports an admin AWS managed policy attached to a group by an attachment resource (model built by hand)', () => {
    const at = (line: number): Location => ({ file: 'main.tf', line, column: 3, endLine: line, endColumn: 50 });
    const m = emptyModel({ kind: 'terraform', id: '.', files: ['main.tf'] });
    const group: Identity = { kind: 'group', ref: { address: 'aws_iam_group.admins', type: 'aws_iam_group', loc: at(1) }, inlinePolicies: [], managedPolicyArns: [], groups: [] };
    m.identities.push(group);
    const ref = { address: 'aws_iam_group_policy_attachment.admin', type: 'aws_iam_group_policy_attachment', loc: at(4) };
    m.attachments.push({
      ref,
      policy: { kind: 'literal', value: 'arn:aws:iam::aws:policy/AdministratorAccess', type: 'string', loc: at(6) },
      target: { kind: 'group', value: { kind: 'unknown', text: 'aws_iam_group.admins.name', ref: { address: 'aws_iam_group.admins' }, loc: at(5) }, loc: at(5) },
      loc: ref.loc,
    });
    const found = runChecks(m, [check]).map((f) => ({ resource: f.resource, line: f.line, message: f.message }));
    expect(found).toEqual([{ resource: 'aws_iam_group_policy_attachment.admin', line: 6, message: expect.stringContaining('"AdministratorAccess" gives the group "aws_iam_group.admins"') }]);
  });
});
