import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ADMIN_POLICY, GITHUB_OIDC_HOST, GITHUB_REPOSITORY } from './config';

/** Continuous delivery: the GitHub deploy role, a legacy deploy user, and the administrators. */
export class CiStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);

    const github = new iam.OpenIdConnectProvider(this, 'GitHubProvider', {
      url: `https://${GITHUB_OIDC_HOST}`,
      clientIds: ['sts.amazonaws.com'],
    });

    // MISTAKE: any repository on GitHub may assume the deploy role (trust-oidc-unscoped).
    const deployRole = new iam.Role(this, 'DeployRole', {
      assumedBy: new iam.OpenIdConnectPrincipal(github, {
        StringEquals: { [`${GITHUB_OIDC_HOST}:aud`]: 'sts.amazonaws.com' },
        StringLike: { [`${GITHUB_OIDC_HOST}:sub`]: 'repo:*' },
      }),
      maxSessionDuration: cdk.Duration.hours(1),
    });

    // MISTAKE: PassRole on every role, together with function creation (pass-role-wildcard, privilege-escalation).
    deployRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:UpdateFunctionCode'],
        resources: ['*'],
      }),
    );
    // Correct: CloudFormation reads scoped to this account's stacks.
    deployRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['cloudformation:DescribeStacks', 'cloudformation:GetTemplate'],
        resources: [`arn:aws:cloudformation:${this.region}:${this.account}:stack/*`],
      }),
    );

    // Correct: the release role is scoped to one repository's main branch.
    new iam.Role(this, 'ReleaseRole', {
      assumedBy: new iam.WebIdentityPrincipal(github.openIdConnectProviderArn, {
        StringEquals: {
          [`${GITHUB_OIDC_HOST}:aud`]: 'sts.amazonaws.com',
          [`${GITHUB_OIDC_HOST}:sub`]: `repo:${GITHUB_REPOSITORY}:ref:refs/heads/main`,
        },
      }),
      inlinePolicies: {
        publish: new iam.PolicyDocument({
          statements: [
            new iam.PolicyStatement({
              actions: ['s3:PutObject'],
              resources: ['arn:aws:s3:::payments-releases/*'],
            }),
          ],
        }),
      },
    });

    // MISTAKE: a long-lived user with an inline policy, in no group (user-inline-policy, user-no-group) ...
    const legacy = new iam.User(this, 'LegacyDeployer', { userName: 'legacy-deployer' });
    legacy.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:PutObject'],
        resources: ['arn:aws:s3:::legacy-artifacts/*'],
      }),
    );
    // ... an access key (access-key-created) whose secret is written to a stack output (access-key-secret-exposed).
    const legacyKey = new iam.AccessKey(this, 'LegacyDeployerKey', { user: legacy });
    new cdk.CfnOutput(this, 'LegacyDeployerSecret', { value: legacyKey.secretAccessKey.unsafeUnwrap() });

    // MISTAKE: an L1 policy with administrator rights for the legacy user (admin-access).
    new iam.CfnPolicy(this, 'LegacyAdminPolicy', {
      policyName: 'legacy-admin',
      users: [legacy.userName],
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
      },
    });

    // MISTAKE: administrators without an MFA requirement (managed-admin-policy, mfa-missing-privileged).
    const admins = new iam.Group(this, 'Admins', {
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName(ADMIN_POLICY)],
    });
    const alice = new iam.User(this, 'Alice', { userName: 'alice' });
    alice.addToGroup(admins);
    const bob = new iam.User(this, 'Bob', { userName: 'bob' });
    admins.addUser(bob);

    // MISTAKE: an MFA guard that uses Bool, which misses long-term keys (mfa-deny-bool-condition).
    admins.addToPolicy(
      new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        notActions: ['iam:ChangePassword', 'iam:GetUser', 'sts:GetSessionToken'],
        resources: ['*'],
        conditions: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } },
      }),
    );

    // MISTAKE: a support policy written with NotAction (not-action-allow).
    new iam.Policy(this, 'SupportPolicy', {
      groups: [admins],
      statements: [iam.PolicyStatement.fromJson({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' })],
    });

    // MISTAKE: IAM administration attached straight to a user (user-attached-policy, managed-admin-policy).
    bob.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('IAMFullAccess'));

    // MISTAKE: a group nobody is in (empty-group).
    new iam.Group(this, 'Contractors', { groupName: 'contractors' });

    // MISTAKE: a managed policy attached to nothing (unattached-policy).
    new iam.ManagedPolicy(this, 'CacheReadPolicy', {
      document: iam.PolicyDocument.fromJson({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::ci-cache/*'] }],
      }),
    });

    // Correct: a customer managed policy attached to the deploy role.
    const artifacts = new iam.ManagedPolicy(this, 'ArtifactsPolicy', {
      statements: [
        new iam.PolicyStatement({
          actions: ['s3:GetObject', 's3:PutObject'],
          resources: ['arn:aws:s3:::payments-artifacts/*'],
        }),
      ],
    });
    deployRole.addManagedPolicy(artifacts);
  }
}
