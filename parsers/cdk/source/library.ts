/**
 * What the `aws-cdk-lib` classes the linter knows do, as CDK documents them: IAM statements, principals,
 * documents, roles, users, groups, policies, access keys and OIDC providers; resource policies of buckets,
 * topics, queues, keys, secrets and repositories; Lambda functions (their service role, permissions and URLs);
 * L1 `Cfn*` IAM resources; outputs and parameters that may expose a secret. Grants (`bucket.grantRead(fn)`) are
 * recorded with their target; only grants whose actions are given in the call (`x.grant(grantee, ...actions)`,
 * `role.grantPassRole`, `role.grantAssumeRole`, `bucket.grantPublicAccess`) become statements. Construct paths of the
 * resources CDK synthesizes are kept (`Role/Resource`, `Role/DefaultPolicy/Resource`, `Bucket/Policy/Resource`)
 * so findings can be matched with those of the cloud assembly.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Location } from '../../../src/model/location.js';
import type { Node } from './ast.js';
import type { Interp } from './evaluate.js';
import {
  emptyRecords,
  type CondEntry,
  type DocumentState,
  type FunctionState,
  type HolderState,
  type IdentityState,
  type LibState,
  type ListKey,
  type PolicyState,
  type PrincipalState,
  type Records,
  type ResourcePolicyState,
  type StatementState,
  type Target,
} from './state.js';
import { fromParts, asTemplateParts, CNode, itemsOf, lit, locOfVal, prop, propEntry, str, Thing, unk, type ClassRef, type ModuleRef, type Val } from './values.js';

type LibClass = Extract<ClassRef, { kind: 'lib' }>;
type Call = TSESTree.NewExpression | TSESTree.CallExpression;
interface Site {
  node: Call;
  mod: ModuleRef;
}

const ALLOW_ACTION = 'sts:AssumeRole';
const WEB_IDENTITY = 'sts:AssumeRoleWithWebIdentity';
const SAML = 'sts:AssumeRoleWithSAML';
const LAMBDA_BASIC_EXECUTION = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';
const LAMBDA_VPC_EXECUTION = 'arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole';

/** Library classes that are values, not constructs. */
const VALUE_CLASSES = new Set([
  'aws-iam.PolicyStatement',
  'aws-iam.PolicyDocument',
  'aws-iam.AnyPrincipal',
  'aws-iam.StarPrincipal',
  'aws-iam.AccountRootPrincipal',
  'aws-iam.AccountPrincipal',
  'aws-iam.ArnPrincipal',
  'aws-iam.ServicePrincipal',
  'aws-iam.FederatedPrincipal',
  'aws-iam.WebIdentityPrincipal',
  'aws-iam.OpenIdConnectPrincipal',
  'aws-iam.SamlPrincipal',
  'aws-iam.SamlConsolePrincipal',
  'aws-iam.CanonicalUserPrincipal',
  'aws-iam.OrganizationPrincipal',
  'aws-iam.CompositePrincipal',
  'aws-iam.SessionTagsPrincipal',
  'aws-iam.PrincipalWithConditions',
  'core.SecretValue',
  'core.Duration',
  'core.Size',
  'core.CfnParameter',
]);

/** Resources that can hold a resource policy, and how CDK synthesizes it. */
const HOLDERS: Record<string, Omit<HolderState, 't' | 'node' | 'resourcePath' | 'policy'>> = {
  'aws-s3.Bucket': { cfnType: 'AWS::S3::Bucket', policyChild: { id: 'Policy', cfnType: 'AWS::S3::BucketPolicy', propertyPath: ['Properties', 'PolicyDocument'] }, arnAttribute: 'bucketArn' },
  'aws-sns.Topic': { cfnType: 'AWS::SNS::Topic', policyChild: { id: 'Policy', cfnType: 'AWS::SNS::TopicPolicy', propertyPath: ['Properties', 'PolicyDocument'] }, arnAttribute: 'topicArn' },
  'aws-sqs.Queue': { cfnType: 'AWS::SQS::Queue', policyChild: { id: 'Policy', cfnType: 'AWS::SQS::QueuePolicy', propertyPath: ['Properties', 'PolicyDocument'] }, arnAttribute: 'queueArn' },
  'aws-secretsmanager.Secret': {
    cfnType: 'AWS::SecretsManager::Secret',
    policyChild: { id: 'Policy', cfnType: 'AWS::SecretsManager::ResourcePolicy', propertyPath: ['Properties', 'ResourcePolicy'] },
    arnAttribute: 'secretArn',
  },
  'aws-kms.Key': { cfnType: 'AWS::KMS::Key', policyProperty: ['Properties', 'KeyPolicy'], arnAttribute: 'keyArn' },
  'aws-ecr.Repository': { cfnType: 'AWS::ECR::Repository', policyProperty: ['Properties', 'RepositoryPolicyText'], arnAttribute: 'repositoryArn' },
};

/** The action that `enforceSSL` denies without TLS, per holder. */
const TLS_ACTIONS: Record<string, string> = { 'aws-s3.Bucket': 's3:*', 'aws-sqs.Queue': 'sqs:*', 'aws-sns.Topic': 'sns:Publish' };

const FUNCTIONS = new Set([
  'aws-lambda.Function',
  'aws-lambda.DockerImageFunction',
  'aws-lambda-nodejs.NodejsFunction',
  '@aws-cdk/aws-lambda-python-alpha.PythonFunction',
  '@aws-cdk/aws-lambda-go-alpha.GoFunction',
]);

/** Constructs that run with a role CDK creates, and that role's construct id. */
const ROLE_IDS: Record<string, string> = {
  'aws-codebuild.Project': 'Role',
  'aws-codebuild.PipelineProject': 'Role',
  'aws-stepfunctions.StateMachine': 'Role',
  'aws-ecs.FargateTaskDefinition': 'TaskRole',
  'aws-ecs.Ec2TaskDefinition': 'TaskRole',
  'aws-ecs.TaskDefinition': 'TaskRole',
  'aws-ec2.Instance': 'InstanceRole',
  'aws-batch.EcsJobDefinition': 'Role',
};

export class Library {
  readonly records: Records = emptyRecords();

  constructor(private readonly interp: Interp) {}

  // ---- plumbing --------------------------------------------------------------------------------------------

  private loc(site: { node: Node; mod: ModuleRef }, node: Node = site.node): Location {
    return this.interp.loc(site, node);
  }

  private text(site: { node: Node; mod: ModuleRef }, node: Node = site.node, max?: number): string {
    return this.interp.text(site, node, max);
  }

  private valueThing(cls: LibClass, loc: Location, state: LibState): Val {
    const t = new Thing(cls, loc);
    t.state = state;
    return { k: 'inst', o: t };
  }

  /** A reference to a construct's resource (`role.roleArn`): unknown, pointing at the construct's address. */
  refTo(node: CNode, loc: Location, text = node.path, attribute?: string): Val {
    return unk(text, loc, { ref: attribute ? { address: node.path, attribute } : { address: node.path } });
  }

  isConstructBase(cls: LibClass): boolean {
    return !VALUE_CLASSES.has(`${cls.module}.${cls.name}`);
  }

  // ---- namespaces and constants ----------------------------------------------------------------------------

  nsMember(module: string, name: string, loc: Location, text: string): Val {
    if (/^[A-Z]/.test(name)) return { k: 'cls', cls: { kind: 'lib', module, name } };
    return unk(text, loc);
  }

  /** `iam.Effect.DENY`, `cdk.Aws.ACCOUNT_ID`, `lambda.FunctionUrlAuthType.NONE`; other members are unknown. */
  constant(cls: LibClass, name: string, loc: Location, text: string): Val {
    const q = `${cls.module}.${cls.name}`;
    switch (q) {
      case 'aws-iam.Effect':
        if (name === 'ALLOW') return lit('Allow', loc);
        if (name === 'DENY') return lit('Deny', loc);
        break;
      case 'aws-lambda.FunctionUrlAuthType':
        if (name === 'NONE' || name === 'AWS_IAM') return lit(name, loc);
        break;
      case 'aws-iam.AccessKeyStatus':
        if (name === 'ACTIVE') return lit('Active', loc);
        if (name === 'INACTIVE') return lit('Inactive', loc);
        break;
      case 'core.Aws':
        if (name === 'ACCOUNT_ID') return unk('AWS::AccountId', loc, { hint: 'this-account' });
        if (name === 'PARTITION') return lit('aws', loc);
        if (name === 'URL_SUFFIX') return lit('amazonaws.com', loc);
        if (name === 'REGION') return unk('AWS::Region', loc);
        if (name === 'NO_VALUE') return { k: 'undef', loc };
        break;
      default:
        break;
    }
    // A nested class or enum of the module (`iam.PolicyStatement` reached through a namespace alias).
    if (/^[A-Z][a-z]/.test(name)) return { k: 'cls', cls: { kind: 'lib', module: cls.module, name } };
    return unk(text, loc);
  }

  // ---- construction ----------------------------------------------------------------------------------------

  /** `new LibClass(...)`. */
  construct(cls: LibClass, args: Val[], node: TSESTree.NewExpression, ctx: { mod: ModuleRef }): Val {
    const q = `${cls.module}.${cls.name}`;
    const site: Site = { node, mod: ctx.mod };
    const loc = this.loc(site);
    if (q === 'core.App') {
      const app = new CNode('', undefined, 'app', loc, loc);
      this.interp.nodes.push(app);
      const thing = new Thing(cls, loc, app);
      app.thing = thing;
      return { k: 'inst', o: thing };
    }
    if (VALUE_CLASSES.has(q)) return this.value(q, cls, args, site);
    const known = q in HOLDERS || FUNCTIONS.has(q) || q.startsWith('aws-iam.') || q.startsWith('core.') || q in ROLE_IDS;
    const scope = args[0];
    const looksConstruct = (scope?.k === 'inst' && !!scope.o.node) || (args.length >= 2 && (args[1]?.k === 'lit' || args[1]?.k === 'tpl'));
    if (!known && !looksConstruct) return { k: 'inst', o: new Thing(cls, loc) };
    const kind = q === 'core.Stack' || q === 'core.NestedStack' ? 'stack' : q === 'core.Stage' ? 'stage' : 'construct';
    const cnode = this.interp.createNode(args[0], args[1], node, ctx, kind);
    const thing = new Thing(cls, loc, cnode);
    if (cnode) cnode.thing = thing;
    this.init(q, thing, args, site);
    return { k: 'inst', o: thing };
  }

  /** The library part of an app class that extends a library construct (`class AdminRole extends iam.Role`). */
  initBase(cls: LibClass, thing: Thing, args: Val[], node: Call, mod: ModuleRef): void {
    this.init(`${cls.module}.${cls.name}`, thing, args, { node, mod });
  }

  private init(q: string, thing: Thing, args: Val[], site: Site): void {
    const node = thing.node;
    if (!node) return;
    const props = args[2];
    const loc = this.loc(site);
    if (q in HOLDERS) return this.holder(q, thing, node, props, site);
    if (FUNCTIONS.has(q)) return this.lambdaFunction(thing, node, props, site);
    switch (q) {
      case 'aws-iam.Role':
      case 'aws-iam.LazyRole':
        return this.role(thing, node, props, site);
      case 'aws-iam.User':
        return this.user(thing, node, props, site);
      case 'aws-iam.Group':
        return this.group(thing, node, props);
      case 'aws-iam.Policy':
      case 'aws-iam.ManagedPolicy':
        return this.policy(thing, node, props, q === 'aws-iam.ManagedPolicy' ? 'managed' : 'inline', site);
      case 'aws-iam.AccessKey': {
        const user = prop(props, 'user');
        const status = prop(props, 'status');
        this.records.accessKeys.push({
          node,
          cfnType: 'AWS::IAM::AccessKey',
          resourcePath: `${node.path}/Resource`,
          ...(user ? { user: this.identityRef(user, loc) } : {}),
          ...(status ? { status } : {}),
        });
        thing.state = { t: 'construct', node, cfnType: 'AWS::IAM::AccessKey', resourcePath: `${node.path}/Resource` };
        return;
      }
      case 'aws-iam.OpenIdConnectProvider':
      case 'aws-iam.OidcProviderNative': {
        const custom = q === 'aws-iam.OpenIdConnectProvider';
        const cfnType = custom ? 'Custom::AWSCDKOpenIdConnectProvider' : 'AWS::IAM::OIDCProvider';
        const url = prop(props, 'url');
        this.records.oidcProviders.push({ node, cfnType, resourcePath: `${node.path}/Resource${custom ? '/Default' : ''}`, ...(url ? { url } : {}), clientIds: itemsOf(prop(props, 'clientIds')) });
        thing.state = { t: 'construct', node, cfnType, resourcePath: `${node.path}/Resource` };
        // CDK's provider is a custom resource with a Lambda and role of its own, one per stack.
        const stack = node.stack();
        if (custom && stack) this.interp.implicitNode(stack, 'Custom::AWSCDKOpenIdConnectProviderCustomResourceProvider', node.head);
        return;
      }
      case 'aws-iam.InstanceProfile': {
        const role = prop(props, 'role');
        const name = prop(props, 'instanceProfileName');
        this.records.instanceProfiles.push({ node, cfnType: 'AWS::IAM::InstanceProfile', resourcePath: `${node.path}/Resource`, ...(name ? { name } : {}), roles: role ? [this.identityRef(role, loc)] : [] });
        return;
      }
      case 'aws-iam.CfnRole':
      case 'aws-iam.CfnUser':
      case 'aws-iam.CfnGroup':
        return this.cfnIdentity(q, thing, node, props, site);
      case 'aws-iam.CfnPolicy':
      case 'aws-iam.CfnManagedPolicy':
      case 'aws-iam.CfnRolePolicy':
      case 'aws-iam.CfnUserPolicy':
      case 'aws-iam.CfnGroupPolicy':
        return this.cfnPolicy(q, thing, node, props, site);
      case 'aws-iam.CfnAccessKey': {
        const user = prop(props, 'userName');
        const status = prop(props, 'status');
        this.records.accessKeys.push({ node, cfnType: 'AWS::IAM::AccessKey', resourcePath: node.path, ...(user ? { user } : {}), ...(status ? { status } : {}) });
        thing.state = { t: 'construct', node, cfnType: 'AWS::IAM::AccessKey', resourcePath: node.path };
        return;
      }
      case 'aws-iam.CfnUserToGroupAddition': {
        const group = prop(props, 'groupName') ?? unk('groupName', loc);
        for (const u of itemsOf(prop(props, 'users'))) {
          const user = this.records.identities.find((i) => i.kind === 'user' && i.name && sameText(i.name, u));
          user?.groups.push(group);
          // A user defined elsewhere: the membership still counts for the group.
          if (!user) this.records.memberships.push({ node, user: u, group, loc: locOfVal(u, loc) });
        }
        return;
      }
      case 'aws-iam.CfnOIDCProvider': {
        const url = prop(props, 'url');
        this.records.oidcProviders.push({ node, cfnType: 'AWS::IAM::OIDCProvider', resourcePath: node.path, ...(url ? { url } : {}), clientIds: itemsOf(prop(props, 'clientIdList')) });
        thing.state = { t: 'construct', node, cfnType: 'AWS::IAM::OIDCProvider', resourcePath: node.path };
        return;
      }
      case 'aws-iam.CfnInstanceProfile': {
        const name = prop(props, 'instanceProfileName');
        this.records.instanceProfiles.push({ node, cfnType: 'AWS::IAM::InstanceProfile', resourcePath: node.path, ...(name ? { name } : {}), roles: itemsOf(prop(props, 'roles')) });
        return;
      }
      case 'aws-s3.BucketPolicy':
      case 'aws-sns.TopicPolicy':
      case 'aws-sqs.QueuePolicy':
        return this.explicitResourcePolicy(q, thing, node, props, site);
      case 'aws-s3.CfnBucketPolicy':
      case 'aws-sns.CfnTopicPolicy':
      case 'aws-sqs.CfnQueuePolicy':
      case 'aws-kms.CfnKey':
      case 'aws-ecr.CfnRepository':
      case 'aws-secretsmanager.CfnResourcePolicy':
        return this.cfnResourcePolicy(q, thing, node, props);
      case 'aws-lambda.CfnPermission': {
        const principal = prop(props, 'principal') ?? unk('principal', loc);
        const conditions: { key: string; value: Val }[] = [];
        for (const [p, key] of [
          ['principalOrgId', 'PrincipalOrgID'],
          ['functionUrlAuthType', 'FunctionUrlAuthType'],
          ['eventSourceToken', 'EventSourceToken'],
        ] as const) {
          const v = prop(props, p);
          if (v) conditions.push({ key, value: v });
        }
        const action = prop(props, 'action');
        const sourceArn = prop(props, 'sourceArn');
        const sourceAccount = prop(props, 'sourceAccount');
        this.records.permissions.push({
          t: 'permission',
          node,
          cfnType: 'AWS::Lambda::Permission',
          resourcePath: node.path,
          principal,
          ...(action ? { action } : {}),
          ...(sourceArn ? { sourceArn } : {}),
          ...(sourceAccount ? { sourceAccount } : {}),
          conditions,
          loc: propEntry(props, 'principal')?.keyLoc ?? loc,
        });
        return;
      }
      case 'aws-lambda.CfnUrl': {
        const auth = propEntry(props, 'authType');
        if (auth && str(auth.value) === 'NONE') this.publicUrl(node, 'AWS::Lambda::Url', node.path, auth.value, auth.keyLoc);
        return;
      }
      case 'core.CfnOutput': {
        const value = prop(props, 'value');
        if (!value) return;
        const path = node.path;
        this.records.textValues.push({ node, cfnType: 'Output', resourcePath: path, name: `Outputs/${node.id}/Value`, value });
        for (const key of secretKeysIn(value)) this.records.exposures.push({ node, cfnType: 'Output', resourcePath: path, key, via: 'output', loc: locOfVal(value, loc) });
        return;
      }
      case 'aws-ssm.StringParameter':
      case 'aws-ssm.CfnParameter': {
        const l1 = q === 'aws-ssm.CfnParameter';
        const value = prop(props, l1 ? 'value' : 'stringValue');
        if (!value) return;
        const resourcePath = l1 ? node.path : `${node.path}/Resource`;
        for (const key of secretKeysIn(value)) this.records.exposures.push({ node, cfnType: 'AWS::SSM::Parameter', resourcePath, key, via: 'ssm-parameter', loc: locOfVal(value, loc) });
        return;
      }
      default: {
        // Any other construct: it may run with a role (CodeBuild projects, state machines, task definitions).
        thing.state = { t: 'construct', node, cfnType: q, resourcePath: `${node.path}/Resource` };
        const roleVal = prop(props, q.startsWith('aws-ecs.') ? 'taskRole' : 'role');
        if (roleVal?.k === 'inst' && roleVal.o.state?.t === 'identity') thing.state.role = roleVal.o;
        return;
      }
    }
  }

  // ---- value classes: statements, principals, documents ----------------------------------------------------

  private value(q: string, cls: LibClass, args: Val[], site: Site): Val {
    const loc = this.loc(site);
    const a0 = args[0];
    const a1 = args[1];
    switch (q) {
      case 'aws-iam.PolicyStatement':
        return this.valueThing(cls, loc, this.statement(a0, loc));
      case 'aws-iam.PolicyDocument':
        return this.valueThing(cls, loc, { t: 'document', loc, statements: this.statements(prop(a0, 'statements'), loc) });
      case 'aws-iam.CompositePrincipal':
        return this.valueThing(cls, loc, { t: 'principal-set', items: args.flatMap((a) => this.principals(a, loc)) });
      case 'aws-iam.SessionTagsPrincipal': {
        const inner = this.principals(a0, loc).map((p) => ({ ...p, loc, actions: [...p.actions, 'sts:TagSession'] }));
        return inner.length === 1 ? this.valueThing(cls, loc, inner[0] as PrincipalState) : this.valueThing(cls, loc, { t: 'principal-set', items: inner });
      }
      case 'aws-iam.PrincipalWithConditions': {
        const inner = this.principals(a0, loc).map((p) => this.withConditions(p, a1, loc));
        return inner.length === 1 ? this.valueThing(cls, loc, inner[0] as PrincipalState) : this.valueThing(cls, loc, { t: 'principal-set', items: inner });
      }
      default: {
        const p = this.principal(q, args, loc);
        if (p) return this.valueThing(cls, loc, p);
        return { k: 'inst', o: new Thing(cls, loc) };
      }
    }
  }

  /** A principal class to its policy form (CDK's `policyFragment`), located at the expression. */
  private principal(q: string, args: Val[], loc: Location): PrincipalState | undefined {
    const [a0, a1, a2] = args;
    const base = (type: string, value: Val, actions = [ALLOW_ACTION]): PrincipalState => ({ t: 'principal', loc, entries: [{ type, value: at(value, loc) }], conditions: [], actions });
    switch (q) {
      case 'aws-iam.AnyPrincipal':
        return { ...base('AWS', lit('*', loc)), lambda: lit('*', loc) } as PrincipalState;
      case 'aws-iam.StarPrincipal':
        return { ...base('*', lit('*', loc)), lambda: lit('*', loc) } as PrincipalState;
      case 'aws-iam.AccountRootPrincipal': {
        const acct = unk('AWS::AccountId', loc, { hint: 'this-account' });
        return { ...base('AWS', rootArn(acct, loc)), lambda: acct } as PrincipalState;
      }
      case 'aws-iam.AccountPrincipal': {
        const acct = a0 ?? unk('accountId', loc);
        return { ...base('AWS', rootArn(acct, loc)), lambda: acct } as PrincipalState;
      }
      case 'aws-iam.ArnPrincipal':
        return { ...base('AWS', a0 ?? unk('arn', loc)), lambda: a0 ?? unk('arn', loc) } as PrincipalState;
      case 'aws-iam.ServicePrincipal': {
        const p = { ...base('Service', a0 ?? unk('service', loc)), lambda: a0 ?? unk('service', loc) } as PrincipalState;
        const cond = prop(a1, 'conditions');
        return cond ? this.withConditions(p, cond, loc) : p;
      }
      case 'aws-iam.FederatedPrincipal': {
        const action = str(a2) ?? ALLOW_ACTION;
        const p = base('Federated', a0 ?? unk('federated', loc), [action]);
        return a1 ? this.withConditions(p, a1, loc) : p;
      }
      case 'aws-iam.WebIdentityPrincipal': {
        const p = base('Federated', a0 ?? unk('identityProvider', loc), [WEB_IDENTITY]);
        return a1 ? this.withConditions(p, a1, loc) : p;
      }
      case 'aws-iam.OpenIdConnectPrincipal': {
        const provider = a0?.k === 'inst' && a0.o.node ? this.refTo(a0.o.node, loc, `${a0.o.node.path}.openIdConnectProviderArn`, 'Arn') : this.member0(a0, 'openIdConnectProviderArn', loc);
        const p = base('Federated', provider, [WEB_IDENTITY]);
        return a1 ? this.withConditions(p, a1, loc) : p;
      }
      case 'aws-iam.SamlPrincipal':
      case 'aws-iam.SamlConsolePrincipal': {
        const provider = a0?.k === 'inst' && a0.o.node ? this.refTo(a0.o.node, loc, a0.o.node.path, 'Arn') : (a0 ?? unk('samlProvider', loc));
        let p = base('Federated', provider, [SAML]);
        if (a1) p = this.withConditions(p, a1, loc);
        if (q === 'aws-iam.SamlConsolePrincipal') p.conditions.push({ op: 'StringEquals', opLoc: loc, key: 'SAML:aud', keyLoc: loc, value: lit('https://signin.aws.amazon.com/saml', loc) });
        return p;
      }
      case 'aws-iam.CanonicalUserPrincipal':
        return base('CanonicalUser', a0 ?? unk('canonicalUserId', loc));
      case 'aws-iam.OrganizationPrincipal': {
        const org = a0 ?? unk('organizationId', loc);
        const p = { ...base('AWS', lit('*', loc)), lambda: lit('*', loc), orgId: org } as PrincipalState;
        p.conditions.push({ op: 'StringEquals', opLoc: loc, key: 'aws:PrincipalOrgID', keyLoc: loc, value: org });
        return p;
      }
      default:
        return undefined;
    }
  }

  private member0(v: Val | undefined, name: string, loc: Location): Val {
    if (v?.k === 'inst') return this.member(v.o, name, loc, name);
    return v ?? unk(name, loc);
  }

  /** A copy of the principal with more conditions (`.withConditions(...)`, constructor conditions). */
  private withConditions(p: PrincipalState, cond: Val | undefined, loc: Location): PrincipalState {
    const out: PrincipalState = { ...p, loc, conditions: [...p.conditions] };
    if (!cond) return out;
    const parsed = conditionEntries(cond);
    out.conditions.push(...parsed.entries);
    if (parsed.unknown) out.unknownConditions = parsed.unknown;
    return out;
  }

  /** The principals a value holds (one, a composite's, or an unknown one). */
  private principals(v: Val | undefined, loc: Location): PrincipalState[] {
    const out: PrincipalState[] = [];
    for (const item of itemsOf(v)) {
      const s = item.k === 'inst' ? item.o.state : undefined;
      if (s?.t === 'principal') out.push(s);
      else if (s?.t === 'principal-set') out.push(...s.items);
      else if (item.k === 'inst' && s?.t === 'identity') out.push({ t: 'principal', loc: locOfVal(item, loc), entries: [{ type: 'AWS', value: this.refTo(s.node, locOfVal(item, loc), s.node.path, 'Arn') }], conditions: [], actions: [ALLOW_ACTION] });
      else if (item.k === 'inst' && s?.t === 'function') out.push(...this.principals({ k: 'inst', o: s.role }, loc));
      else {
        const l = locOfVal(item, loc);
        out.push({ t: 'principal', loc: l, entries: [{ type: 'AWS', value: item.k === 'unk' || item.k === 'lit' || item.k === 'tpl' ? item : unk(this.textOfVal(item), l) }], conditions: [], actions: [ALLOW_ACTION] });
      }
    }
    return out;
  }

  private textOfVal(v: Val): string {
    if (v.k === 'inst') return v.o.node?.path ?? v.o.cls.name;
    return v.k;
  }

  /** `new iam.PolicyStatement(props)`. */
  private statement(props: Val | undefined, loc: Location): StatementState {
    const st: StatementState = { t: 'statement', loc, lists: {}, conditions: [] };
    if (props && props.k !== 'obj' && props.k !== 'undef') {
      st.raw = { kind: 'unknown', text: 'PolicyStatement(...)', loc: locOfVal(props, loc) };
      return st;
    }
    for (const [name, key] of [
      ['actions', 'Action'],
      ['notActions', 'NotAction'],
      ['resources', 'Resource'],
      ['notResources', 'NotResource'],
    ] as [string, ListKey][]) {
      const e = propEntry(props, name);
      if (e) st.lists[key] = { keyLoc: e.keyLoc, loc: locOfVal(e.value, e.keyLoc), items: [...itemsOf(e.value)] };
    }
    const effect = propEntry(props, 'effect');
    if (effect) st.effect = { value: effect.value, keyLoc: effect.keyLoc };
    const sid = propEntry(props, 'sid');
    if (sid) st.sid = { value: sid.value, keyLoc: sid.keyLoc };
    const principals = propEntry(props, 'principals');
    if (principals) st.principals = { keyLoc: principals.keyLoc, loc: locOfVal(principals.value, principals.keyLoc), items: this.principals(principals.value, principals.keyLoc) };
    const notPrincipals = propEntry(props, 'notPrincipals');
    if (notPrincipals) st.notPrincipals = { keyLoc: notPrincipals.keyLoc, loc: locOfVal(notPrincipals.value, notPrincipals.keyLoc), items: this.principals(notPrincipals.value, notPrincipals.keyLoc) };
    const conditions = propEntry(props, 'conditions');
    if (conditions) {
      st.conditionKeyLoc = conditions.keyLoc;
      const parsed = conditionEntries(conditions.value);
      st.conditions.push(...parsed.entries);
      if (parsed.unknown) st.unknownConditions = parsed.unknown;
    }
    return st;
  }

  /** The statements of a list value (statement instances; anything else is an unreadable statement). */
  private statements(v: Val | undefined, loc: Location): StatementState[] {
    return itemsOf(v).map((item) => this.statementOf(item, loc));
  }

  private statementOf(item: Val, loc: Location): StatementState {
    if (item.k === 'inst' && item.o.state?.t === 'statement') return item.o.state;
    const l = locOfVal(item, loc);
    return { t: 'statement', loc: l, lists: {}, conditions: [], raw: { kind: 'unknown', text: item.k === 'unk' ? item.text : 'statement', loc: l } };
  }

  /** A document from a value: a `PolicyDocument`, a JSON object literal, or unreadable. */
  private documentOf(v: Val | undefined, loc: Location): DocumentState {
    if (v?.k === 'inst' && v.o.state?.t === 'document') return v.o.state;
    if (v?.k === 'obj') return { t: 'document', loc: v.loc, statements: [], raw: this.interp.located(v) };
    const l = v ? locOfVal(v, loc) : loc;
    return { t: 'document', loc: l, statements: [], raw: { kind: 'unknown', text: v?.k === 'unk' ? v.text : 'document', loc: l } };
  }

  // ---- IAM identities and policies -------------------------------------------------------------------------

  private identity(kind: IdentityState['kind'], node: CNode, thing: Thing, cfnType: string, resourcePath: string): IdentityState {
    const st: IdentityState = { t: 'identity', kind, node, cfnType, resourcePath, inline: [], managed: [], groups: [] };
    thing.state = st;
    this.records.identities.push(st);
    return st;
  }

  private role(thing: Thing, node: CNode, props: Val | undefined, site: Site): void {
    const st = this.identity('role', node, thing, 'AWS::IAM::Role', `${node.path}/Resource`);
    const loc = this.loc(site);
    const assumed = propEntry(props, 'assumedBy');
    const externalIds = [...itemsOf(prop(props, 'externalIds')), ...itemsOf(prop(props, 'externalId'))];
    if (assumed) st.trust = { keyLoc: assumed.keyLoc, principals: this.principals(assumed.value, assumed.keyLoc), externalIds };
    st.managed.push(...this.refList(props, 'managedPolicies', loc).map(([m, at]) => this.managedArn(m, at)));
    const inline = prop(props, 'inlinePolicies');
    if (inline?.k === 'obj') for (const p of inline.props) st.inline.push({ name: lit(p.key, p.keyLoc), doc: this.documentOf(p.value, p.keyLoc) });
    const boundary = prop(props, 'permissionsBoundary');
    if (boundary) st.boundary = this.managedArn(boundary, loc);
    const name = prop(props, 'roleName');
    if (name) st.name = name;
  }

  private user(thing: Thing, node: CNode, props: Val | undefined, site: Site): void {
    const st = this.identity('user', node, thing, 'AWS::IAM::User', `${node.path}/Resource`);
    const loc = this.loc(site);
    st.managed.push(...this.refList(props, 'managedPolicies', loc).map(([m, at]) => this.managedArn(m, at)));
    st.groups.push(...this.refList(props, 'groups', loc).map(([g, at]) => this.identityRef(g, at)));
    const boundary = prop(props, 'permissionsBoundary');
    if (boundary) st.boundary = this.managedArn(boundary, loc);
    const name = prop(props, 'userName');
    if (name) st.name = name;
    const password = propEntry(props, 'password');
    if (password) {
      st.loginProfile = { ...password.keyLoc, endLine: locOfVal(password.value, password.keyLoc).endLine, endColumn: locOfVal(password.value, password.keyLoc).endColumn };
      const secret = password.value.k === 'inst' && password.value.o.state?.t === 'secret' ? password.value.o.state.of : undefined;
      if (secret) this.records.textValues.push({ node, cfnType: 'AWS::IAM::User', resourcePath: `${node.path}/Resource`, name: 'Properties/LoginProfile/Password', value: secret });
    }
  }

  private group(thing: Thing, node: CNode, props: Val | undefined): void {
    const st = this.identity('group', node, thing, 'AWS::IAM::Group', `${node.path}/Resource`);
    st.managed.push(...this.refList(props, 'managedPolicies', node.loc).map(([m, at]) => this.managedArn(m, at)));
    const name = prop(props, 'groupName');
    if (name) st.name = name;
  }

  private policy(thing: Thing, node: CNode, props: Val | undefined, kind: 'inline' | 'managed', site: Site): void {
    const loc = this.loc(site);
    const docVal = prop(props, 'document');
    const doc = docVal ? this.documentOf(docVal, loc) : { t: 'document' as const, loc, statements: [] as StatementState[] };
    doc.statements.push(...this.statements(prop(props, 'statements'), loc));
    const st: PolicyState = {
      t: 'policy',
      kind,
      node,
      cfnType: kind === 'managed' ? 'AWS::IAM::ManagedPolicy' : 'AWS::IAM::Policy',
      resourcePath: `${node.path}/Resource`,
      doc,
      targets: [],
    };
    const name = prop(props, kind === 'managed' ? 'managedPolicyName' : 'policyName');
    if (name) st.name = name;
    for (const [p, k] of [
      ['users', 'user'],
      ['groups', 'group'],
      ['roles', 'role'],
    ] as const) {
      for (const [v, at] of this.refList(props, p, loc)) st.targets.push({ kind: k, value: this.identityRef(v, at), loc: at });
    }
    thing.state = st;
    this.records.policies.push(st);
  }

  private cfnIdentity(q: string, thing: Thing, node: CNode, props: Val | undefined, site: Site): void {
    const kind = q === 'aws-iam.CfnRole' ? 'role' : q === 'aws-iam.CfnUser' ? 'user' : 'group';
    const cfnType = kind === 'role' ? 'AWS::IAM::Role' : kind === 'user' ? 'AWS::IAM::User' : 'AWS::IAM::Group';
    const st = this.identity(kind, node, thing, cfnType, node.path);
    const loc = this.loc(site);
    if (kind === 'role') {
      const trust = prop(props, 'assumeRolePolicyDocument');
      if (trust) st.trustDoc = this.documentOf(trust, loc);
    }
    for (const p of itemsOf(prop(props, 'policies'))) {
      const doc = prop(p, 'policyDocument');
      if (doc) st.inline.push({ name: prop(p, 'policyName') ?? unk('policyName', locOfVal(p, loc)), doc: this.documentOf(doc, loc) });
    }
    st.managed.push(...itemsOf(prop(props, 'managedPolicyArns')));
    const boundary = prop(props, 'permissionsBoundary');
    if (boundary && kind !== 'group') st.boundary = boundary;
    const name = prop(props, kind === 'role' ? 'roleName' : kind === 'user' ? 'userName' : 'groupName');
    if (name) st.name = name;
    if (kind === 'user') {
      st.groups.push(...itemsOf(prop(props, 'groups')));
      const lp = propEntry(props, 'loginProfile');
      if (lp) {
        st.loginProfile = lp.keyLoc;
        const pw = prop(lp.value, 'password');
        if (pw) this.records.textValues.push({ node, cfnType, resourcePath: node.path, name: 'Properties/LoginProfile/Password', value: pw });
      }
    }
  }

  private cfnPolicy(q: string, thing: Thing, node: CNode, props: Val | undefined, site: Site): void {
    const loc = this.loc(site);
    const managed = q === 'aws-iam.CfnManagedPolicy';
    const cfnType = `AWS::IAM::${q.slice('aws-iam.Cfn'.length)}`;
    const st: PolicyState = { t: 'policy', kind: managed ? 'managed' : 'inline', node, cfnType, resourcePath: node.path, doc: this.documentOf(prop(props, 'policyDocument'), loc), targets: [] };
    const name = prop(props, managed ? 'managedPolicyName' : 'policyName');
    if (name) st.name = name;
    const targetProps: [string, Target['kind']][] =
      q === 'aws-iam.CfnRolePolicy' ? [['roleName', 'role']] : q === 'aws-iam.CfnUserPolicy' ? [['userName', 'user']] : q === 'aws-iam.CfnGroupPolicy' ? [['groupName', 'group']] : [['users', 'user'], ['groups', 'group'], ['roles', 'role']];
    for (const [p, k] of targetProps) for (const v of itemsOf(prop(props, p))) st.targets.push({ kind: k, value: v, loc: locOfVal(v, loc) });
    thing.state = st;
    this.records.policies.push(st);
  }

  /**
   * The items of a list property with where each is written: a value's own span, or for a construct (which keeps
   * only where it was created) the span of the list.
   */
  private refList(props: Val | undefined, name: string, fallback: Location): [Val, Location][] {
    const list = propEntry(props, name);
    if (!list) return [];
    const at = locOfVal(list.value, list.keyLoc);
    return itemsOf(list.value).map((v) => [v, v.k === 'inst' ? at : locOfVal(v, fallback)]);
  }

  /** A value naming an identity: the identity construct as a reference, or the value as written. */
  private identityRef(v: Val, loc: Location): Val {
    if (v.k === 'inst') {
      const s = v.o.state;
      if (s?.t === 'identity' && s.imported) return s.name ?? unk(s.node.path, loc);
      if (v.o.node) return this.refTo(v.o.node, loc, v.o.node.path);
    }
    return v;
  }

  /** A managed policy value as the ARN CDK writes (`fromAwsManagedPolicyName('X')` -> `arn:aws:iam::aws:policy/X`). */
  private managedArn(v: Val, loc: Location): Val {
    if (v.k !== 'inst') return v;
    const s = v.o.state;
    if (s?.t === 'managed-ref') return s.arn;
    if (s?.t === 'policy' && v.o.node) return this.refTo(v.o.node, loc, v.o.node.path, 'Arn');
    if (v.o.node) return this.refTo(v.o.node, loc);
    return unk('managedPolicy', loc);
  }

  /** The policy CDK creates for an identity's `addToPolicy` (`DefaultPolicy`; `Policy` for an imported role). */
  private defaultPolicy(id: IdentityState, loc: Location): PolicyState {
    if (id.defaultPolicy) return id.defaultPolicy;
    const n = this.interp.implicitNode(id.node, id.imported ? 'Policy' : 'DefaultPolicy', loc);
    const target: Target = { kind: id.kind, value: id.imported ? (id.name ?? unk(id.node.path, loc)) : this.refTo(id.node, loc), loc };
    const p: PolicyState = { t: 'policy', kind: 'inline', node: n, cfnType: 'AWS::IAM::Policy', resourcePath: `${n.path}/Resource`, doc: { t: 'document', loc, statements: [] }, targets: [target] };
    id.defaultPolicy = p;
    this.records.policies.push(p);
    return p;
  }

  /** The identity behind a grantee: a role, user or group, or the role a function (or other construct) runs with. */
  private granteeIdentity(v: Val | undefined, loc: Location): IdentityState | undefined {
    if (v?.k !== 'inst') return undefined;
    const s = v.o.state;
    if (s?.t === 'identity') return s;
    if (s?.t === 'function') return s.role.state?.t === 'identity' ? s.role.state : undefined;
    if (s?.t === 'construct') {
      const role = this.implicitRole(v.o, loc);
      return role?.state?.t === 'identity' ? role.state : undefined;
    }
    return undefined;
  }

  /** The role a construct runs with, created on first use when CDK would create one. */
  private implicitRole(thing: Thing, loc: Location): Thing | undefined {
    const s = thing.state;
    if (s?.t === 'function') return s.role;
    if (s?.t !== 'construct' || !thing.node) return undefined;
    if (s.role) return s.role;
    const q = thing.cls.kind === 'lib' ? `${thing.cls.module}.${thing.cls.name}` : '';
    const n = this.interp.implicitNode(thing.node, ROLE_IDS[q] ?? 'Role', loc);
    const role = new Thing({ kind: 'lib', module: 'aws-iam', name: 'Role' }, loc, n);
    n.thing = role;
    this.identity('role', n, role, 'AWS::IAM::Role', `${n.path}/Resource`);
    s.role = role;
    return role;
  }

  /** A statement CDK writes for a grant whose actions the call gives (`x.grant(grantee, 'a', 'b')`). */
  private grantStatement(grantee: Val | undefined, actions: Val[], resources: Val[], loc: Location): boolean {
    const id = this.granteeIdentity(grantee, loc);
    if (!id) return false;
    const st: StatementState = {
      t: 'statement',
      loc,
      lists: { Action: { keyLoc: loc, loc, items: actions }, Resource: { keyLoc: loc, loc, items: resources } },
      conditions: [],
    };
    this.defaultPolicy(id, loc).doc.statements.push(st);
    return true;
  }

  /**
   * `x.addToPolicy(statement)` (and the like) where `x` cannot be seen (a prop, an imported role): the statements are
   * still linted, in a policy named after the expression (`${props.role}/DefaultPolicy`) that names no identity.
   */
  statementOnUnknown(method: string, receiver: string, args: Val[], node: TSESTree.CallExpression, ctx: { mod: ModuleRef }): Val | undefined {
    const identity = method === 'addToPolicy' || method === 'addToPrincipalPolicy' || method === 'addToRolePolicy';
    const resource = method === 'addToResourcePolicy';
    if ((!identity && !resource) || !args[0]) return undefined;
    const loc = this.interp.loc(ctx, node);
    const root = this.interp.orphan(receiver, loc);
    const statement = this.statementOf(args[0], loc);
    if (identity) {
      const n = this.interp.implicitNode(root, 'DefaultPolicy', loc);
      let p = this.records.policies.find((x) => x.node === n);
      if (!p) {
        p = { t: 'policy', kind: 'inline', node: n, cfnType: 'AWS::IAM::Policy', resourcePath: `${n.path}/Resource`, doc: { t: 'document', loc, statements: [] }, targets: [] };
        this.records.policies.push(p);
      }
      p.doc.statements.push(statement);
    } else {
      const n = this.interp.implicitNode(root, 'Policy', loc);
      let rp = this.records.resourcePolicies.find((x) => x.node === n);
      if (!rp) {
        rp = { t: 'resource-policy', node: n, cfnType: 'resource-policy', resourcePath: `${n.path}/Resource`, doc: { t: 'document', loc, statements: [] }, propertyPath: ['Properties', 'PolicyDocument'] };
        this.records.resourcePolicies.push(rp);
      }
      rp.doc.statements.push(statement);
    }
    return unk('result', loc);
  }

  /** `x.grantRead(grantee)` where `x` is unknown (a prop, an imported resource): the grant, without its resource. */
  grantOnUnknown(method: string, args: Val[], node: TSESTree.CallExpression, ctx: { mod: ModuleRef }): Val {
    const loc = this.interp.loc(ctx, node);
    const grantee = args[0];
    this.records.grants.push({ t: 'grant', grantee: grantee ? this.identityRef(grantee, loc) : unk('grantee', loc), method, loc });
    return unk('grant', loc);
  }

  private recordGrant(thing: Thing, method: string, grantee: Val | undefined, loc: Location): void {
    const s = thing.state;
    const resource = thing.node;
    this.records.grants.push({
      t: 'grant',
      ...(resource ? { resource } : {}),
      ...(s && 'cfnType' in s ? { resourceType: s.cfnType, resourcePath: s.resourcePath } : {}),
      grantee: grantee ? this.identityRef(grantee, loc) : unk('grantee', loc),
      method,
      loc,
    });
  }

  // ---- resource policies -----------------------------------------------------------------------------------

  private holder(q: string, thing: Thing, node: CNode, props: Val | undefined, site: Site): void {
    const spec = HOLDERS[q] as Omit<HolderState, 't' | 'node' | 'resourcePath' | 'policy'>;
    const st: HolderState = { t: 'holder', node, resourcePath: `${node.path}/Resource`, ...spec };
    thing.state = st;
    const loc = this.loc(site);
    if (q === 'aws-kms.Key') {
      const policy = prop(props, 'policy');
      const doc: DocumentState = policy ? this.documentOf(policy, loc) : { t: 'document', loc, statements: [] };
      if (!policy) {
        // CDK's default key policy: the account may do anything with the key through IAM.
        const root = this.principal('aws-iam.AccountRootPrincipal', [], loc) as PrincipalState;
        doc.statements.push({ t: 'statement', loc, lists: { Action: { keyLoc: loc, loc, items: [lit('kms:*', loc)] }, Resource: { keyLoc: loc, loc, items: [lit('*', loc)] } }, principals: { keyLoc: loc, loc, items: [root] }, conditions: [] });
      }
      st.policy = this.resourcePolicy(st, doc);
    }
    const ssl = propEntry(props, 'enforceSSL');
    const tlsAction = TLS_ACTIONS[q];
    if (ssl && tlsAction && ssl.value.k === 'lit' && ssl.value.v === true) {
      const l = { ...ssl.keyLoc, endLine: ssl.value.loc.endLine, endColumn: ssl.value.loc.endColumn };
      const arn = this.refTo(node, l, `${node.path}.${spec.arnAttribute}`, 'Arn');
      const resources: Val[] = q === 'aws-s3.Bucket' ? [arn, fromParts([...(asTemplateParts(arn) ?? []), '/*'], l)] : [arn];
      const any = this.principal('aws-iam.AnyPrincipal', [], l) as PrincipalState;
      this.holderPolicy(st, l).doc.statements.push({
        t: 'statement',
        loc: l,
        effect: { value: lit('Deny', l), keyLoc: l },
        lists: { Action: { keyLoc: l, loc: l, items: [lit(tlsAction, l)] }, Resource: { keyLoc: l, loc: l, items: resources } },
        principals: { keyLoc: l, loc: l, items: [any] },
        conditions: [{ op: 'Bool', opLoc: l, key: 'aws:SecureTransport', keyLoc: l, value: lit('false', l) }],
      });
    }
    if (q === 'aws-s3.Bucket') {
      const auto = prop(props, 'autoDeleteObjects');
      const stack = node.stack();
      if (auto?.k === 'lit' && auto.v === true && stack) this.interp.implicitNode(stack, 'Custom::S3AutoDeleteObjectsCustomResourceProvider', node.head);
    }
  }

  private resourcePolicy(holder: HolderState, doc: DocumentState): ResourcePolicyState {
    const child = holder.policyChild;
    const node = child ? this.interp.implicitNode(holder.node, child.id, doc.loc) : holder.node;
    const rp: ResourcePolicyState = {
      t: 'resource-policy',
      node,
      cfnType: child ? child.cfnType : holder.cfnType,
      resourcePath: child ? `${node.path}/Resource` : holder.resourcePath,
      doc,
      protects: { node: holder.node, cfnType: holder.cfnType, resourcePath: holder.resourcePath },
      propertyPath: child ? child.propertyPath : (holder.policyProperty ?? ['Properties', 'Policy']),
    };
    this.records.resourcePolicies.push(rp);
    return rp;
  }

  private holderPolicy(holder: HolderState, loc: Location): ResourcePolicyState {
    holder.policy ??= this.resourcePolicy(holder, { t: 'document', loc, statements: [] });
    return holder.policy;
  }

  /** `new s3.BucketPolicy(scope, id, { bucket })`: a policy construct whose `document` gets statements. */
  private explicitResourcePolicy(q: string, thing: Thing, node: CNode, props: Val | undefined, site: Site): void {
    const loc = this.loc(site);
    const type = q === 'aws-s3.BucketPolicy' ? 'AWS::S3::BucketPolicy' : q === 'aws-sns.TopicPolicy' ? 'AWS::SNS::TopicPolicy' : 'AWS::SQS::QueuePolicy';
    const protectedVal = itemsOf(prop(props, q === 'aws-s3.BucketPolicy' ? 'bucket' : q === 'aws-sns.TopicPolicy' ? 'topics' : 'queues'))[0];
    const target = protectedVal?.k === 'inst' && protectedVal.o.state?.t === 'holder' ? protectedVal.o.state : undefined;
    const doc: DocumentState = { t: 'document', loc, statements: [] };
    const docProp = prop(props, 'policyDocument');
    if (docProp) Object.assign(doc, this.documentOf(docProp, loc));
    const rp: ResourcePolicyState = {
      t: 'resource-policy',
      node,
      cfnType: type,
      resourcePath: `${node.path}/Resource`,
      doc,
      ...(target ? { protects: { node: target.node, cfnType: target.cfnType, resourcePath: target.resourcePath } } : {}),
      propertyPath: ['Properties', 'PolicyDocument'],
    };
    thing.state = rp;
    this.records.resourcePolicies.push(rp);
  }

  private cfnResourcePolicy(q: string, thing: Thing, node: CNode, props: Val | undefined): void {
    const spec: Record<string, [string, string, string | undefined]> = {
      'aws-s3.CfnBucketPolicy': ['AWS::S3::BucketPolicy', 'policyDocument', 'PolicyDocument'],
      'aws-sns.CfnTopicPolicy': ['AWS::SNS::TopicPolicy', 'policyDocument', 'PolicyDocument'],
      'aws-sqs.CfnQueuePolicy': ['AWS::SQS::QueuePolicy', 'policyDocument', 'PolicyDocument'],
      'aws-kms.CfnKey': ['AWS::KMS::Key', 'keyPolicy', 'KeyPolicy'],
      'aws-ecr.CfnRepository': ['AWS::ECR::Repository', 'repositoryPolicyText', 'RepositoryPolicyText'],
      'aws-secretsmanager.CfnResourcePolicy': ['AWS::SecretsManager::ResourcePolicy', 'resourcePolicy', 'ResourcePolicy'],
    };
    const [cfnType, p, cfnProp] = spec[q] as [string, string, string];
    const v = prop(props, p);
    if (!v) return;
    const rp: ResourcePolicyState = { t: 'resource-policy', node, cfnType, resourcePath: node.path, doc: this.documentOf(v, node.loc), propertyPath: ['Properties', cfnProp] };
    thing.state = rp;
    this.records.resourcePolicies.push(rp);
  }

  // ---- Lambda ----------------------------------------------------------------------------------------------

  private lambdaFunction(thing: Thing, node: CNode, props: Val | undefined, site: Site): void {
    const loc = this.loc(site);
    const given = prop(props, 'role');
    let role: Thing;
    if (given?.k === 'inst' && given.o.state?.t === 'identity') role = given.o;
    else {
      const n = this.interp.implicitNode(node, 'ServiceRole', node.head);
      role = new Thing({ kind: 'lib', module: 'aws-iam', name: 'Role' }, node.head, n);
      n.thing = role;
      const st = this.identity('role', n, role, 'AWS::IAM::Role', `${n.path}/Resource`);
      const svc = this.principal('aws-iam.ServicePrincipal', [lit('lambda.amazonaws.com', node.head)], node.head) as PrincipalState;
      st.trust = { keyLoc: node.head, principals: [svc], externalIds: [] };
      st.managed.push(lit(LAMBDA_BASIC_EXECUTION, node.head));
      if (prop(props, 'vpc')) st.managed.push(lit(LAMBDA_VPC_EXECUTION, node.head));
    }
    const fn: FunctionState = { t: 'function', node, cfnType: 'AWS::Lambda::Function', resourcePath: `${node.path}/Resource`, role };
    thing.state = fn;
    const initial = this.statements(prop(props, 'initialPolicy'), loc);
    if (initial.length && role.state?.t === 'identity') this.defaultPolicy(role.state, loc).doc.statements.push(...initial);
    const env = prop(props, 'environment');
    if (env?.k === 'obj') {
      for (const p of env.props) this.records.textValues.push({ node, cfnType: fn.cfnType, resourcePath: fn.resourcePath, name: `Properties/Environment/Variables/${p.key}`, value: p.value });
    }
  }

  /** `fn.addPermission(id, { principal, action, sourceArn, ... })`: a Lambda permission construct under the function. */
  private addPermission(fn: CNode, idVal: Val | undefined, perm: Val | undefined, site: Site): void {
    const loc = this.loc(site);
    const parts = idVal ? asTemplateParts(idVal) : undefined;
    const written = site.node.arguments[0] ? this.text(site, site.node.arguments[0], 40) : 'id';
    const id = (parts ?? [{ unknown: written }]).map((p) => (typeof p === 'string' ? p : `\${${p.unknown}}`)).join('').replace(/\//g, '--');
    const n = this.interp.implicitNode(fn, id, loc);
    const principalEntry = propEntry(perm, 'principal');
    const p = principalEntry ? this.principals(principalEntry.value, principalEntry.keyLoc)[0] : undefined;
    const principal = p ? (p.lambda ?? p.entries[0]?.value ?? unk('principal', loc)) : unk('principal', loc);
    const conditions: { key: string; value: Val }[] = [];
    const org = prop(perm, 'principalOrgId') ?? p?.orgId;
    if (org) conditions.push({ key: 'PrincipalOrgID', value: org });
    const auth = prop(perm, 'functionUrlAuthType');
    if (auth) conditions.push({ key: 'FunctionUrlAuthType', value: auth });
    const token = prop(perm, 'eventSourceToken');
    if (token) conditions.push({ key: 'EventSourceToken', value: token });
    const action = prop(perm, 'action') ?? lit('lambda:InvokeFunction', loc);
    const sourceArn = prop(perm, 'sourceArn');
    const sourceAccount = prop(perm, 'sourceAccount');
    this.records.permissions.push({
      t: 'permission',
      node: n,
      cfnType: 'AWS::Lambda::Permission',
      resourcePath: n.path,
      principal: principalEntry && p ? at(principal, p.loc) : principal,
      action,
      ...(sourceArn ? { sourceArn } : {}),
      ...(sourceAccount ? { sourceAccount } : {}),
      conditions,
      loc: principalEntry ? { ...principalEntry.keyLoc, endLine: p?.loc.endLine ?? principalEntry.keyLoc.endLine, endColumn: p?.loc.endColumn ?? principalEntry.keyLoc.endColumn } : loc,
    });
  }

  /** A function URL without IAM auth: the URL itself and the two permissions CDK adds let anyone invoke. */
  private publicUrl(urlNode: CNode, cfnType: string, resourcePath: string, authValue: Val, loc: Location): void {
    const star = lit('*', authValue.k === 'lit' ? authValue.loc : loc);
    const span = authValue.k === 'lit' ? { ...loc, endLine: authValue.loc.endLine, endColumn: authValue.loc.endColumn } : loc;
    this.records.permissions.push({ t: 'permission', node: urlNode, cfnType, resourcePath, principal: star, action: lit('lambda:InvokeFunctionUrl', span), conditions: [{ key: 'FunctionUrlAuthType', value: authValue }], loc: span });
  }

  // ---- method calls ----------------------------------------------------------------------------------------

  /** A method of a library instance; undefined when the call says nothing the linter models. */
  call(thing: Thing, name: string, args: Val[], node: TSESTree.CallExpression, ctx: { mod: ModuleRef }): Val | undefined {
    const site: Site = { node, mod: ctx.mod };
    const loc = this.loc(site);
    const s = thing.state;
    const done: Val = { k: 'undef', loc };
    switch (s?.t) {
      case 'statement':
        return this.statementMethod(s, name, args, loc) ? done : undefined;
      case 'principal':
      case 'principal-set': {
        const items = s.t === 'principal' ? [s] : s.items;
        if (name === 'withConditions') return this.principalValue(thing, items.map((p) => this.withConditions(p, args[0], loc)), loc);
        if (name === 'withSessionTags') return this.principalValue(thing, items.map((p) => ({ ...p, loc, actions: [...p.actions, 'sts:TagSession'] })), loc);
        if (name === 'addPrincipals' && s.t === 'principal-set') {
          s.items.push(...args.flatMap((a) => this.principals(a, loc)));
          return { k: 'inst', o: thing };
        }
        return undefined;
      }
      case 'document':
        if (name === 'addStatements') {
          s.statements.push(...args.map((a) => this.statementOf(a, loc)));
          return done;
        }
        return undefined;
      case 'policy':
        if (name === 'addStatements') {
          s.doc.statements.push(...args.map((a) => this.statementOf(a, loc)));
          return done;
        }
        if (name === 'attachToUser' || name === 'attachToGroup' || name === 'attachToRole') {
          const kind = name === 'attachToUser' ? 'user' : name === 'attachToGroup' ? 'group' : 'role';
          const v = args[0];
          if (v) s.targets.push({ kind, value: this.identityRef(v, loc), loc: locOfVal(v, loc) });
          return done;
        }
        return undefined;
      case 'identity':
        return this.identityMethod(thing, s, name, args, site);
      case 'function':
        return this.functionMethod(thing, s, name, args, site);
      case 'holder':
        return this.holderMethod(thing, s, name, args, site);
      case 'resource-policy':
        return undefined;
      case 'secret':
        if (name === 'unsafeUnwrap' || name === 'toString' || name === 'toJSON' || name === 'unsafeUnwrapToString') return s.of;
        return undefined;
      default:
        break;
    }
    if (name === 'addToRolePolicy' || name === 'addToPrincipalPolicy' || name === 'addToTaskRolePolicy') {
      const role = this.implicitRole(thing, loc);
      if (role?.state?.t === 'identity' && args[0]) {
        this.defaultPolicy(role.state, loc).doc.statements.push(this.statementOf(args[0], loc));
        return done;
      }
    }
    if (name === 'grant' && thing.node && args.length > 1) {
      // x.grant(grantee, ...actions): the actions given, on the resource's ARN (documented for tables, queues, keys...).
      if (this.grantStatement(args[0], args.slice(1), [this.refTo(thing.node, loc, `${thing.node.path}.arn`, 'Arn')], loc)) return unk('grant', loc);
    }
    if (name.startsWith('grant') && thing.node) {
      this.recordGrant(thing, name, args[0], loc);
      return unk('grant', loc);
    }
    return undefined;
  }

  private principalValue(thing: Thing, items: PrincipalState[], loc: Location): Val {
    const cls = thing.cls.kind === 'lib' ? thing.cls : { kind: 'lib' as const, module: 'aws-iam', name: 'PrincipalWithConditions' };
    return items.length === 1 ? this.valueThing(cls, loc, items[0] as PrincipalState) : this.valueThing(cls, loc, { t: 'principal-set', items });
  }

  private statementMethod(s: StatementState, name: string, args: Val[], loc: Location): boolean {
    const addList = (key: ListKey, values: Val[]): void => {
      const list = (s.lists[key] ??= { keyLoc: loc, loc, items: [] });
      list.items.push(...values);
    };
    const addPrincipals = (ps: PrincipalState[], not = false): void => {
      const target = not ? (s.notPrincipals ??= { keyLoc: loc, loc, items: [] }) : (s.principals ??= { keyLoc: loc, loc, items: [] });
      target.items.push(...ps);
    };
    switch (name) {
      case 'addActions':
        addList('Action', args);
        return true;
      case 'addNotActions':
        addList('NotAction', args);
        return true;
      case 'addResources':
        addList('Resource', args);
        return true;
      case 'addNotResources':
        addList('NotResource', args);
        return true;
      case 'addAllResources':
        addList('Resource', [lit('*', loc)]);
        return true;
      case 'addPrincipals':
        addPrincipals(args.flatMap((a) => this.principals(a, loc)));
        return true;
      case 'addNotPrincipals':
        addPrincipals(
          args.flatMap((a) => this.principals(a, loc)),
          true,
        );
        return true;
      case 'addAnyPrincipal':
        addPrincipals([this.principal('aws-iam.AnyPrincipal', [], loc) as PrincipalState]);
        return true;
      case 'addAccountRootPrincipal':
        addPrincipals([this.principal('aws-iam.AccountRootPrincipal', [], loc) as PrincipalState]);
        return true;
      case 'addArnPrincipal':
        addPrincipals([this.principal('aws-iam.ArnPrincipal', args, loc) as PrincipalState]);
        return true;
      case 'addAwsAccountPrincipal':
        addPrincipals([this.principal('aws-iam.AccountPrincipal', args, loc) as PrincipalState]);
        return true;
      case 'addServicePrincipal':
        addPrincipals([this.principal('aws-iam.ServicePrincipal', args, loc) as PrincipalState]);
        return true;
      case 'addFederatedPrincipal':
        addPrincipals([this.principal('aws-iam.FederatedPrincipal', args, loc) as PrincipalState]);
        return true;
      case 'addCanonicalUserPrincipal':
        addPrincipals([this.principal('aws-iam.CanonicalUserPrincipal', args, loc) as PrincipalState]);
        return true;
      case 'addCondition': {
        const [op, key, value] = args;
        const o = str(op);
        const k = str(key);
        if (o !== undefined && k !== undefined && value) s.conditions.push({ op: o, opLoc: locOfVal(op as Val, loc), key: k, keyLoc: locOfVal(key as Val, loc), value });
        else s.unknownConditions = unk('addCondition(...)', loc);
        s.conditionKeyLoc ??= loc;
        return true;
      }
      case 'addConditions': {
        const parsed = conditionEntries(args[0] ?? unk('conditions', loc));
        s.conditions.push(...parsed.entries);
        if (parsed.unknown) s.unknownConditions = parsed.unknown;
        s.conditionKeyLoc ??= loc;
        return true;
      }
      case 'addAccountCondition':
        s.conditions.push({ op: 'StringEquals', opLoc: loc, key: 'sts:ExternalId', keyLoc: loc, value: args[0] ?? unk('accountId', loc) });
        return true;
      case 'addSourceAccountCondition':
        s.conditions.push({ op: 'StringEquals', opLoc: loc, key: 'aws:SourceAccount', keyLoc: loc, value: args[0] ?? unk('accountId', loc) });
        return true;
      case 'addSourceArnCondition':
        s.conditions.push({ op: 'ArnEquals', opLoc: loc, key: 'aws:SourceArn', keyLoc: loc, value: args[0] ?? unk('arn', loc) });
        return true;
      default:
        return false;
    }
  }

  private identityMethod(thing: Thing, s: IdentityState, name: string, args: Val[], site: Site): Val | undefined {
    const loc = this.loc(site);
    const done: Val = { k: 'undef', loc };
    const [a0] = args;
    switch (name) {
      case 'addToPolicy':
      case 'addToPrincipalPolicy':
        if (a0) this.defaultPolicy(s, loc).doc.statements.push(this.statementOf(a0, loc));
        return unk('result', loc);
      case 'attachInlinePolicy':
        if (a0?.k === 'inst' && a0.o.state?.t === 'policy') a0.o.state.targets.push({ kind: s.kind, value: s.imported ? (s.name ?? unk(s.node.path, loc)) : this.refTo(s.node, loc), loc });
        return done;
      case 'addManagedPolicy':
        if (a0) s.managed.push(this.managedArn(a0, loc));
        return done;
      case 'addToGroup':
        if (s.kind === 'user' && a0) s.groups.push(this.identityRef(a0, loc));
        return done;
      case 'addUser':
        if (s.kind === 'group' && a0?.k === 'inst' && a0.o.state?.t === 'identity') a0.o.state.groups.push(this.refTo(s.node, loc));
        return done;
      case 'grantPassRole':
        if (!this.grantStatement(a0, [lit('iam:PassRole', loc)], [this.refTo(s.node, loc, `${s.node.path}.roleArn`, 'Arn')], loc)) this.recordGrant(thing, name, a0, loc);
        return unk('grant', loc);
      case 'grantAssumeRole':
        if (!this.grantStatement(a0, [lit('sts:AssumeRole', loc)], [this.refTo(s.node, loc, `${s.node.path}.roleArn`, 'Arn')], loc)) this.recordGrant(thing, name, a0, loc);
        return unk('grant', loc);
      case 'grant':
        if (!this.grantStatement(a0, args.slice(1), [this.refTo(s.node, loc, `${s.node.path}.arn`, 'Arn')], loc)) this.recordGrant(thing, name, a0, loc);
        return unk('grant', loc);
      case 'withoutPolicyUpdates':
        return { k: 'inst', o: thing };
      default:
        if (name.startsWith('grant')) {
          this.recordGrant(thing, name, a0, loc);
          return unk('grant', loc);
        }
        return undefined;
    }
  }

  private functionMethod(thing: Thing, s: FunctionState, name: string, args: Val[], site: Site): Val | undefined {
    const loc = this.loc(site);
    const [a0, a1] = args;
    switch (name) {
      case 'addToRolePolicy':
        if (a0 && s.role.state?.t === 'identity') this.defaultPolicy(s.role.state, loc).doc.statements.push(this.statementOf(a0, loc));
        return { k: 'undef', loc };
      case 'addPermission':
        this.addPermission(s.node, a0, a1, site);
        return { k: 'undef', loc };
      case 'addFunctionUrl': {
        const urlNode = this.interp.implicitNode(s.node, 'FunctionUrl', loc);
        const auth = propEntry(a0, 'authType');
        if (auth && str(auth.value) === 'NONE') {
          this.publicUrl(urlNode, 'AWS::Lambda::Url', `${urlNode.path}/Resource`, auth.value, auth.keyLoc);
          for (const [id, action] of [
            ['invoke-function-url', 'lambda:InvokeFunctionUrl'],
            ['invoke-function', 'lambda:InvokeFunction'],
          ] as const) {
            const n = this.interp.implicitNode(s.node, id, loc);
            const end = locOfVal(auth.value, loc);
            const span = { ...auth.keyLoc, endLine: end.endLine, endColumn: end.endColumn };
            const conditions = action === 'lambda:InvokeFunctionUrl' ? [{ key: 'FunctionUrlAuthType', value: auth.value }] : [];
            this.records.permissions.push({ t: 'permission', node: n, cfnType: 'AWS::Lambda::Permission', resourcePath: n.path, principal: lit('*', span), action: lit(action, span), conditions, loc: span });
          }
        }
        const t = new Thing({ kind: 'lib', module: 'aws-lambda', name: 'FunctionUrl' }, loc, urlNode);
        urlNode.thing = t;
        return { k: 'inst', o: t };
      }
      case 'grantInvoke':
      case 'grantInvokeUrl': {
        const ps = a0?.k === 'inst' && (a0.o.state?.t === 'principal' || a0.o.state?.t === 'principal-set') ? this.principals(a0, loc) : [];
        if (ps.length) {
          // A service or account principal: CDK adds a permission to the function (its id is a hash).
          this.addPermission(s.node, { k: 'tpl', parts: ['Invoke', { unknown: 'hash' }], loc }, { k: 'obj', loc, props: [{ key: 'principal', keyLoc: loc, value: a0 as Val }] }, site);
          return unk('grant', loc);
        }
        this.recordGrant(thing, name, a0, loc);
        return unk('grant', loc);
      }
      default:
        if (name.startsWith('grant')) {
          this.recordGrant(thing, name, a0, loc);
          return unk('grant', loc);
        }
        return undefined;
    }
  }

  private holderMethod(thing: Thing, s: HolderState, name: string, args: Val[], site: Site): Val | undefined {
    const loc = this.loc(site);
    const [a0] = args;
    switch (name) {
      case 'addToResourcePolicy':
        if (a0) this.holderPolicy(s, loc).doc.statements.push(this.statementOf(a0, loc));
        return unk('result', loc);
      case 'grantPublicAccess': {
        // bucket.grantPublicAccess(keyPrefix = '*', ...allowedActions = ['s3:GetObject']): documented.
        const prefix = str(a0) ?? (a0 && a0.k !== 'undef' ? undefined : '*');
        const arn = this.refTo(s.node, loc, `${s.node.path}.bucketArn`, 'Arn');
        const resource = prefix !== undefined ? fromParts([...(asTemplateParts(arn) ?? []), `/${prefix}`], loc) : unk('arnForObjects(...)', loc);
        const actions = args.length > 1 ? args.slice(1) : [lit('s3:GetObject', loc)];
        const any = this.principal('aws-iam.AnyPrincipal', [], loc) as PrincipalState;
        this.holderPolicy(s, loc).doc.statements.push({ t: 'statement', loc, lists: { Action: { keyLoc: loc, loc, items: actions }, Resource: { keyLoc: loc, loc, items: [resource] } }, principals: { keyLoc: loc, loc, items: [any] }, conditions: [] });
        return unk('grant', loc);
      }
      case 'arnForObjects':
        return this.arnForObjects(thing, a0, loc, this.text(site));
      case 'grant': {
        const arn = this.refTo(s.node, loc, `${s.node.path}.${s.arnAttribute}`, 'Arn');
        if (!this.grantStatement(a0, args.slice(1), [arn], loc)) this.recordGrant(thing, name, a0, loc);
        return unk('grant', loc);
      }
      default:
        if (name.startsWith('grant')) {
          this.recordGrant(thing, name, a0, loc);
          return unk('grant', loc);
        }
        return undefined;
    }
  }

  // ---- static calls ----------------------------------------------------------------------------------------

  callStatic(cls: LibClass, name: string, args: Val[], node: TSESTree.CallExpression, ctx: { mod: ModuleRef }): Val | undefined {
    const q = `${cls.module}.${cls.name}`;
    const site: Site = { node, mod: ctx.mod };
    const loc = this.loc(site);
    const [a0, a1, a2] = args;
    switch (`${q}.${name}`) {
      case 'aws-iam.ManagedPolicy.fromAwsManagedPolicyName': {
        const parts = a0 ? asTemplateParts(a0) : undefined;
        return this.valueThing(cls, loc, { t: 'managed-ref', arn: parts ? fromParts(['arn:aws:iam::aws:policy/', ...parts], loc) : unk(this.text(site), loc) });
      }
      case 'aws-iam.ManagedPolicy.fromManagedPolicyArn':
        return this.importedConstruct(cls, args, node, ctx, { t: 'managed-ref', arn: a2 ?? unk(this.text(site), loc) });
      case 'aws-iam.ManagedPolicy.fromManagedPolicyName': {
        const parts = a2 ? asTemplateParts(a2) : undefined;
        const arn = parts ? fromParts(['arn:aws:iam::', { unknown: 'AWS::AccountId', hint: 'this-account' }, ':policy/', ...parts], loc) : unk(this.text(site), loc);
        return this.importedConstruct(cls, args, node, ctx, { t: 'managed-ref', arn });
      }
      case 'aws-iam.PolicyStatement.fromJson': {
        const st: StatementState = { t: 'statement', loc, lists: {}, conditions: [], raw: a0 ? this.interp.located(a0) : { kind: 'unknown', text: 'json', loc } };
        return this.valueThing({ kind: 'lib', module: 'aws-iam', name: 'PolicyStatement' }, loc, st);
      }
      case 'aws-iam.Grant.addToPrincipal':
      case 'aws-iam.Grant.addToPrincipalOrResource':
      case 'aws-iam.Grant.addToPrincipalAndResource': {
        // iam.Grant.addToPrincipal({ grantee, actions, resourceArns }): the statement is written in the call.
        const grantee = prop(a0, 'grantee');
        if (!this.grantStatement(grantee, itemsOf(prop(a0, 'actions')), itemsOf(prop(a0, 'resourceArns')), loc)) {
          this.records.grants.push({ t: 'grant', grantee: grantee ? this.identityRef(grantee, loc) : unk('grantee', loc), method: `Grant.${name}`, loc });
        }
        return unk('grant', loc);
      }
      case 'aws-iam.PolicyDocument.fromJson':
        return this.valueThing({ kind: 'lib', module: 'aws-iam', name: 'PolicyDocument' }, loc, this.documentOf(a0, loc));
      case 'aws-iam.Role.fromRoleArn':
      case 'aws-iam.Role.fromRoleName':
      case 'aws-iam.User.fromUserName':
      case 'aws-iam.User.fromUserArn':
      case 'aws-iam.Group.fromGroupName':
      case 'aws-iam.Group.fromGroupArn': {
        const kind = cls.name === 'Role' ? 'role' : cls.name === 'User' ? 'user' : 'group';
        const v = this.importedConstruct(cls, args, node, ctx, undefined);
        if (v.k === 'inst' && v.o.node) {
          const st: IdentityState = { t: 'identity', kind, node: v.o.node, cfnType: `AWS::IAM::${cls.name}`, resourcePath: v.o.node.path, inline: [], managed: [], groups: [], imported: true };
          if (a2) st.name = a2;
          v.o.state = st;
          // Imported identities are not part of the unit: only policies created for them are.
        }
        return v;
      }
      case 'aws-iam.OpenIdConnectProvider.fromOpenIdConnectProviderArn': {
        const v = this.importedConstruct(cls, args, node, ctx, undefined);
        if (v.k === 'inst') v.o.fields.set('openIdConnectProviderArn', a2 ?? unk(this.text(site), loc));
        return v;
      }
      case 'core.Stack.of': {
        const n = a0?.k === 'inst' ? a0.o.node?.stack() : undefined;
        return n?.thing ? { k: 'inst', o: n.thing } : unk(this.text(site), loc);
      }
      case 'core.SecretValue.unsafePlainText':
      case 'core.SecretValue.plainText':
        return this.valueThing(cls, loc, { t: 'secret', of: a0 ?? unk('secret', loc) });
      case 'core.Fn.join': {
        const sep = str(a0);
        if (sep === undefined || a1?.k !== 'arr') return undefined;
        const parts: (string | { unknown: string })[] = [];
        for (const [i, item] of a1.items.entries()) {
          const p = asTemplateParts(item);
          if (!p) return undefined;
          if (i) parts.push(sep);
          parts.push(...p);
        }
        return fromParts(parts, loc);
      }
      case 'core.Arn.format': {
        const service = a0 ? asTemplateParts(prop(a0, 'service') ?? unk('service', loc)) : undefined;
        const resource = a0 ? asTemplateParts(prop(a0, 'resource') ?? unk('resource', loc)) : undefined;
        if (!service || !resource) return undefined;
        const region = prop(a0, 'region');
        const account = prop(a0, 'account');
        const name = prop(a0, 'resourceName');
        const sep = str(prop(a0, 'arnFormat')) === 'arn:aws:service:region:account:resource:resourceName' ? ':' : '/';
        const parts: (string | { unknown: string; hint?: 'this-account' })[] = ['arn:aws:', ...service, ':'];
        parts.push(...(region ? (asTemplateParts(region) ?? [{ unknown: 'AWS::Region' }]) : [{ unknown: 'AWS::Region' }]), ':');
        parts.push(...(account ? (asTemplateParts(account) ?? [{ unknown: 'account' }]) : [{ unknown: 'AWS::AccountId', hint: 'this-account' as const }]), ':');
        parts.push(...resource);
        if (name) parts.push(sep, ...(asTemplateParts(name) ?? [{ unknown: 'resourceName' }]));
        return fromParts(parts, loc);
      }
      default:
        return undefined;
    }
  }

  /** `X.fromXxx(scope, id, ...)`: a construct node that stands for something defined outside the app. */
  private importedConstruct(cls: LibClass, args: Val[], node: TSESTree.CallExpression, ctx: { mod: ModuleRef }, state: LibState | undefined): Val {
    const loc = this.interp.loc(ctx, node);
    const n = this.interp.createNode(args[0], args[1], node, ctx, 'construct');
    const t = new Thing(cls, loc, n);
    if (n) n.thing = t;
    t.state = state;
    return { k: 'inst', o: t };
  }

  // ---- attributes ------------------------------------------------------------------------------------------

  /** `thing.name`: attributes become references to the construct (`role.roleArn`); stacks know their account. */
  member(thing: Thing, name: string, loc: Location, text: string): Val {
    const s = thing.state;
    if (s?.t === 'secret') return unk(text, loc);
    if (s?.t === 'identity') {
      if (name === 'grantPrincipal' || name === 'principalAccount') return name === 'grantPrincipal' ? { k: 'inst', o: thing } : unk(text, loc);
      if (name === 'assumeRolePolicy' && s.kind === 'role') {
        s.trustDoc ??= { t: 'document', loc, statements: [] };
        const t = new Thing({ kind: 'lib', module: 'aws-iam', name: 'PolicyDocument' }, loc);
        t.state = s.trustDoc;
        return { k: 'inst', o: t };
      }
      if (s.imported && (name === 'roleName' || name === 'userName' || name === 'groupName') && s.name) return s.name;
    }
    if (s?.t === 'function' && (name === 'role' || name === 'grantPrincipal')) return { k: 'inst', o: s.role };
    if (s?.t === 'construct' && (name === 'role' || name === 'grantPrincipal' || name === 'taskRole')) {
      const role = this.implicitRole(thing, loc);
      return role ? { k: 'inst', o: role } : unk(text, loc);
    }
    if (s?.t === 'managed-ref' && name === 'managedPolicyArn') return s.arn;
    if (thing.cls.kind === 'lib' && thing.cls.name === 'AccessKey' && name === 'secretAccessKey' && thing.node) {
      const t = new Thing({ kind: 'lib', module: 'core', name: 'SecretValue' }, loc);
      t.state = { t: 'secret', of: this.refTo(thing.node, loc, text, 'SecretAccessKey') };
      return { k: 'inst', o: t };
    }
    const node = thing.node;
    if (node && (node.kind === 'stack' || node.kind === 'stage' || node.kind === 'app')) {
      if (name === 'account') return unk('AWS::AccountId', loc, { hint: 'this-account' });
      if (name === 'region') return unk('AWS::Region', loc);
      if (name === 'partition') return lit('aws', loc);
      if (name === 'urlSuffix') return lit('amazonaws.com', loc);
      return unk(text, loc);
    }
    if (!node) return unk(text, loc);
    if (name === 'node' || name === 'stack' || name === 'env') return unk(text, loc);
    if (name === 'ref') return this.refTo(node, loc, text);
    const attribute = name.startsWith('attr') ? name.slice(4) : /Arn$/.test(name) ? 'Arn' : /Name$/.test(name) ? 'Name' : /Id$/.test(name) ? 'Id' : name;
    return this.refTo(node, loc, text, attribute);
  }

  /** `bucket.arnForObjects('x/*')` and the like, on construct references. */
  arnForObjects(thing: Thing, pattern: Val | undefined, loc: Location, text: string): Val | undefined {
    if (!thing.node || thing.state?.t !== 'holder') return undefined;
    const arn = this.refTo(thing.node, loc, `${thing.node.path}.${thing.state.arnAttribute}`, 'Arn');
    const parts = pattern ? asTemplateParts(pattern) : undefined;
    return parts ? fromParts([...(asTemplateParts(arn) ?? []), '/', ...parts], loc) : unk(text, loc);
  }
}

// ---- helpers -------------------------------------------------------------------------------------------------

/** A value re-located at `loc` (principal values point at the principal expression). */
function at(v: Val, loc: Location): Val {
  switch (v.k) {
    case 'lit':
    case 'tpl':
    case 'unk':
    case 'undef':
      return { ...v, loc };
    default:
      return v;
  }
}

/** `arn:aws:iam::ACCOUNT:root` for an account value. */
function rootArn(acct: Val, loc: Location): Val {
  const parts = asTemplateParts(acct);
  if (!parts) return unk('accountRoot', loc);
  return fromParts(['arn:aws:iam::', ...parts, ':root'], loc);
}

/** Condition entries of a `{ Operator: { key: value } }` value; an unreadable part is returned as `unknown`. */
export function conditionEntries(v: Val): { entries: CondEntry[]; unknown?: Val } {
  if (v.k === 'undef') return { entries: [] };
  if (v.k !== 'obj') return { entries: [], unknown: v };
  const entries: CondEntry[] = [];
  let unknown: Val | undefined = v.open ? v : undefined;
  for (const op of v.props) {
    if (op.value.k === 'undef') continue;
    if (op.value.k !== 'obj') {
      unknown = op.value;
      continue;
    }
    if (op.value.open) unknown = op.value;
    for (const k of op.value.props) if (k.value.k !== 'undef') entries.push({ op: op.key, opLoc: op.keyLoc, key: k.key, keyLoc: k.keyLoc, value: k.value });
  }
  return unknown ? { entries, unknown } : { entries };
}

/** Access keys whose secret a value carries (`key.secretAccessKey.unsafeUnwrap()`), by address. */
function secretKeysIn(v: Val): string[] {
  const out: string[] = [];
  const visit = (x: Val): void => {
    if (x.k === 'unk' && x.ref?.attribute === 'SecretAccessKey') out.push(x.ref.address);
    else if (x.k === 'tpl') {
      for (const p of x.parts) if (typeof p !== 'string' && p.ref?.attribute === 'SecretAccessKey') out.push(p.ref.address);
    } else if (x.k === 'inst' && x.o.state?.t === 'secret') visit(x.o.state.of);
    else if (x.k === 'arr') x.items.forEach(visit);
    else if (x.k === 'obj') x.props.forEach((p) => visit(p.value));
  };
  visit(v);
  return out;
}

function sameText(a: Val, b: Val): boolean {
  return a.k === 'lit' && b.k === 'lit' && a.v === b.v;
}
