import { checkCases } from '../../test/harness/check-tester.js';
import check from './unattached-policy.js';

const DOC = `PolicyDocument:
        Statement:
          - Effect: Allow
            Action: s3:ListBucket
            Resource: arn:aws:s3:::bucket`;

const TRUST = `AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: lambda.amazonaws.com}
            Action: sts:AssumeRole`;

checkCases(check, {
  valid: [
    {
      name: 'managed policies in use: targets, a role ManagedPolicyArns by Ref and by literal ARN, a boundary',
      files: {
        'template.yaml': `Resources:
  WithTargets:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ${DOC}
      Roles: [some-role]
  ByRef:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ${DOC}
  ByArn:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ManagedPolicyName: by-arn
      ${DOC}
  Boundary:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ${DOC}
  Role:
    Type: AWS::IAM::Role
    Properties:
      ${TRUST}
      ManagedPolicyArns:
        - !Ref ByRef
        - !Sub arn:aws:iam::\${AWS::AccountId}:policy/by-arn
      PermissionsBoundary: !Ref Boundary
`,
      },
    },
    {
      name: 'a boundary policy that others must use (iam:PermissionsBoundary condition), and inline policy resources',
      files: {
        'template.yaml': `Resources:
  DeveloperBoundary:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ${DOC}
  Delegation:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: iam:CreateRole
            Resource: '*'
            Condition:
              StringEquals:
                iam:PermissionsBoundary:
                  - !Ref DeveloperBoundary
                  - !Sub arn:aws:iam::\${AWS::AccountId}:policy/ops/ops-boundary
      Groups: [developers]
  OpsBoundary:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ManagedPolicyName: ops-boundary
      Path: /ops/
      ${DOC}
  Orphan:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: orphan
      ${DOC}
`,
      },
    },
    {
      name: 'a cloud assembly whose Dev and Prod stacks reuse logical ids: each role uses the policy of its own stack',
      files: {
        'cdk.out/manifest.json': JSON.stringify({
          version: '36.0.0',
          artifacts: Object.fromEntries(['Dev', 'Prod'].map((s) => [s, { type: 'aws:cloudformation:stack', properties: { templateFile: `${s}.template.json` } }])),
        }),
        ...Object.fromEntries(
          ['Dev', 'Prod'].map((s) => [
            `cdk.out/${s}.template.json`,
            JSON.stringify({
              Resources: {
                AccessPolicy1234: {
                  Type: 'AWS::IAM::ManagedPolicy',
                  Properties: { PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b' }] } },
                },
                AccessRole5678: {
                  Type: 'AWS::IAM::Role',
                  Properties: {
                    AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'transfer.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
                    ManagedPolicyArns: [{ Ref: 'AccessPolicy1234' }],
                  },
                },
              },
            }),
          ]),
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'a customer managed policy attached to nothing; a policy of the same name elsewhere does not count',
      files: {
        'template.yaml': `Resources:
  Unused:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ManagedPolicyName: unused
      ${DOC}
  Anonymous:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ${DOC}
  Role:
    Type: AWS::IAM::Role
    Properties:
      ${TRUST}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/unused-not-really
`,
      },
      errors: [
        { resource: 'Unused', messageId: 'unattached', line: 2, endLine: 10, message: 'The customer managed policy "unused" is attached to no user, group or role in this template' },
        { resource: 'Anonymous', messageId: 'unattached', line: 11, message: 'The customer managed policy "Anonymous"' },
      ],
    },
  ],
});

checkCases(check, {
  valid: [
    {
      name: 'Terraform: a policy whose ARN goes to a module the linter cannot read is in use',
      files: {
        'main.tf': `resource "aws_iam_policy" "ops" {
  name   = "ops"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*" }] })
}

module "role" {
  source      = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  policy_arns = [aws_iam_policy.ops.arn]
}
`,
      },
    },
  ],
  invalid: [
    {
      name: 'Terraform: a policy nothing names is unattached',
      files: {
        'main.tf': `resource "aws_iam_policy" "ops" {
  name   = "ops"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*" }] })
}
`,
      },
      errors: [{ resource: 'aws_iam_policy.ops', messageId: 'unattached', line: 1 }],
    },
  ],
});
