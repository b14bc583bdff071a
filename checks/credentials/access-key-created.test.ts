import { checkCases } from '../../test/harness/check-tester.js';
import check from './access-key-created.js';

checkCases(check, {
  valid: [
    {
      name: 'users, roles and an instance profile without access keys',
      files: {
        'template.yaml': `Resources:
  Dev:
    Type: AWS::IAM::User
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: ec2.amazonaws.com}
            Action: sts:AssumeRole
  Profile:
    Type: AWS::IAM::InstanceProfile
    Properties:
      Roles: [!Ref Role]
`,
      },
    },
  ],
  invalid: [
    {
      name: 'access keys for a user of the template, a named user, and one marked Inactive (still created)',
      files: {
        'template.yaml': `Resources:
  Dev:
    Type: AWS::IAM::User
    Properties:
      UserName: dev
  DevKey:
    Type: AWS::IAM::AccessKey
    Properties:
      UserName: !Ref Dev
  RootKey:
    Type: AWS::IAM::AccessKey
    Properties:
      UserName: root
      Status: Inactive
`,
      },
      errors: [
        { resource: 'DevKey', messageId: 'accessKey', line: 6, endLine: 9, message: 'This creates a long-term access key for the user "dev"' },
        { resource: 'RootKey', messageId: 'accessKey', line: 10, endLine: 14, message: 'for the user "root"' },
      ],
    },
  ],
});
