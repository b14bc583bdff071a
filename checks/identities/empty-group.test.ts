import { checkCases } from '../../test/harness/check-tester.js';
import check from './empty-group.js';

const DOC = `PolicyDocument:
        Statement:
          - Effect: Allow
            Action: s3:ListBucket
            Resource: arn:aws:s3:::bucket`;

checkCases(check, {
  valid: [
    {
      name: 'groups with members: Groups on a user (Ref and name), UserToGroupAddition (Ref, name, user not defined here)',
      files: {
        'template.yaml': `Resources:
  G1:
    Type: AWS::IAM::Group
  U1:
    Type: AWS::IAM::User
    Properties:
      Groups: [!Ref G1]
  G2:
    Type: AWS::IAM::Group
    Properties:
      GroupName: foo
  U2:
    Type: AWS::IAM::User
    Properties:
      Groups: [foo]
  G3:
    Type: AWS::IAM::Group
    Properties:
      GroupName: baz
  Add3:
    Type: AWS::IAM::UserToGroupAddition
    Properties:
      GroupName: baz
      Users: [bar]
  G4:
    Type: AWS::IAM::Group
  Add4:
    Type: AWS::IAM::UserToGroupAddition
    Properties:
      GroupName: !Ref G4
      Users: [bar]
`,
      },
    },
    {
      name: 'groups without members but with policies: inline, managed ARN, AWS::IAM::Policy, ManagedPolicy Groups, GroupPolicy',
      files: {
        'template.yaml': `Resources:
  Inline:
    Type: AWS::IAM::Group
    Properties:
      Policies:
        - PolicyName: p
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: s3:ListBucket
                Resource: arn:aws:s3:::bucket
  Managed:
    Type: AWS::IAM::Group
    Properties:
      ManagedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess]
  ByPolicy:
    Type: AWS::IAM::Group
  Standalone:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: s
      ${DOC}
      Groups: [!Ref ByPolicy]
  ByManaged:
    Type: AWS::IAM::Group
  Shared:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ${DOC}
      Groups: [!Ref ByManaged]
  ByGroupPolicy:
    Type: AWS::IAM::Group
    Properties:
      GroupName: gp
  GroupPolicy:
    Type: AWS::IAM::GroupPolicy
    Properties:
      GroupName: gp
      PolicyName: gp
      PolicyDocument: !Ref AWS::NoValue
`,
      },
    },
  ],
  invalid: [
    {
      name: 'a group with neither members nor policies; a membership or policy naming another group does not count',
      files: {
        'template.yaml': `Resources:
  Empty:
    Type: AWS::IAM::Group
    Properties:
      GroupName: nobody
  Other:
    Type: AWS::IAM::Group
    Properties:
      ManagedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess]
  Add:
    Type: AWS::IAM::UserToGroupAddition
    Properties:
      GroupName: !Ref Other
      Users: [bar]
  Bare:
    Type: AWS::IAM::Group
`,
      },
      errors: [
        { resource: 'Empty', messageId: 'emptyGroup', line: 2, endLine: 5, message: 'The group "nobody" has no members and no policies in this template' },
        { resource: 'Bare', messageId: 'emptyGroup', line: 15, message: 'The group "Bare"' },
      ],
    },
  ],
});
