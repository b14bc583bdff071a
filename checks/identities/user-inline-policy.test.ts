import { checkCases } from '../../test/harness/check-tester.js';
import check from './user-inline-policy.js';

const DOC = `PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: s3:GetObject
                Resource: arn:aws:s3:::bucket/*`;

checkCases(check, {
  valid: [
    {
      name: 'inline policies on a group and a role, and AWS::IAM::Policy naming only groups and roles',
      files: {
        'template.yaml': `Resources:
  Team:
    Type: AWS::IAM::Group
    Properties:
      Policies:
        - PolicyName: read
          ${DOC}
  Member:
    Type: AWS::IAM::User
    Properties:
      Groups: [!Ref Team]
  Worker:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: lambda.amazonaws.com}
            Action: sts:AssumeRole
      Policies:
        - PolicyName: read
          ${DOC}
  Shared:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: shared
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: sqs:SendMessage
            Resource: '*'
      Groups: [!Ref Team]
      Roles: [!Ref Worker]
`,
      },
    },
    {
      name: 'a customer managed policy with Users is an attached policy, not an inline one',
      files: {
        'template.yaml': `Resources:
  Dev:
    Type: AWS::IAM::User
  Managed:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: s3:ListBucket
            Resource: arn:aws:s3:::bucket
      Users: [!Ref Dev]
`,
      },
    },
  ],
  invalid: [
    {
      name: 'a user with two inline policies: one finding per policy, spanning name and document',
      files: {
        'template.yaml': `Resources:
  Dev:
    Type: AWS::IAM::User
    Properties:
      UserName: dev
      Policies:
        - PolicyName: read
          ${DOC}
        - PolicyDocument:
            Statement:
              - Effect: Allow
                Action: sqs:SendMessage
                Resource: '*'
          PolicyName: send
`,
      },
      errors: [
        { resource: 'Dev', messageId: 'inlineOnUser', line: 7, endLine: 13, column: 23, message: 'The user "dev" carries the inline policy "read" of its own' },
        { resource: 'Dev', messageId: 'inlineOnUser', line: 15, endLine: 19, message: 'inline policy "send"' },
      ],
    },
    {
      name: 'AWS::IAM::Policy with Users (CDK user.addToPolicy), reported on the policy at its Users',
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
            Action: '*'
            Resource: '*'
      Roles:
        - example_role
      Users:
        - !Ref Dev
        - admin
`,
      },
      errors: [{ resource: 'DevPolicy', messageId: 'policyOnUser', line: 16, endLine: 17, message: 'embedded in the user "Dev", "admin"' }],
    },
    {
      name: 'AWS::IAM::UserPolicy, and a user policy whose document has no Statement wrapper',
      files: {
        'template.json': `{
  "Resources": {
    "One": {
      "Type": "AWS::IAM::UserPolicy",
      "Properties": {
        "PolicyName": "one",
        "UserName": "alice",
        "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}
      }
    },
    "userWithInline": {
      "Type": "AWS::IAM::User",
      "Properties": {
        "Groups": ["group1"],
        "Policies": [{"PolicyDocument": {"Effect": "Allow", "Resource": "arn:something", "Action": "s3:dosomething"}}]
      }
    }
  }
}`,
      },
      errors: [
        { resource: 'One', messageId: 'policyOnUser', line: 7, message: 'embedded in the user "alice"' },
        { resource: 'userWithInline', messageId: 'inlineOnUser', line: 15, message: 'The user "userWithInline" carries the inline policy without a name' },
      ],
    },
  ],
});
