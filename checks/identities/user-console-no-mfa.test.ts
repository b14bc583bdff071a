import { describe, expect, it } from '@jest/globals';
import { runChecks } from '../../src/engine/run-checks.js';
import type { Identity } from '../../src/model/entities.js';
import type { Location } from '../../src/model/location.js';
import { emptyModel } from '../../src/model/model.js';
import { checkCases } from '../../test/harness/check-tester.js';
import check from './user-console-no-mfa.js';

const USER = `  Alice:
    Type: AWS::IAM::User
    Properties:
      UserName: alice
      LoginProfile:
        Password: '{{resolve:secretsmanager:alice-initial}}'
        PasswordResetRequired: true
`;

const denyWithout = (operator: string, key: string, value: string) => `  ForceMfa:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Deny
            NotAction: [iam:CreateVirtualMFADevice, iam:EnableMFADevice, iam:ListMFADevices, sts:GetSessionToken]
            Resource: '*'
            Condition:
              ${operator}:
                ${key}: '${value}'
      Groups: [everyone]
`;

checkCases(check, {
  valid: [
    {
      name: 'a console user with a virtual MFA device bound to it',
      files: { 'template.yaml': `Resources:\n${USER}  Device:\n    Type: AWS::IAM::VirtualMFADevice\n    Properties:\n      Users: [!Ref Alice]\n` },
    },
    {
      name: 'an MFA-enforcing Deny anywhere in the template (BoolIfExists)',
      files: { 'template.yaml': `Resources:\n${USER}${denyWithout('BoolIfExists', 'aws:MultiFactorAuthPresent', 'false')}` },
    },
    {
      name: 'an MFA-enforcing Deny with Null',
      files: { 'template.yaml': `Resources:\n${USER}${denyWithout('Null', 'aws:MultiFactorAuthAge', 'true')}` },
    },
    {
      name: 'a Bool Deny still forces MFA on console sessions (mfa-deny-bool-condition reports its gap for access keys)',
      files: { 'template.yaml': `Resources:\n${USER}${denyWithout('Bool', 'aws:MultiFactorAuthPresent', 'false')}` },
    },
    {
      name: 'users without a login profile',
      files: { 'template.yaml': `Resources:\n  Bot:\n    Type: AWS::IAM::User\n  Key:\n    Type: AWS::IAM::AccessKey\n    Properties:\n      UserName: !Ref Bot\n` },
    },
  ],
  invalid: [
    {
      name: 'a console user without MFA: at LoginProfile; a device for another user and an Allow requiring MFA do not count',
      files: {
        'template.yaml': `Resources:
${USER}  Bob:
    Type: AWS::IAM::User
  Device:
    Type: AWS::IAM::VirtualMFADevice
    Properties:
      Users: [!Ref Bob]
  MfaAllow:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: s3:GetObject
            Resource: '*'
            Condition:
              Bool:
                aws:MultiFactorAuthPresent: 'true'
      Users: [!Ref Alice]
`,
      },
      errors: [{ resource: 'Alice', messageId: 'consoleNoMfa', line: 6, endLine: 8, column: 7, message: 'The user "alice" gets a console password, but this template gives it no MFA device' }],
    },
  ],
});

describe('user-console-no-mfa with separate login profile resources (model built by hand: CloudFormation has none)', () => {
  const at = (line: number, endLine = line): Location => ({ file: 'main.tf', line, column: 1, endLine, endColumn: 2 });
  const model = () => {
    const m = emptyModel({ kind: 'terraform', id: '.', files: ['main.tf'] });
    const user = (name: string, line: number): Identity => ({
      kind: 'user',
      ref: { address: `aws_iam_user.${name}`, type: 'aws_iam_user', loc: at(line, line + 2) },
      name: { kind: 'literal', value: `${name}-user`, type: 'string', loc: at(line + 1) },
      inlinePolicies: [],
      managedPolicyArns: [],
      groups: [],
    });
    m.identities.push(user('pass', 1), user('fail', 5));
    m.loginProfiles.push({
      ref: { address: 'aws_iam_login_profile.fail', type: 'aws_iam_user_login_profile', loc: at(9, 12) },
      user: { kind: 'unknown', text: 'aws_iam_user.fail.name', ref: { address: 'aws_iam_user.fail', attribute: 'name' }, loc: at(10) },
    });
    return m;
  };
  const run = (m: ReturnType<typeof model>) => runChecks(m, [check]).map((f) => ({ resource: f.resource, line: f.line, related: f.related?.map((r) => r.line), message: f.message }));

  it('reports the user a login profile resource names, at the user, with the profile as related location', () => {
    expect(run(model())).toEqual([{ resource: 'aws_iam_user.fail', line: 5, related: [9], message: expect.stringContaining('"fail-user" gets a console password, but this root module') }]);
  });

  it('reports a login profile for a user the unit does not define, unless a device names that user', () => {
    const m = model();
    m.loginProfiles.push({ ref: { address: 'aws_iam_user_login_profile.ext', type: 'aws_iam_user_login_profile', loc: at(14, 16) }, user: { kind: 'literal', value: 'external', type: 'string', loc: at(15) } });
    expect(run(m).map((f) => f.resource)).toEqual(['aws_iam_user.fail', 'aws_iam_user_login_profile.ext']);
    m.mfaDevices.push({ ref: { address: 'aws_iam_virtual_mfa_device.ext', type: 'aws_iam_virtual_mfa_device', loc: at(18) }, users: [{ kind: 'literal', value: 'external', type: 'string', loc: at(19) }] });
    expect(run(m).map((f) => f.resource)).toEqual(['aws_iam_user.fail']);
  });

  it('counts a device bound to a value that names no user of the unit (it may be this one), not one bound to another user', () => {
    const m = model();
    m.mfaDevices.push({ ref: { address: 'aws_iam_virtual_mfa_device.other', type: 'aws_iam_virtual_mfa_device', loc: at(18) }, users: [{ kind: 'literal', value: 'pass-user', type: 'string', loc: at(19) }] });
    expect(run(m).map((f) => f.resource)).toEqual(['aws_iam_user.fail']);
    m.mfaDevices.push({ ref: { address: 'aws_iam_virtual_mfa_device.any', type: 'aws_iam_virtual_mfa_device', loc: at(21) }, users: [{ kind: 'unknown', text: 'var.user', loc: at(22) }] });
    expect(run(m)).toEqual([]);
  });
});
