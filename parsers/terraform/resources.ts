/**
 * AWS provider resource types -> the IAM model. One handler per type, run once per instance of the block
 * (`count` / `for_each`), with the block's own address (`TYPE.NAME`, inside modules `module.M.TYPE.NAME`).
 */
import { toScalar } from '../../src/model/build-policy.js';
import type { AttachmentTarget, Identity, PermissionGrant, PolicyResource } from '../../src/model/entities.js';
import type { Location } from '../../src/model/location.js';
import type { IamModel } from '../../src/model/model.js';
import type { PolicyDocument, PolicyKind } from '../../src/model/policy.js';
import type { ResourceRef } from '../../src/model/resource-ref.js';
import type { Scalar } from '../../src/model/scalar.js';
import { attrOf, type Block, type Body, type Expr, type FileCtx } from './ast.js';
import type { Evaluator, Scope } from './eval.js';
import { strText, toLocated, type Val } from './values.js';

/** What handlers need from the unit being built. */
export interface UnitApi {
  readonly model: IamModel;
  readonly ev: Evaluator;
  problem(message: string, loc: Location, owner?: ResourceRef): void;
  note(message: string, loc: Location): void;
  /** A policy document from a value (JSON text, `jsonencode`, a policy document data source); undefined if unknown. */
  document(v: Val, kind: PolicyKind, owner: ResourceRef, path: (string | number)[], name?: Scalar): PolicyDocument | undefined;
  /** Records the literal strings written in an expression as text values (credential scanning). */
  literals(expr: Expr, ctx: FileCtx, name: string, owner: ResourceRef): void;
}

export interface ResCtx {
  u: UnitApi;
  block: Block;
  body: Body;
  scope: Scope;
  ref: ResourceRef;
}

const val = (r: ResCtx, name: string): Val | undefined => r.u.ev.attr(r.body, name, r.scope);

function scalar(r: ResCtx, name: string, body: Body = r.body, scope: Scope = r.scope): Scalar | undefined {
  const a = attrOf(body, name);
  if (!a) return undefined;
  const v = r.u.ev.evalAttr(a, scope);
  if (v.k === 'null') return undefined;
  return toScalar(toLocated(v));
}

/** A list-valued attribute as scalars (a single value counts as a list of one). */
function scalars(r: ResCtx, name: string, body: Body = r.body, scope: Scope = r.scope): Scalar[] {
  const a = attrOf(body, name);
  if (!a) return [];
  const v = r.u.ev.evalAttr(a, scope);
  if (v.k === 'null') return [];
  if (v.k === 'list') return v.items.map((i) => toScalar(toLocated(i)));
  return [toScalar(toLocated(v))];
}

/** The `name = value` span of an attribute (the block when absent). */
function span(r: ResCtx, name: string, body: Body = r.body): Location {
  const a = attrOf(body, name);
  return a ? a.ctx.loc(a.ns, a.expr.e) : r.ref.loc;
}

function doc(r: ResCtx, attr: string, kind: PolicyKind, path: (string | number)[] = [attr], body: Body = r.body, scope: Scope = r.scope, name?: Scalar): PolicyDocument | undefined {
  const a = attrOf(body, attr);
  if (!a) return undefined;
  const v = r.u.ev.evalAttr(a, scope);
  return r.u.document(v, kind, r.ref, path, name);
}

function identity(r: ResCtx, kind: Identity['kind']): Identity {
  const id: Identity = { kind, ref: r.ref, inlinePolicies: [], managedPolicyArns: [], groups: [] };
  const name = scalar(r, 'name');
  if (name) id.name = name;
  return id;
}

function role(r: ResCtx): void {
  const id = identity(r, 'role');
  const trust = doc(r, 'assume_role_policy', 'trust');
  if (trust) id.trust = trust;
  r.u.ev.nested(r.body, 'inline_policy', r.scope).forEach((n, i) => {
    const name = scalar(r, 'name', n.body, n.scope);
    const d = doc(r, 'policy', 'identity', ['inline_policy', i, 'policy'], n.body, n.scope, name);
    if (d) id.inlinePolicies.push(d);
  });
  id.managedPolicyArns = scalars(r, 'managed_policy_arns');
  const pb = scalar(r, 'permissions_boundary');
  if (pb) id.permissionsBoundary = pb;
  r.u.model.identities.push(id);
}

function user(r: ResCtx): void {
  const id = identity(r, 'user');
  const pb = scalar(r, 'permissions_boundary');
  if (pb) id.permissionsBoundary = pb;
  r.u.model.identities.push(id);
}

function group(r: ResCtx): void {
  r.u.model.identities.push(identity(r, 'group'));
}

function policyResource(r: ResCtx, kind: PolicyResource['kind'], targetKind?: AttachmentTarget['kind']): void {
  const name = scalar(r, 'name');
  const p: PolicyResource = { ref: r.ref, kind, targets: [] };
  if (name) p.name = name;
  const d = doc(r, 'policy', 'identity', ['policy'], r.body, r.scope, name);
  if (d) p.document = d;
  if (targetKind) {
    const t = scalar(r, targetKind);
    if (t) p.targets.push({ kind: targetKind, value: t, loc: span(r, targetKind) });
  }
  r.u.model.policies.push(p);
}

function attachment(r: ResCtx, targetKind: AttachmentTarget['kind'], attr: string = targetKind, policyAttr = 'policy_arn'): void {
  const policy = scalar(r, policyAttr);
  const target = scalar(r, attr);
  if (!policy || !target) return;
  r.u.model.attachments.push({ ref: r.ref, policy, target: { kind: targetKind, value: target, loc: span(r, attr) }, loc: span(r, policyAttr) });
}

function policyAttachment(r: ResCtx): void {
  const policy = scalar(r, 'policy_arn');
  if (!policy) return;
  for (const [attr, kind] of [
    ['users', 'user'],
    ['roles', 'role'],
    ['groups', 'group'],
  ] as const) {
    for (const t of scalars(r, attr)) r.u.model.attachments.push({ ref: r.ref, policy, target: { kind, value: t, loc: span(r, attr) }, loc: span(r, 'policy_arn') });
  }
}

function resourcePolicy(attr: string): (r: ResCtx) => void {
  return (r) => {
    doc(r, attr, 'resource');
  };
}

function lambdaPermission(r: ResCtx): void {
  const principal = scalar(r, 'principal');
  if (!principal) return;
  const g: PermissionGrant = { ref: r.ref, principal, conditions: [], loc: span(r, 'principal') };
  const action = scalar(r, 'action');
  if (action) g.action = action;
  const sourceArn = scalar(r, 'source_arn');
  if (sourceArn) g.sourceArn = sourceArn;
  const sourceAccount = scalar(r, 'source_account');
  if (sourceAccount) g.sourceAccount = sourceAccount;
  const org = scalar(r, 'principal_org_id');
  if (org) g.conditions.push({ key: 'PrincipalOrgID', value: org });
  const urlAuth = scalar(r, 'function_url_auth_type');
  if (urlAuth) g.conditions.push({ key: 'FunctionUrlAuthType', value: urlAuth });
  r.u.model.permissionGrants.push(g);
}

/** A function URL with `authorization_type = "NONE"` lets anyone invoke the function. */
function lambdaFunctionUrl(r: ResCtx): void {
  const auth = scalar(r, 'authorization_type');
  if (auth?.kind !== 'literal' || auth.value !== 'NONE') return;
  const loc = span(r, 'authorization_type');
  r.u.model.permissionGrants.push({
    ref: r.ref,
    principal: { kind: 'literal', value: '*', type: 'string', loc },
    action: { kind: 'literal', value: 'lambda:InvokeFunctionUrl', type: 'string', loc },
    conditions: [{ key: 'FunctionUrlAuthType', value: auth }],
    loc,
  });
}

function set<T extends object, K extends keyof T>(o: T, k: K, v: T[K] | undefined): void {
  if (v !== undefined) o[k] = v;
}

const HANDLERS: Record<string, (r: ResCtx) => void> = {
  aws_iam_role: role,
  aws_iam_user: user,
  aws_iam_group: group,
  aws_iam_policy: (r) => policyResource(r, 'managed'),
  aws_iam_role_policy: (r) => policyResource(r, 'inline', 'role'),
  aws_iam_user_policy: (r) => policyResource(r, 'inline', 'user'),
  aws_iam_group_policy: (r) => policyResource(r, 'inline', 'group'),
  aws_iam_role_policy_attachment: (r) => attachment(r, 'role'),
  aws_iam_user_policy_attachment: (r) => attachment(r, 'user'),
  aws_iam_group_policy_attachment: (r) => attachment(r, 'group'),
  aws_iam_policy_attachment: policyAttachment,
  aws_iam_role_policies_exclusive: () => undefined,
  aws_iam_user_group_membership(r) {
    const u = scalar(r, 'user');
    if (!u) return;
    for (const g of scalars(r, 'groups')) r.u.model.memberships.push({ ref: r.ref, user: u, group: g, loc: span(r, 'groups') });
  },
  aws_iam_group_membership(r) {
    const g = scalar(r, 'group');
    if (!g) return;
    for (const u of scalars(r, 'users')) r.u.model.memberships.push({ ref: r.ref, user: u, group: g, loc: span(r, 'users') });
  },
  aws_iam_access_key(r) {
    const k: IamModel['accessKeys'][number] = { ref: r.ref };
    set(k, 'user', scalar(r, 'user'));
    set(k, 'status', scalar(r, 'status'));
    r.u.model.accessKeys.push(k);
  },
  aws_iam_user_login_profile(r) {
    const u = scalar(r, 'user');
    if (u) r.u.model.loginProfiles.push({ ref: r.ref, user: u });
  },
  aws_iam_virtual_mfa_device(r) {
    r.u.model.mfaDevices.push({ ref: r.ref, users: [] });
  },
  aws_iam_openid_connect_provider(r) {
    const p: IamModel['oidcProviders'][number] = { ref: r.ref, clientIds: scalars(r, 'client_id_list') };
    set(p, 'url', scalar(r, 'url'));
    r.u.model.oidcProviders.push(p);
  },
  aws_iam_account_password_policy(r) {
    const p: IamModel['account']['passwordPolicies'][number] = { ref: r.ref };
    set(p, 'minimumLength', scalar(r, 'minimum_password_length'));
    set(p, 'requireUppercase', scalar(r, 'require_uppercase_characters'));
    set(p, 'requireLowercase', scalar(r, 'require_lowercase_characters'));
    set(p, 'requireNumbers', scalar(r, 'require_numbers'));
    set(p, 'requireSymbols', scalar(r, 'require_symbols'));
    set(p, 'maxAge', scalar(r, 'max_password_age'));
    set(p, 'reusePrevention', scalar(r, 'password_reuse_prevention'));
    r.u.model.account.passwordPolicies.push(p);
  },
  aws_ssoadmin_permission_set_inline_policy(r) {
    doc(r, 'inline_policy', 'identity');
  },
  aws_ssoadmin_managed_policy_attachment(r) {
    attachment(r, 'permission-set', 'permission_set_arn', 'managed_policy_arn');
  },
  aws_organizations_policy(r) {
    const type = val(r, 'type');
    const t = type ? strText(type) : 'SERVICE_CONTROL_POLICY';
    if (t === 'SERVICE_CONTROL_POLICY' || t === 'RESOURCE_CONTROL_POLICY') doc(r, 'content', 'scp');
  },

  // resource policies
  aws_s3_bucket_policy: resourcePolicy('policy'),
  aws_s3_bucket: resourcePolicy('policy'),
  aws_s3_access_point: resourcePolicy('policy'),
  aws_s3control_access_point_policy: resourcePolicy('policy'),
  aws_s3control_bucket_policy: resourcePolicy('policy'),
  aws_sqs_queue_policy: resourcePolicy('policy'),
  aws_sqs_queue: resourcePolicy('policy'),
  aws_sns_topic_policy: resourcePolicy('policy'),
  aws_sns_topic: resourcePolicy('policy'),
  aws_kms_key: resourcePolicy('policy'),
  aws_kms_key_policy: resourcePolicy('policy'),
  aws_kms_replica_key: resourcePolicy('policy'),
  aws_ecr_repository_policy: resourcePolicy('policy'),
  aws_ecr_registry_policy: resourcePolicy('policy'),
  aws_ecrpublic_repository_policy: resourcePolicy('policy'),
  aws_secretsmanager_secret_policy: resourcePolicy('policy'),
  aws_glacier_vault: resourcePolicy('access_policy'),
  aws_efs_file_system_policy: resourcePolicy('policy'),
  aws_opensearch_domain_policy: resourcePolicy('access_policies'),
  aws_opensearch_domain: resourcePolicy('access_policies'),
  aws_elasticsearch_domain_policy: resourcePolicy('access_policies'),
  aws_elasticsearch_domain: resourcePolicy('access_policies'),
  aws_cloudwatch_event_bus_policy: resourcePolicy('policy'),
  aws_cloudwatch_log_resource_policy: resourcePolicy('policy_document'),
  aws_cloudwatch_log_destination_policy: resourcePolicy('access_policy'),
  aws_api_gateway_rest_api_policy: resourcePolicy('policy'),
  aws_api_gateway_rest_api: resourcePolicy('policy'),
  aws_backup_vault_policy: resourcePolicy('policy'),
  aws_lambda_permission: lambdaPermission,
  aws_lambda_function_url: lambdaFunctionUrl,

  // account controls
  aws_cloudtrail(r) {
    const t: IamModel['account']['trails'][number] = { ref: r.ref };
    set(t, 'multiRegion', scalar(r, 'is_multi_region_trail'));
    set(t, 'logFileValidation', scalar(r, 'enable_log_file_validation'));
    set(t, 'kmsKey', scalar(r, 'kms_key_id'));
    set(t, 'cloudWatchLogGroup', scalar(r, 'cloud_watch_logs_group_arn'));
    r.u.model.account.trails.push(t);
  },
  aws_config_configuration_recorder(r) {
    const rec: IamModel['account']['configRecorders'][number] = { ref: r.ref, resourceTypes: [] };
    const g = r.u.ev.nested(r.body, 'recording_group', r.scope)[0];
    if (g) {
      set(rec, 'allSupported', scalar(r, 'all_supported', g.body, g.scope));
      set(rec, 'includeGlobalResourceTypes', scalar(r, 'include_global_resource_types', g.body, g.scope));
      rec.resourceTypes = scalars(r, 'resource_types', g.body, g.scope);
    }
    r.u.model.account.configRecorders.push(rec);
  },
  aws_cloudwatch_log_metric_filter(r) {
    const f: IamModel['account']['metricFilters'][number] = { ref: r.ref };
    set(f, 'pattern', scalar(r, 'pattern'));
    set(f, 'logGroup', scalar(r, 'log_group_name'));
    const t = r.u.ev.nested(r.body, 'metric_transformation', r.scope)[0];
    if (t) {
      set(f, 'metricName', scalar(r, 'name', t.body, t.scope));
      set(f, 'metricNamespace', scalar(r, 'namespace', t.body, t.scope));
    }
    r.u.model.account.metricFilters.push(f);
  },
  aws_cloudwatch_metric_alarm(r) {
    const a: IamModel['account']['alarms'][number] = { ref: r.ref };
    set(a, 'metricName', scalar(r, 'metric_name'));
    set(a, 'namespace', scalar(r, 'namespace'));
    r.u.model.account.alarms.push(a);
  },
  aws_secretsmanager_secret(r) {
    doc(r, 'policy', 'resource');
    const s: IamModel['account']['secrets'][number] = { ref: r.ref };
    const rules = r.body.blocks.find((b) => b.type === 'rotation_rules');
    const lambda = attrOf(r.body, 'rotation_lambda_arn');
    if (rules) s.rotation = rules.ctx.loc(rules.s, rules.e);
    else if (lambda) s.rotation = lambda.ctx.loc(lambda.s, lambda.e);
    r.u.model.account.secrets.push(s);
  },
  aws_secretsmanager_secret_rotation(r) {
    const secret = scalar(r, 'secret_id');
    if (secret) r.u.model.account.secretRotations.push({ ref: r.ref, secret });
  },
  aws_accessanalyzer_analyzer(r) {
    r.u.model.account.analyzers.push(r.ref);
  },
  aws_lambda_function(r) {
    for (const env of r.u.ev.nested(r.body, 'environment', r.scope)) {
      const vars = attrOf(env.body, 'variables');
      if (vars) r.u.literals(vars.expr, vars.ctx, '', r.ref);
    }
  },
  aws_ssm_parameter(r) {
    const type = val(r, 'type');
    if (type && strText(type) === 'SecureString') return;
    const v = attrOf(r.body, 'value');
    if (!v) return;
    for (const key of secretRefs(r.u.ev.evalAttr(v, r.scope))) {
      r.u.model.secretExposures.push({ owner: r.ref, key, via: 'ssm-parameter', loc: v.ctx.loc(v.ns, v.expr.e) });
    }
  },
};

export function resourceHandler(type: string): ((r: ResCtx) => void) | undefined {
  return Object.prototype.hasOwnProperty.call(HANDLERS, type) ? HANDLERS[type] : undefined;
}

/** Access keys whose secret a value reveals (`aws_iam_access_key.k.secret`, `.ses_smtp_password_v4`). */
export function secretRefs(v: Val): string[] {
  const out = new Set<string>();
  const check = (ref: { address: string; attribute?: string } | undefined): void => {
    if (!ref) return;
    if (/(^|\.)aws_iam_access_key\.[^.]+$/.test(ref.address) && (ref.attribute === 'secret' || ref.attribute === 'ses_smtp_password_v4')) out.add(ref.address);
  };
  const walk = (x: Val, depth: number): void => {
    if (depth > 64) return;
    switch (x.k) {
      case 'unk':
        check(x.ref);
        return;
      case 'str':
        for (const p of x.parts) {
          if ('unk' in p) check(p.ref);
          else if ('emb' in p) walk(p.emb, depth + 1);
        }
        return;
      case 'list':
        for (const i of x.items) walk(i, depth + 1);
        return;
      case 'obj':
        for (const e of x.entries) walk(e.value, depth + 1);
        return;
      default:
        return;
    }
  };
  walk(v, 0);
  return [...out];
}
