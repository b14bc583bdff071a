import { checkCases } from '../../test/harness/check-tester.js';
import check from './user-no-group.js';

checkCases(check, {
  valid: [
    {
      name: 'members by Groups (Ref and a literal name of a group defined elsewhere) and by UserToGroupAddition',
      files: {
        'template.yaml': `Resources:
  Team:
    Type: AWS::IAM::Group
  ByRef:
    Type: AWS::IAM::User
    Properties:
      Groups: [!Ref Team]
  ByName:
    Type: AWS::IAM::User
    Properties:
      Groups: [external-group]
  ByAddition:
    Type: AWS::IAM::User
    Properties:
      UserName: carol
  Addition:
    Type: AWS::IAM::UserToGroupAddition
    Properties:
      GroupName: !Ref Team
      Users: [carol]
  AdditionByRef:
    Type: AWS::IAM::UserToGroupAddition
    Properties:
      GroupName: other
      Users: [!Ref Lonely]
  Lonely:
    Type: AWS::IAM::User
`,
      },
    },
    {
      name: 'a cloud assembly whose Dev and Prod stacks reuse logical ids: each membership names the user of its own stack',
      files: {
        'cdk.out/manifest.json': JSON.stringify({
          version: '36.0.0',
          artifacts: Object.fromEntries(
            ['Dev', 'Prod'].map((s) => [s, { type: 'aws:cloudformation:stack', environment: 'aws://unknown-account/unknown-region', properties: { templateFile: `${s}.template.json` } }]),
          ),
        }),
        ...Object.fromEntries(
          ['Dev', 'Prod'].map((s) => [
            `cdk.out/${s}.template.json`,
            JSON.stringify({
              Resources: {
                OpsUser1234: { Type: 'AWS::IAM::User' },
                Addition5678: { Type: 'AWS::IAM::UserToGroupAddition', Properties: { GroupName: 'ops', Users: [{ Ref: 'OpsUser1234' }] } },
              },
            }),
          ]),
        ),
      },
    },
    {
      name: 'roles and groups are not users',
      files: {
        'template.yaml': `Resources:
  Team:
    Type: AWS::IAM::Group
  Worker:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: lambda.amazonaws.com}
            Action: sts:AssumeRole
`,
      },
    },
  ],
  invalid: [
    {
      name: 'a user with no Groups and no membership; a membership naming another user does not count',
      files: {
        'template.yaml': `Resources:
  Team:
    Type: AWS::IAM::Group
  myuser2:
    Type: AWS::IAM::User
  Named:
    Type: AWS::IAM::User
    Properties:
      UserName: dave
      Groups: []
  Addition:
    Type: AWS::IAM::UserToGroupAddition
    Properties:
      GroupName: !Ref Team
      Users: [erin]
`,
      },
      errors: [
        { resource: 'myuser2', messageId: 'noGroup', line: 4, endLine: 5, message: 'The user "myuser2" belongs to no group in this template' },
        { resource: 'Named', messageId: 'noGroup', line: 6, message: 'The user "dave"' },
      ],
    },
  ],
});
