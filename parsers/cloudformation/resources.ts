/**
 * CloudFormation resource types to the IAM model: identities and their policies, standalone and managed
 * policies, resource policies, permission grants, account controls, and the literal settings credential checks
 * scan. One mapper per type; types not listed are left alone.
 */
import { toScalar } from '../../src/model/build-policy.js';
import type { AttachmentTarget, Identity } from '../../src/model/entities.js';
import type { Located, LocatedObject } from '../../src/model/located.js';
import { spanOf } from '../../src/model/location.js';
import type { PolicyDocument, PolicyKind } from '../../src/model/policy.js';
import type { ResourceRef } from '../../src/model/resource-ref.js';
import { scalarsOf, type ResourceContext } from './context.js';
import { environmentVariables, exposure, get, grant, items, lambdaPermission, missing, nameValueList, publicUrlGrant, textValue } from './helpers.js';
import { samMappers } from './sam.js';

type Mapper = (c: ResourceContext) => void;

/** Inline policies in a `Policies` list (role, user, group). */
function inlinePolicies(c: ResourceContext, owner?: ResourceRef): PolicyDocument[] {
  const out: PolicyDocument[] = [];
  items(c.prop('Policies')).forEach((p, i) => {
    const name = get(p, 'PolicyName');
    out.push(
      ...c.documents(get(p, 'PolicyDocument'), 'identity', ['Properties', 'Policies', i, 'PolicyDocument'], {
        ...(owner ? { owner } : {}),
        ...(name ? { name: toScalar(name) } : {}),
      }),
    );
  });
  return out;
}

function identity(c: ResourceContext, kind: Identity['kind'], nameProp: string): Identity {
  const id: Identity = { kind, ref: c.ref, inlinePolicies: inlinePolicies(c), managedPolicyArns: c.scalars('ManagedPolicyArns'), groups: [] };
  const name = c.scalar(nameProp);
  if (name) id.name = name;
  const boundary = c.scalar('PermissionsBoundary');
  if (boundary && kind !== 'group') id.permissionsBoundary = boundary;
  return id;
}

function targets(c: ResourceContext, props: [string, AttachmentTarget['kind']][]): AttachmentTarget[] {
  const out: AttachmentTarget[] = [];
  for (const [prop, kind] of props) for (const v of items(c.prop(prop))) out.push({ kind, value: toScalar(v), loc: v.loc });
  return out;
}

const IDENTITY_TARGETS: [string, AttachmentTarget['kind']][] = [
  ['Roles', 'role'],
  ['Users', 'user'],
  ['Groups', 'group'],
];

function policyResource(kind: 'managed' | 'inline', nameProp: string, targetProps: [string, AttachmentTarget['kind']][]): Mapper {
  return (c) => {
    const name = c.scalar(nameProp);
    const [document] = c.documents(c.prop('PolicyDocument'), 'identity', ['Properties', 'PolicyDocument'], name ? { name } : {});
    c.model.policies.push({ ref: c.ref, kind, ...(name ? { name } : {}), ...(document ? { document } : {}), targets: targets(c, targetProps) });
  };
}

/** Resource policies: the property (or nested path) that holds the document, and the property naming what it protects. */
const RESOURCE_POLICIES: Record<string, { path: string[]; protects?: string }> = {
  'AWS::S3::BucketPolicy': { path: ['PolicyDocument'], protects: 'Bucket' },
  'AWS::S3::AccessPoint': { path: ['Policy'] },
  'AWS::S3::MultiRegionAccessPointPolicy': { path: ['Policy'] },
  'AWS::S3Express::BucketPolicy': { path: ['PolicyDocument'], protects: 'Bucket' },
  'AWS::S3ObjectLambda::AccessPointPolicy': { path: ['PolicyDocument'] },
  'AWS::S3Outposts::BucketPolicy': { path: ['PolicyDocument'], protects: 'Bucket' },
  'AWS::SQS::QueuePolicy': { path: ['PolicyDocument'], protects: 'Queues' },
  'AWS::SQS::QueueInlinePolicy': { path: ['PolicyDocument'], protects: 'Queue' },
  'AWS::SNS::TopicPolicy': { path: ['PolicyDocument'], protects: 'Topics' },
  'AWS::SNS::TopicInlinePolicy': { path: ['PolicyDocument'], protects: 'TopicArn' },
  'AWS::KMS::Key': { path: ['KeyPolicy'] },
  'AWS::KMS::ReplicaKey': { path: ['KeyPolicy'] },
  'AWS::SecretsManager::ResourcePolicy': { path: ['ResourcePolicy'], protects: 'SecretId' },
  'AWS::ECR::Repository': { path: ['RepositoryPolicyText'] },
  'AWS::ECR::PublicRepository': { path: ['RepositoryPolicyText'] },
  'AWS::ECR::RegistryPolicy': { path: ['PolicyText'] },
  'AWS::Events::EventBus': { path: ['Policy'] },
  'AWS::Logs::ResourcePolicy': { path: ['PolicyDocument'] },
  'AWS::Logs::Destination': { path: ['DestinationPolicy'] },
  'AWS::OpenSearchService::Domain': { path: ['AccessPolicies'] },
  'AWS::Elasticsearch::Domain': { path: ['AccessPolicies'] },
  'AWS::EFS::FileSystem': { path: ['FileSystemPolicy'] },
  'AWS::ApiGateway::RestApi': { path: ['Policy'] },
  'AWS::Backup::BackupVault': { path: ['AccessPolicy'] },
  'AWS::CodeArtifact::Domain': { path: ['PermissionsPolicyDocument'] },
  'AWS::CodeArtifact::Repository': { path: ['PermissionsPolicyDocument'] },
  'AWS::MediaStore::Container': { path: ['Policy'] },
  'AWS::Kinesis::ResourcePolicy': { path: ['ResourcePolicy'], protects: 'ResourceArn' },
  'AWS::DynamoDB::Table': { path: ['ResourcePolicy', 'PolicyDocument'] },
  'AWS::CloudTrail::ResourcePolicy': { path: ['ResourcePolicy'], protects: 'ResourceArn' },
  'AWS::VpcLattice::AuthPolicy': { path: ['Policy'], protects: 'ResourceIdentifier' },
  'AWS::VpcLattice::ResourcePolicy': { path: ['Policy'], protects: 'ResourceArn' },
  'AWS::EC2::VPCEndpoint': { path: ['PolicyDocument'] },
  'AWS::Organizations::ResourcePolicy': { path: ['Content'] },
};

function resourcePolicy(spec: { path: string[]; protects?: string }): Mapper {
  return (c) => {
    const [first, ...rest] = spec.path as [string, ...string[]];
    let v = c.prop(first);
    for (const k of rest) v = get(v, k);
    const consumers = spec.protects ? c.referenced(c.prop(spec.protects)) : [];
    for (const d of c.documents(v, 'resource', ['Properties', ...spec.path])) d.consumers.push(...consumers);
  };
}

/** `AWS::Events::EventBusPolicy`: a `Statement` object, or the older `Action`/`Principal`/`Condition` form. */
function eventBusPolicy(c: ResourceContext): void {
  const st = c.prop('Statement');
  const stEntry = c.entry('Statement');
  if (st && stEntry) {
    const doc: LocatedObject = { kind: 'object', loc: st.loc, entries: [{ key: 'Statement', keyLoc: stEntry.keyLoc, value: st }] };
    c.documents(doc, 'resource', ['Properties', 'Statement']);
    return;
  }
  const action = c.prop('Action');
  const principal = c.prop('Principal');
  if (!action && !principal) return;
  const loc = c.props?.loc ?? c.ref.loc;
  const entries: LocatedObject['entries'] = [{ key: 'Effect', keyLoc: loc, value: { kind: 'scalar', value: 'Allow', loc } }];
  if (action) entries.push({ key: 'Action', keyLoc: c.entry('Action')?.keyLoc ?? loc, value: action });
  if (principal) {
    const keyLoc = c.entry('Principal')?.keyLoc ?? loc;
    const value: Located =
      principal.kind === 'scalar' && principal.value === '*'
        ? principal
        : { kind: 'object', loc: principal.loc, entries: [{ key: 'AWS', keyLoc, value: principal }] };
    entries.push({ key: 'Principal', keyLoc, value });
  }
  const cond = c.prop('Condition');
  const type = get(cond, 'Type');
  const key = get(cond, 'Key');
  const val = get(cond, 'Value');
  if (cond && type?.kind === 'scalar' && key?.kind === 'scalar' && val) {
    const keyLoc = c.entry('Condition')?.keyLoc ?? loc;
    entries.push({
      key: 'Condition',
      keyLoc,
      value: { kind: 'object', loc: cond.loc, entries: [{ key: String(type.value), keyLoc: type.loc, value: { kind: 'object', loc: cond.loc, entries: [{ key: String(key.value), keyLoc: key.loc, value: val }] } }] },
    });
  }
  const statement: LocatedObject = { kind: 'object', loc, entries };
  if (c.guard) statement.guard = c.guard;
  c.documents({ kind: 'object', loc, entries: [{ key: 'Statement', keyLoc: loc, value: statement }] }, 'resource', ['Properties']);
}

function userData(path: string[]): Mapper {
  return (c) => {
    const [first, ...rest] = path as [string, ...string[]];
    let v = c.prop(first);
    for (const k of rest) v = get(v, k);
    textValue(c, c.ref, ['Properties', ...path].join('/'), v);
  };
}

// ---- the table

export const MAPPERS: Record<string, Mapper> = {
  'AWS::IAM::Role': (c) => {
    const role = identity(c, 'role', 'RoleName');
    const [trust] = c.documents(c.prop('AssumeRolePolicyDocument'), 'trust', ['Properties', 'AssumeRolePolicyDocument']);
    if (trust) role.trust = trust;
    c.model.identities.push(role);
  },
  'AWS::IAM::User': (c) => {
    const user = identity(c, 'user', 'UserName');
    user.groups = c.scalars('Groups');
    const lp = c.entry('LoginProfile');
    const profile = c.prop('LoginProfile');
    if (lp && profile) {
      user.loginProfile = { loc: spanOf(lp.keyLoc, lp.value.loc) };
      textValue(c, c.ref, 'Properties/LoginProfile/Password', get(profile, 'Password'));
    }
    c.model.identities.push(user);
  },
  'AWS::IAM::Group': (c) => {
    c.model.identities.push(identity(c, 'group', 'GroupName'));
  },
  'AWS::IAM::Policy': policyResource('inline', 'PolicyName', IDENTITY_TARGETS),
  'AWS::IAM::ManagedPolicy': policyResource('managed', 'ManagedPolicyName', IDENTITY_TARGETS),
  'AWS::IAM::RolePolicy': policyResource('inline', 'PolicyName', [['RoleName', 'role']]),
  'AWS::IAM::UserPolicy': policyResource('inline', 'PolicyName', [['UserName', 'user']]),
  'AWS::IAM::GroupPolicy': policyResource('inline', 'PolicyName', [['GroupName', 'group']]),
  'AWS::IAM::UserToGroupAddition': (c) => {
    const group = c.scalar('GroupName') ?? missing(c, 'GroupName');
    for (const u of items(c.prop('Users'))) c.model.memberships.push({ ref: c.ref, user: toScalar(u), group, loc: u.loc });
  },
  'AWS::IAM::AccessKey': (c) => {
    const user = c.scalar('UserName');
    const status = c.scalar('Status');
    c.model.accessKeys.push({ ref: c.ref, ...(user ? { user } : {}), ...(status ? { status } : {}) });
  },
  'AWS::IAM::InstanceProfile': (c) => {
    const name = c.scalar('InstanceProfileName');
    c.model.instanceProfiles.push({ ref: c.ref, ...(name ? { name } : {}), roles: c.scalars('Roles') });
  },
  'AWS::IAM::OIDCProvider': (c) => {
    const url = c.scalar('Url');
    c.model.oidcProviders.push({ ref: c.ref, ...(url ? { url } : {}), clientIds: c.scalars('ClientIdList') });
  },
  'AWS::IAM::VirtualMFADevice': (c) => {
    c.model.mfaDevices.push({ ref: c.ref, users: c.scalars('Users') });
  },
  'AWS::Events::EventBusPolicy': eventBusPolicy,
  'AWS::Organizations::Policy': (c) => {
    const type = c.prop('Type');
    const t = type?.kind === 'scalar' ? type.value : undefined;
    const kind: PolicyKind | undefined = t === 'SERVICE_CONTROL_POLICY' ? 'scp' : t === 'RESOURCE_CONTROL_POLICY' ? 'resource' : undefined;
    if (kind) c.documents(c.prop('Content'), kind, ['Properties', 'Content']);
  },
  'AWS::SSO::PermissionSet': (c) => {
    c.documents(c.prop('InlinePolicy'), 'identity', ['Properties', 'InlinePolicy']);
  },
  'AWS::Lambda::Permission': lambdaPermission,
  'AWS::Lambda::LayerVersionPermission': (c) => {
    const action = c.scalar('Action');
    grant(c, c.scalar('Principal') ?? missing(c, 'Principal'), action ? { action } : {}, ['OrganizationId']);
  },
  'AWS::Lambda::Url': (c) => publicUrlGrant(c, c.prop('AuthType')),
  'AWS::Lambda::Function': (c) => {
    environmentVariables(c, c.prop('Environment'), 'Properties/Environment');
    textValue(c, c.ref, 'Properties/Code/ZipFile', get(c.prop('Code'), 'ZipFile'));
  },
  'AWS::ECS::TaskDefinition': (c) => {
    items(c.prop('ContainerDefinitions')).forEach((cd, i) => nameValueList(c, get(cd, 'Environment'), `Properties/ContainerDefinitions/${i}/Environment`));
  },
  'AWS::Batch::JobDefinition': (c) => nameValueList(c, get(c.prop('ContainerProperties'), 'Environment'), 'Properties/ContainerProperties/Environment'),
  'AWS::CodeBuild::Project': (c) => {
    const vars = get(c.prop('Environment'), 'EnvironmentVariables');
    // PARAMETER_STORE and SECRETS_MANAGER values are references, not secrets.
    const plain = items(vars).filter((v) => {
      const t = get(v, 'Type');
      return !t || (t.kind === 'scalar' && t.value === 'PLAINTEXT');
    });
    nameValueList(c, { kind: 'array', items: plain, loc: vars?.loc ?? c.ref.loc }, 'Properties/Environment/EnvironmentVariables');
  },
  'AWS::EC2::Instance': userData(['UserData']),
  'AWS::EC2::LaunchTemplate': userData(['LaunchTemplateData', 'UserData']),
  'AWS::AutoScaling::LaunchConfiguration': userData(['UserData']),
  'AWS::SSM::Parameter': (c) => exposure(c, c.prop('Value'), 'ssm-parameter'),
  'AWS::CloudTrail::Trail': (c) => {
    const t: ResourceContext['model']['account']['trails'][number] = { ref: c.ref };
    const set = (k: 'multiRegion' | 'logFileValidation' | 'kmsKey' | 'cloudWatchLogGroup', p: string): void => {
      const s = c.scalar(p);
      if (s) t[k] = s;
    };
    set('multiRegion', 'IsMultiRegionTrail');
    set('logFileValidation', 'EnableLogFileValidation');
    set('kmsKey', 'KMSKeyId');
    set('cloudWatchLogGroup', 'CloudWatchLogsLogGroupArn');
    c.model.account.trails.push(t);
  },
  'AWS::Config::ConfigurationRecorder': (c) => {
    const group = c.prop('RecordingGroup');
    const all = get(group, 'AllSupported');
    const global = get(group, 'IncludeGlobalResourceTypes');
    c.model.account.configRecorders.push({
      ref: c.ref,
      ...(all ? { allSupported: toScalar(all) } : {}),
      ...(global ? { includeGlobalResourceTypes: toScalar(global) } : {}),
      resourceTypes: scalarsOf(get(group, 'ResourceTypes')),
    });
  },
  'AWS::Logs::MetricFilter': (c) => {
    const [t] = items(c.prop('MetricTransformations'));
    const pattern = c.scalar('FilterPattern');
    const logGroup = c.scalar('LogGroupName');
    const name = get(t, 'MetricName');
    const ns = get(t, 'MetricNamespace');
    c.model.account.metricFilters.push({
      ref: c.ref,
      ...(pattern ? { pattern } : {}),
      ...(logGroup ? { logGroup } : {}),
      ...(name ? { metricName: toScalar(name) } : {}),
      ...(ns ? { metricNamespace: toScalar(ns) } : {}),
    });
  },
  'AWS::CloudWatch::Alarm': (c) => {
    let metricName = c.scalar('MetricName');
    let namespace = c.scalar('Namespace');
    if (!metricName) {
      // Metric math alarms name their metrics under Metrics[].MetricStat.Metric.
      for (const m of items(c.prop('Metrics'))) {
        const metric = get(get(m, 'MetricStat'), 'Metric');
        const n = get(metric, 'MetricName');
        if (!n) continue;
        metricName = toScalar(n);
        const ns = get(metric, 'Namespace');
        if (ns) namespace = toScalar(ns);
        break;
      }
    }
    c.model.account.alarms.push({ ref: c.ref, ...(metricName ? { metricName } : {}), ...(namespace ? { namespace } : {}) });
  },
  'AWS::SecretsManager::Secret': (c) => {
    c.model.account.secrets.push({ ref: c.ref });
  },
  'AWS::SecretsManager::RotationSchedule': (c) => {
    c.model.account.secretRotations.push({ ref: c.ref, secret: c.scalar('SecretId') ?? missing(c, 'SecretId') });
  },
  'AWS::AccessAnalyzer::Analyzer': (c) => {
    c.model.account.analyzers.push(c.ref);
  },
  ...Object.fromEntries(Object.entries(RESOURCE_POLICIES).map(([type, spec]) => [type, resourcePolicy(spec)])),
  ...samMappers(),
};
