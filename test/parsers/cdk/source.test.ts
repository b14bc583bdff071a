/**
 * CDK TypeScript source: every construct form the reader knows becomes model entries located on the TypeScript that
 * wrote them (the statement, the `actions: [...]` element, the principal expression), with construct paths as
 * addresses and the synthesized resources' `aws:cdk:path` as construct paths.
 */
import { describe, expect, it } from '@jest/globals';
import { docOf, F, L, lint, parse, S, SL, stmt } from './source-helpers.js';

// Lines are 1-based and columns count from 1, as in the model; the fixtures start on line 1.
const FORMS = `import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export class Forms extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const st = new iam.PolicyStatement({
      sid: 'Deny',
      effect: iam.Effect.DENY,
      notActions: ['iam:*'],
      notResources: ['arn:aws:s3:::b'],
      principals: [new iam.AnyPrincipal()],
      conditions: { Bool: { 'aws:SecureTransport': 'false' } },
    });
    const json = iam.PolicyStatement.fromJson({ Effect: 'Allow', Action: 's3:*', Resource: '*' });
    const doc = iam.PolicyDocument.fromJson({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['sqs:*'], Resource: '*' }] });
    const role = new iam.Role(this, 'Role', {
      roleName: 'app-role',
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess'), iam.ManagedPolicy.fromManagedPolicyArn(this, 'Ext', 'arn:aws:iam::111122223333:policy/ext')],
      inlinePolicies: { json: doc, built: new iam.PolicyDocument({ statements: [st, json] }) },
      permissionsBoundary: iam.ManagedPolicy.fromManagedPolicyName(this, 'Boundary', 'boundary'),
    });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['ec2:*'], resources: ['*'] }));
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] }));
    const user = new iam.User(this, 'User', { userName: 'u', password: cdk.SecretValue.unsafePlainText('not-a-real-password') });
    const group = new iam.Group(this, 'Group', { groupName: 'g' });
    user.addToGroup(group);
    const other = new iam.User(this, 'Other');
    group.addUser(other);
    user.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('IAMFullAccess'));
    group.addToPolicy(new iam.PolicyStatement({ actions: ['s3:ListAllMyBuckets'], resources: ['*'] }));
    const inline = new iam.Policy(this, 'Inline', { statements: [new iam.PolicyStatement({ actions: ['logs:*'], resources: ['*'] })], groups: [group] });
    user.attachInlinePolicy(inline);
    const managed = new iam.ManagedPolicy(this, 'Managed', { managedPolicyName: 'm', document: doc, roles: [role] });
    group.addManagedPolicy(managed);
    new iam.AccessKey(this, 'Key', { user, status: iam.AccessKeyStatus.ACTIVE });
  }
}
`;

const PRINCIPALS = `import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

export class Principals extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const provider = new iam.OpenIdConnectProvider(this, 'Oidc', { url: 'https://token.actions.githubusercontent.com', clientIds: ['sts.amazonaws.com'] });
    const trust = (id: string, principal: iam.IPrincipal) => new iam.Role(this, id, { assumedBy: principal });
    trust('Account', new iam.AccountPrincipal('111122223333'));
    trust('Root', new iam.AccountRootPrincipal());
    trust('Any', new iam.AnyPrincipal());
    trust('Arn', new iam.ArnPrincipal('arn:aws:iam::111122223333:role/ci'));
    trust('Service', new iam.ServicePrincipal('lambda.amazonaws.com'));
    trust('Federated', new iam.FederatedPrincipal('cognito-identity.amazonaws.com', { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'pool' } }, 'sts:AssumeRoleWithWebIdentity'));
    trust('WebIdentity', new iam.WebIdentityPrincipal('accounts.google.com', { StringEquals: { 'accounts.google.com:aud': 'app' } }));
    trust('Oidc', new iam.OpenIdConnectPrincipal(provider, { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:org/*' } }));
    trust('Composite', new iam.CompositePrincipal(new iam.ServicePrincipal('ec2.amazonaws.com'), new iam.AccountPrincipal('444455556666')));
    trust('Conditioned', new iam.AccountPrincipal('444455556666').withConditions({ StringEquals: { 'sts:ExternalId': 'x' } }));
    trust('Org', new iam.OrganizationPrincipal('o-abc123'));
    new iam.Role(this, 'External', { assumedBy: new iam.AccountPrincipal('444455556666'), externalIds: ['ext-1'] });
  }
}
`;

const RESOURCES = `import * as cdk from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export class Resources extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const bucket = new s3.Bucket(this, 'Bucket', { enforceSSL: true });
    bucket.addToResourcePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], principals: [new iam.AnyPrincipal()], resources: [bucket.arnForObjects('public/*')] }));
    const topic = new sns.Topic(this, 'Topic');
    topic.addToResourcePolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], principals: [new iam.ServicePrincipal('events.amazonaws.com')], resources: [topic.topicArn] }));
    const queue = new sqs.Queue(this, 'Queue');
    queue.addToResourcePolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], principals: [new iam.ServicePrincipal('sns.amazonaws.com')], resources: [queue.queueArn], conditions: { ArnEquals: { 'aws:SourceArn': topic.topicArn } } }));
    const key = new kms.Key(this, 'Key');
    key.addToResourcePolicy(new iam.PolicyStatement({ actions: ['kms:Decrypt'], principals: [new iam.AccountPrincipal('111122223333')], resources: ['*'] }));
    const fn = new lambda.Function(this, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x'), environment: { STAGE: 'dev' } });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] }));
    fn.addPermission('Events', { principal: new iam.ServicePrincipal('events.amazonaws.com') });
    fn.addPermission('Scoped', { principal: new iam.ServicePrincipal('s3.amazonaws.com'), sourceArn: bucket.bucketArn, sourceAccount: this.account });
    fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
    const table = new dynamodb.Table(this, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    const role = new iam.Role(this, 'Worker', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    bucket.grantRead(role);
    table.grant(role, 'dynamodb:*');
    role.grantPassRole(fn.role!);
    bucket.grantPublicAccess('site/*');
    new iam.CfnRole(this, 'L1Role', {
      assumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] },
      policies: [{ policyName: 'p', policyDocument: { Statement: [{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }] } }],
      managedPolicyArns: ['arn:aws:iam::aws:policy/PowerUserAccess'],
    });
    new iam.CfnPolicy(this, 'L1Policy', { policyName: 'l1', roles: [role.roleName], policyDocument: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['*'], resources: ['*'] })] }) });
  }
}
`;

describe('statements, documents and IAM constructs', () => {
  const model = parse({ 'forms.ts': FORMS });

  it('reads new iam.PolicyStatement with sid, effect, notActions, notResources, principals and conditions', () => {
    const built = docOf(model, 'Forms/Role').statements;
    const inline = model.documents.find((d) => d.owner.address === 'Forms/Role' && d.path.join('/') === 'Properties/Policies/1/PolicyDocument');
    expect(inline?.name && S(inline.name)).toBe('built');
    expect(L(inline?.loc)).toBe('27:43-27:93');
    expect(built).toHaveLength(1); // the trust statement
    expect(inline?.statements.map(stmt)).toEqual([
      {
        loc: '13:16-20:7',
        sid: 'Deny@14:12-14:18',
        effect: 'Deny@15:15-15:30',
        notAction: ['iam:*@16:20-16:27'],
        notResource: ['arn:aws:s3:::b@17:22-17:38'],
        principal: ['AWS:*@18:20-18:42'],
        conditions: ['Bool aws:SecureTransport=false@19:52-19:59'],
      },
      // PolicyStatement.fromJson: the JSON as written.
      { loc: '21:47-21:97', effect: 'Allow@21:57-21:64', action: ['s3:*@21:74-21:80'], resource: ['*@21:92-21:95'] },
    ]);
  });

  it('reads PolicyDocument.fromJson and new iam.PolicyDocument as role inline policies', () => {
    const json = model.documents.find((d) => d.owner.address === 'Forms/Role' && d.path.join('/') === 'Properties/Policies/0/PolicyDocument');
    expect(json && S(json.name)).toBe('json');
    expect(json?.statements.map(stmt)).toEqual([{ loc: '22:82-22:135', effect: 'Allow@22:92-22:99', action: ['sqs:*@22:110-22:117'], resource: ['*@22:130-22:133'] }]);
  });

  it('reads new iam.Role: name, trust, managed policies by name and ARN, permissions boundary', () => {
    const role = model.identities.find((i) => i.ref.address === 'Forms/Role');
    expect(role?.ref).toMatchObject({ type: 'AWS::IAM::Role', constructPath: 'Forms/Role/Resource' });
    expect(L(role?.ref.loc)).toBe('23:18-29:7');
    expect(S(role?.name)).toBe('app-role');
    expect(role?.managedPolicyArns.map(SL)).toEqual(['arn:aws:iam::aws:policy/ReadOnlyAccess@26:25-26:85', 'arn:aws:iam::111122223333:policy/ext@26:139-26:177']);
    expect(S(role?.permissionsBoundary)).toBe('arn:aws:iam::${AWS::AccountId#this}:policy/boundary');
    expect(role?.trust?.statements.map(stmt)).toEqual([
      { loc: '25:18-25:63', effect: 'Allow@25:18-25:63', action: ['sts:AssumeRole@25:18-25:63'], principal: ['Service:ec2.amazonaws.com@25:18-25:63'] },
    ]);
  });

  it('puts addToPolicy and addToPrincipalPolicy statements in the DefaultPolicy CDK creates', () => {
    const p = model.policies.find((x) => x.ref.address === 'Forms/Role/DefaultPolicy');
    expect(p?.ref).toMatchObject({ type: 'AWS::IAM::Policy', constructPath: 'Forms/Role/DefaultPolicy/Resource' });
    expect(p?.kind).toBe('inline');
    expect(p?.targets.map((t) => `${t.kind}:${S(t.value)}`)).toEqual(['role:?Forms/Role->Forms/Role']);
    expect(p?.document?.statements.map(stmt)).toEqual([
      { loc: '30:22-30:87', effect: 'Allow@30:22-30:87', action: ['ec2:*@30:58-30:65'], resource: ['*@30:80-30:83'] },
      { loc: '31:31-31:118', effect: 'Allow@31:31-31:118', action: ['s3:GetObject@31:67-31:81'], resource: ['arn:aws:s3:::b/*@31:96-31:114'] },
    ]);
  });

  it('reads users and groups: names, passwords, addToGroup, addUser, addManagedPolicy, group policies', () => {
    const byAddress = (a: string) => model.identities.find((i) => i.ref.address === a);
    const user = byAddress('Forms/User');
    expect(S(user?.name)).toBe('u');
    expect(L(user?.loginProfile?.loc)).toBe('32:62-32:126');
    expect(user?.groups.map(SL)).toEqual(['?Forms/Group->Forms/Group@34:5-34:27']);
    expect(user?.managedPolicyArns.map(SL)).toEqual(['arn:aws:iam::aws:policy/IAMFullAccess@37:27-37:86']);
    expect(byAddress('Forms/Other')?.groups.map(SL)).toEqual(['?Forms/Group->Forms/Group@36:5-36:25']);
    const group = byAddress('Forms/Group');
    expect(S(group?.name)).toBe('g');
    expect(group?.managedPolicyArns.map(SL)).toEqual(['?Forms/Managed->Forms/Managed@42:5-42:36']);
    expect(model.policies.find((p) => p.ref.address === 'Forms/Group/DefaultPolicy')?.targets.map((t) => S(t.value))).toEqual(['?Forms/Group->Forms/Group']);
    expect(model.textValues.map((t) => [t.owner.address, t.name, t.value, L(t.loc)])).toEqual([['Forms/User', 'Properties/LoginProfile/Password', 'not-a-real-password', '32:104-32:125']]);
  });

  it('reads iam.Policy and iam.ManagedPolicy with statements, document and targets, and attachInlinePolicy', () => {
    const inline = model.policies.find((p) => p.ref.address === 'Forms/Inline');
    expect(inline?.kind).toBe('inline');
    expect(inline?.targets.map((t) => `${t.kind}:${S(t.value)}@${L(t.loc)}`)).toEqual(['group:?Forms/Group->Forms/Group@39:143-39:150', 'user:?Forms/User->Forms/User@40:5-40:36']);
    expect(inline?.document?.statements.map(stmt)).toEqual([{ loc: '39:66-39:132', effect: 'Allow@39:66-39:132', action: ['logs:*@39:102-39:110'], resource: ['*@39:125-39:128'] }]);
    const managed = model.policies.find((p) => p.ref.address === 'Forms/Managed');
    expect(managed).toMatchObject({ kind: 'managed', ref: { type: 'AWS::IAM::ManagedPolicy', constructPath: 'Forms/Managed/Resource' } });
    expect(S(managed?.name)).toBe('m');
    expect(managed?.targets.map((t) => `${t.kind}:${S(t.value)}@${L(t.loc)}`)).toEqual(['role:?Forms/Role->Forms/Role@41:108-41:114']);
    expect(managed?.document?.statements.map((s) => s.action?.items.map(S))).toEqual([['sqs:*']]);
  });

  it('reads new iam.AccessKey with its user and status', () => {
    expect(model.accessKeys.map((k) => [k.ref.address, k.ref.constructPath, L(k.ref.loc), S(k.user), S(k.status)])).toEqual([
      ['Forms/Key', 'Forms/Key/Resource', '43:5-43:81', '?Forms/User->Forms/User', 'Active'],
    ]);
  });

  it('raises the usual findings on the TypeScript', async () => {
    expect((await lint({ 'forms.ts': FORMS })).map(F)).toEqual([
      // A principal in the Deny of an inline (identity) policy.
      'principal-in-identity-policy Forms/Role forms.ts:18:7-18:43',
      // PolicyStatement.fromJson: "Action: 's3:*'".
      'data-exfiltration Forms/Role forms.ts:21:66-21:80',
      'wildcard-action Forms/Role forms.ts:21:66-21:80',
      'wildcard-resource Forms/Role forms.ts:21:82-21:95',
      // PolicyDocument.fromJson: "Action: ['sqs:*']".
      'data-exfiltration Forms/Role forms.ts:22:101-22:118',
      'wildcard-action Forms/Role forms.ts:22:101-22:118',
      'wildcard-resource Forms/Role forms.ts:22:120-22:133',
      // role.addToPolicy: "actions: ['ec2:*']".
      'credentials-exposure Forms/Role/DefaultPolicy forms.ts:30:48-30:66',
      'privilege-escalation Forms/Role/DefaultPolicy forms.ts:30:48-30:66',
      'wildcard-action Forms/Role/DefaultPolicy forms.ts:30:48-30:66',
      'wildcard-resource Forms/Role/DefaultPolicy forms.ts:30:68-30:84',
      'user-console-no-mfa Forms/User forms.ts:32:62-32:126',
      'managed-admin-policy Forms/User forms.ts:37:27-37:86',
      'mfa-missing-privileged Forms/User forms.ts:37:27-37:86',
      'user-attached-policy Forms/User forms.ts:37:27-37:86',
      'data-exfiltration Forms/Inline forms.ts:39:92-39:111',
      'wildcard-action Forms/Inline forms.ts:39:92-39:111',
      'wildcard-resource Forms/Inline forms.ts:39:113-39:129',
      'user-inline-policy Forms/Inline forms.ts:40:5-40:36',
      'access-key-created Forms/Key forms.ts:43:5-43:81',
    ]);
  });
});

describe('principals', () => {
  const model = parse({ 'principals.ts': PRINCIPALS });
  const trustOf = (role: string) => docOf(model, `Principals/${role}`, 'trust').statements.map(stmt);

  it('lowers each principal class to its policy form, located at the principal expression', () => {
    expect(trustOf('Account')).toEqual([{ loc: '10:22-10:62', effect: 'Allow@10:22-10:62', action: ['sts:AssumeRole@10:22-10:62'], principal: ['AWS:arn:aws:iam::111122223333:root@10:22-10:62'] }]);
    expect(trustOf('Root')[0]?.principal).toEqual(['AWS:arn:aws:iam::${AWS::AccountId#this}:root@11:19-11:49']);
    expect(trustOf('Any')[0]?.principal).toEqual(['AWS:*@12:18-12:40']);
    expect(trustOf('Arn')[0]?.principal).toEqual(['AWS:arn:aws:iam::111122223333:role/ci@13:18-13:75']);
    expect(trustOf('Service')[0]?.principal).toEqual(['Service:lambda.amazonaws.com@14:22-14:70']);
  });

  it('gives federated principals their assume action and conditions', () => {
    expect(trustOf('Federated')).toEqual([
      {
        loc: '15:24-15:185',
        effect: 'Allow@15:24-15:185',
        action: ['sts:AssumeRoleWithWebIdentity@15:24-15:185'],
        principal: ['Federated:cognito-identity.amazonaws.com@15:24-15:185'],
        conditions: ['StringEquals cognito-identity.amazonaws.com:aud=pool@15:141-15:147'],
      },
    ]);
    expect(trustOf('WebIdentity')[0]).toMatchObject({ action: ['sts:AssumeRoleWithWebIdentity@16:26-16:133'], principal: ['Federated:accounts.google.com@16:26-16:133'] });
    // OpenIdConnectPrincipal: the provider construct's ARN, a reference the OIDC rule follows to the provider's URL.
    expect(trustOf('Oidc')[0]).toMatchObject({
      principal: ['Federated:?Principals/Oidc.openIdConnectProviderArn->Principals/Oidc@17:19-17:136'],
      conditions: ['StringLike token.actions.githubusercontent.com:sub=repo:org/*@17:119-17:131'],
    });
    expect(model.oidcProviders.map((o) => [o.ref.address, o.ref.type, o.ref.constructPath, S(o.url), o.clientIds.map(S)])).toEqual([
      ['Principals/Oidc', 'Custom::AWSCDKOpenIdConnectProvider', 'Principals/Oidc/Resource/Default', 'https://token.actions.githubusercontent.com', ['sts.amazonaws.com']],
    ]);
  });

  it('reads CompositePrincipal, withConditions, OrganizationPrincipal and externalIds', () => {
    expect(trustOf('Composite')).toEqual([
      {
        loc: '18:51-18:138',
        effect: 'Allow@18:51-18:138',
        action: ['sts:AssumeRole@18:51-18:138'],
        principal: ['Service:ec2.amazonaws.com@18:51-18:96', 'AWS:arn:aws:iam::444455556666:root@18:98-18:138'],
      },
    ]);
    expect(trustOf('Conditioned')[0]?.conditions).toEqual(['StringEquals sts:ExternalId=x@19:118-19:121']);
    expect(trustOf('Org')[0]).toMatchObject({ principal: ['AWS:*@20:18-20:59'], conditions: ['StringEquals aws:PrincipalOrgID=o-abc123@20:48-20:58'] });
    expect(trustOf('External')[0]?.conditions).toEqual(['StringEquals sts:ExternalId=ext-1@21:105-21:112']);
  });

  it('finds the trust mistakes at the principal expression', async () => {
    const findings = (await lint({ 'principals.ts': PRINCIPALS })).map(F);
    expect(findings).toEqual([
      'trust-cross-account-no-external-id Principals/Account principals.ts:10:22-10:62',
      'trust-any-principal Principals/Any principals.ts:12:18-12:40',
      'trust-cross-account-no-external-id Principals/Arn principals.ts:13:18-13:75',
      'trust-cross-account-no-external-id Principals/Composite principals.ts:18:51-18:138',
    ]);
  });
});

describe('resource policies, Lambda, grants and L1 constructs', () => {
  const model = parse({ 'resources.ts': RESOURCES });
  const resourceDoc = (owner: string) => docOf(model, owner, 'resource');

  it('reads bucket, topic, queue and key resource policies with the policy resource CDK creates', () => {
    const bucket = resourceDoc('Resources/Bucket/Policy');
    expect(bucket.owner).toMatchObject({ type: 'AWS::S3::BucketPolicy', constructPath: 'Resources/Bucket/Policy/Resource' });
    expect(bucket.consumers.map((c) => c.address)).toEqual(['Resources/Bucket']);
    expect(bucket.statements.map(stmt)).toEqual([
      // enforceSSL: true
      {
        loc: '14:52-14:68',
        effect: 'Deny@14:52-14:68',
        action: ['s3:*@14:52-14:68'],
        resource: ['?Resources/Bucket.bucketArn->Resources/Bucket@14:52-14:68', '${Resources/Bucket.bucketArn}/*@14:52-14:68'],
        principal: ['AWS:*@14:52-14:68'],
        conditions: ['Bool aws:SecureTransport=false@14:52-14:68'],
      },
      {
        loc: '15:32-15:171',
        effect: 'Allow@15:32-15:171',
        action: ['s3:GetObject@15:68-15:82'],
        resource: ['${Resources/Bucket.bucketArn}/public/*@15:135-15:167'],
        principal: ['AWS:*@15:98-15:120'],
      },
      // bucket.grantPublicAccess('site/*')
      { loc: '32:5-32:39', effect: 'Allow@32:5-32:39', action: ['s3:GetObject@32:5-32:39'], resource: ['${Resources/Bucket.bucketArn}/site/*@32:5-32:39'], principal: ['AWS:*@32:5-32:39'] },
    ]);
    expect(resourceDoc('Resources/Topic/Policy').statements.map((s) => stmt(s).principal)).toEqual([['Service:events.amazonaws.com@17:96-17:144']]);
    expect(resourceDoc('Resources/Queue/Policy').statements.map((s) => stmt(s).conditions)).toEqual([['ArnEquals aws:SourceArn=?topic.topicArn->Resources/Topic@19:221-19:235']]);
    const key = resourceDoc('Resources/Key');
    expect(key.owner).toMatchObject({ type: 'AWS::KMS::Key', constructPath: 'Resources/Key/Resource' });
    expect(key.path).toEqual(['Properties', 'KeyPolicy']);
    // CDK's default key policy first, then the added statement.
    expect(key.statements.map((s) => [stmt(s).action, stmt(s).principal])).toEqual([
      [['kms:*@20:17-20:41'], ['AWS:arn:aws:iam::${AWS::AccountId#this}:root@20:17-20:41']],
      [['kms:Decrypt@21:65-21:78'], ['AWS:arn:aws:iam::111122223333:root@21:94-21:134']],
    ]);
  });

  it('reads a Lambda function: its service role, addToRolePolicy, addPermission and a public function URL', () => {
    const role = model.identities.find((i) => i.ref.address === 'Resources/Fn/ServiceRole');
    expect(role?.ref.constructPath).toBe('Resources/Fn/ServiceRole/Resource');
    expect(role?.managedPolicyArns.map(S)).toEqual(['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole']);
    expect(role?.trust?.statements.map((s) => stmt(s).principal)).toEqual([['Service:lambda.amazonaws.com@22:16-22:46']]);
    expect(docOf(model, 'Resources/Fn/ServiceRole/DefaultPolicy').statements.map((s) => stmt(s).action)).toEqual([
      ['dynamodb:*@23:60-23:72'],
      // role.grantPassRole(fn.role!): the function's role may pass the worker role.
      ['iam:PassRole@31:5-31:33'],
    ]);
    expect(model.permissionGrants.map((g) => [g.ref.address, g.ref.type, S(g.principal), S(g.action), S(g.sourceArn), S(g.sourceAccount), g.conditions.map((c) => `${c.key}=${S(c.value)}`), L(g.loc)])).toEqual([
      ['Resources/Fn/Events', 'AWS::Lambda::Permission', 'events.amazonaws.com', 'lambda:InvokeFunction', undefined, undefined, [], '24:34-24:93'],
      ['Resources/Fn/Scoped', 'AWS::Lambda::Permission', 's3.amazonaws.com', 'lambda:InvokeFunction', '?bucket.bucketArn->Resources/Bucket', '?AWS::AccountId#this', [], '25:34-25:89'],
      ['Resources/Fn/FunctionUrl', 'AWS::Lambda::Url', '*', 'lambda:InvokeFunctionUrl', undefined, undefined, ['FunctionUrlAuthType=NONE'], '26:25-26:66'],
      ['Resources/Fn/invoke-function-url', 'AWS::Lambda::Permission', '*', 'lambda:InvokeFunctionUrl', undefined, undefined, ['FunctionUrlAuthType=NONE'], '26:25-26:66'],
      ['Resources/Fn/invoke-function', 'AWS::Lambda::Permission', '*', 'lambda:InvokeFunction', undefined, undefined, [], '26:25-26:66'],
    ]);
    expect(model.textValues.map((t) => [t.owner.address, t.name, t.value])).toEqual([['Resources/Fn', 'Properties/Environment/Variables/STAGE', 'dev']]);
  });

  it('records grants with their target, and spells out only grants whose actions the call gives', () => {
    expect(model.methodGrants?.map((g) => [g.resource?.address, S(g.grantee), g.method, L(g.loc)])).toEqual([['Resources/Bucket', '?Resources/Worker->Resources/Worker', 'grantRead', '29:5-29:27']]);
    // table.grant(role, 'dynamodb:*')
    expect(docOf(model, 'Resources/Worker/DefaultPolicy').statements.map(stmt)).toEqual([
      { loc: '30:5-30:36', effect: 'Allow@30:5-30:36', action: ['dynamodb:*@30:23-30:35'], resource: ['?Resources/Table.arn->Resources/Table@30:5-30:36'] },
    ]);
  });

  it('records grants on resources it cannot see, and spells out iam.Grant.addToPrincipal', () => {
    const m = parse({
      'grants.ts': [
        "import * as cdk from 'aws-cdk-lib';",
        "import * as iam from 'aws-cdk-lib/aws-iam';",
        'export class G extends cdk.Stack {',
        '  constructor(scope: any, id: string, props: { bucket: any }) {',
        '    super(scope, id);',
        "    const role = new iam.Role(this, 'R', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') });",
        '    props.bucket.grantReadWrite(role);',
        "    iam.Grant.addToPrincipal({ grantee: role, actions: ['sqs:*'], resourceArns: ['*'] });",
        '  }',
        '}',
      ].join('\n'),
    });
    expect(m.methodGrants?.map((g) => [g.resource?.address, S(g.grantee), g.method, L(g.loc)])).toEqual([[undefined, '?G/R->G/R', 'grantReadWrite', '7:5-7:38']]);
    expect(docOf(m, 'G/R/DefaultPolicy').statements.map(stmt)).toEqual([{ loc: '8:5-8:89', effect: 'Allow@8:5-8:89', action: ['sqs:*@8:57-8:64'], resource: ['*@8:82-8:85'] }]);
  });

  it('lints statements added to a role or resource it cannot see, under the expression that names it', async () => {
    const text = [
      "import * as iam from 'aws-cdk-lib/aws-iam';",
      "import { Construct } from 'constructs';",
      'export class Grants extends Construct {',
      '  constructor(scope: Construct, id: string, props: { role: iam.IRole; bucket: any }) {',
      '    super(scope, id);',
      "    props.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));",
      "    props.bucket.addToResourcePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], principals: [new iam.AnyPrincipal()], resources: ['*'] }));",
      '  }',
      '}',
    ].join('\n');
    const m = parse({ 'grants.ts': text });
    expect(m.policies.map((p) => [p.ref.address, p.targets.length, p.document?.statements.length])).toEqual([['${props.role}/DefaultPolicy', 0, 1]]);
    expect(m.documents.filter((d) => d.kind === 'resource').map((d) => d.owner.address)).toEqual(['${props.bucket}/Policy']);
    expect((await lint({ 'grants.ts': text })).map(F).filter((f) => /^(wildcard-action|resource-policy-public)/.test(f))).toEqual([
      'wildcard-action ${props.role}/DefaultPolicy grants.ts:6:63-6:80',
      'resource-policy-public ${props.bucket}/Policy grants.ts:7:91-7:127',
    ]);
  });

  it('reads CfnRole and CfnPolicy with their JSON documents', () => {
    const role = model.identities.find((i) => i.ref.address === 'Resources/L1Role');
    expect(role?.ref.constructPath).toBe('Resources/L1Role');
    expect(role?.trust?.statements.map(stmt)).toEqual([{ loc: '34:47-34:117', effect: 'Allow@34:57-34:64', action: ['sts:AssumeRole@34:99-34:115'], principal: ['AWS:*@34:84-34:87'] }]);
    expect(role?.inlinePolicies.map((d) => [S(d.name), d.statements.map((s) => stmt(s).action)])).toEqual([['p', [['ec2:*@35:94-35:101']]]]);
    expect(role?.managedPolicyArns.map(S)).toEqual(['arn:aws:iam::aws:policy/PowerUserAccess']);
    const policy = model.policies.find((p) => p.ref.address === 'Resources/L1Policy');
    expect(policy?.ref.constructPath).toBe('Resources/L1Policy');
    expect(policy?.targets.map((t) => `${t.kind}:${S(t.value)}`)).toEqual(['role:?role.roleName->Resources/Worker']);
    expect(policy?.document?.statements.map((s) => stmt(s).action)).toEqual([['*@38:175-38:178']]);
  });

  it('records where each construct is created, for mapping findings of the synthesized template', () => {
    expect(model.sourceMap?.sites.map((s) => `${s.path}@${L(s.loc)}`)).toEqual([
      'Resources@11:14-11:23',
      'Resources/Bucket@14:20-14:48',
      'Resources/Bucket/Policy@14:52-14:68',
      'Resources/Topic@16:19-16:46',
      'Resources/Topic/Policy@17:5-17:178',
      'Resources/Queue@18:19-18:46',
      'Resources/Queue/Policy@19:5-19:243',
      'Resources/Key@20:17-20:40',
      'Resources/Fn@22:16-22:46',
      'Resources/Fn/ServiceRole@22:16-22:46',
      'Resources/Fn/ServiceRole/DefaultPolicy@23:5-23:95',
      'Resources/Fn/Events@24:5-24:96',
      'Resources/Fn/Scoped@25:5-25:150',
      'Resources/Fn/FunctionUrl@26:5-26:69',
      'Resources/Fn/invoke-function-url@26:5-26:69',
      'Resources/Fn/invoke-function@26:5-26:69',
      'Resources/Table@27:19-27:51',
      'Resources/Worker@28:18-28:45',
      'Resources/Worker/DefaultPolicy@30:5-30:36',
      'Resources/L1Role@33:5-33:35',
      'Resources/L1Policy@38:5-38:39',
    ]);
  });

  it('finds the mistakes on the TypeScript lines', async () => {
    expect((await lint({ 'resources.ts': RESOURCES })).map(F)).toEqual([
      'resource-policy-public Resources/Bucket/Policy resources.ts:15:85-15:121',
      'resource-policy-service-no-source Resources/Topic/Policy resources.ts:17:83-17:145',
      // CDK's default key policy: kms:* for the account.
      'wildcard-action Resources/Key resources.ts:20:17-20:41',
      'data-exfiltration Resources/Fn/ServiceRole/DefaultPolicy resources.ts:23:50-23:73',
      'wildcard-action Resources/Fn/ServiceRole/DefaultPolicy resources.ts:23:50-23:73',
      'wildcard-resource Resources/Fn/ServiceRole/DefaultPolicy resources.ts:23:75-23:91',
      'resource-policy-service-no-source Resources/Fn/Events resources.ts:24:45-24:93',
      // The two permissions CDK adds for a public URL share the line: reported once (invoke-function as related).
      'resource-policy-public Resources/Fn/invoke-function-url resources.ts:26:25-26:66',
      'resource-policy-public Resources/Fn/FunctionUrl resources.ts:26:35-26:66',
      'wildcard-action Resources/Worker/DefaultPolicy resources.ts:30:5-30:36',
      'resource-policy-public Resources/Bucket/Policy resources.ts:32:5-32:39',
      'trust-any-principal Resources/L1Role resources.ts:34:66-34:89',
      'credentials-exposure Resources/L1Role resources.ts:35:86-35:101',
      'privilege-escalation Resources/L1Role resources.ts:35:86-35:101',
      'wildcard-action Resources/L1Role resources.ts:35:86-35:101',
      'wildcard-resource Resources/L1Role resources.ts:35:103-35:116',
      'managed-admin-policy Resources/L1Role resources.ts:36:27-36:68',
      'admin-access Resources/L1Policy resources.ts:38:165-38:179',
      'credentials-exposure Resources/L1Policy resources.ts:38:165-38:179',
      'data-exfiltration Resources/L1Policy resources.ts:38:165-38:179',
      'pass-role-wildcard Resources/L1Policy resources.ts:38:165-38:197',
      'privilege-escalation Resources/L1Policy resources.ts:38:165-38:179',
      'wildcard-action Resources/L1Policy resources.ts:38:165-38:179',
      'wildcard-resource Resources/L1Policy resources.ts:38:181-38:197',
    ]);
  });
});
