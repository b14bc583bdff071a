/**
 * How model entities point at each other. Parsers keep references as scalars (a literal name or ARN, or an
 * unknown that remembers the resource it refers to); these functions are the one place that resolves them.
 */
import type { Identity, PolicyResource } from './entities.js';
import type { IamModel } from './model.js';
import type { PolicyDocument } from './policy.js';
import type { Scalar } from './scalar.js';

/** The last path segment of an IAM ARN (`arn:aws:iam::1:role/path/name` -> `name`), or the value itself. */
function nameFromArnOrName(value: string): string {
  const m = /^arn:[^:]*:iam::[^:]*:(?:user|group|role|policy)\/(?:.*\/)?([^/]+)$/.exec(value);
  return m ? (m[1] as string) : value;
}

/** The name at the end of an ARN template whose account or partition is unknown (`arn:${P}:iam::${A}:role/app`). */
function nameFromArnTemplate(parts: readonly (string | { unknown: string })[]): string | undefined {
  const last = parts[parts.length - 1];
  if (typeof last !== 'string') return undefined;
  const m = /:(?:user|group|role|policy)\/(?:.*\/)?([^/]+)$/.exec(last);
  return m?.[1];
}

function refersTo(s: Scalar, address: string, name: Scalar | undefined): boolean {
  if (s.kind === 'unknown') return s.ref?.address === address;
  if (s.kind === 'template') {
    if (s.parts.some((p) => typeof p !== 'string' && p.ref?.address === address)) return true;
    return name?.kind === 'literal' && nameFromArnTemplate(s.parts) === name.value;
  }
  return name?.kind === 'literal' && nameFromArnOrName(s.value) === name.value;
}

/**
 * The candidate a reference means. Addresses are unique within a Terraform unit, but a CDK assembly holds several
 * templates that may reuse logical ids: a reference resolves inside its own template first.
 */
function closest<T extends { ref: { loc: { file: string } } }>(candidates: T[], s: Scalar): T | undefined {
  return candidates.find((c) => c.ref.loc.file === s.loc.file) ?? candidates[0];
}

/**
 * Identities by address and by literal name, so a reference is resolved without scanning every identity (a unit
 * with thousands of users and memberships would otherwise cost quadratic time). Rebuilt when the list grows: the
 * Terraform parser resolves references while it is still adding identities.
 */
interface IdentityIndex {
  size: number;
  byAddress: Map<string, Identity[]>;
  byName: Map<string, Identity[]>;
}

const identityIndexes = new WeakMap<IamModel, IdentityIndex>();

function identityIndex(model: IamModel): IdentityIndex {
  const cached = identityIndexes.get(model);
  if (cached && cached.size === model.identities.length) return cached;
  const index: IdentityIndex = { size: model.identities.length, byAddress: new Map(), byName: new Map() };
  const put = (map: Map<string, Identity[]>, key: string, i: Identity): void => {
    const list = map.get(key);
    if (list) list.push(i);
    else map.set(key, [i]);
  };
  for (const i of model.identities) {
    put(index.byAddress, i.ref.address, i);
    if (i.name?.kind === 'literal') put(index.byName, i.name.value, i);
  }
  identityIndexes.set(model, index);
  return index;
}

/** The identities a reference could mean, in model order (what `refersTo` would accept, found through the index). */
function identityCandidates(model: IamModel, s: Scalar): Identity[] {
  const { byAddress, byName } = identityIndex(model);
  const found = new Set<Identity>();
  const addresses =
    s.kind === 'unknown' ? [s.ref?.address] : s.kind === 'template' ? s.parts.map((p) => (typeof p === 'string' ? undefined : p.ref?.address)) : [];
  for (const a of addresses) if (a !== undefined) for (const i of byAddress.get(a) ?? []) found.add(i);
  const name = s.kind === 'literal' ? nameFromArnOrName(s.value) : s.kind === 'template' ? nameFromArnTemplate(s.parts) : undefined;
  if (name !== undefined) for (const i of byName.get(name) ?? []) found.add(i);
  return found.size > 1 ? model.identities.filter((i) => found.has(i)) : [...found];
}

export function findIdentity(model: IamModel, kind: Identity['kind'], s: Scalar): Identity | undefined {
  return closest(identityCandidates(model, s).filter((i) => i.kind === kind), s);
}

export function findPolicyResource(model: IamModel, s: Scalar): PolicyResource | undefined {
  return closest(model.policies.filter((p) => p.kind === 'managed' && refersTo(s, p.ref.address, p.name)), s);
}

/** Each user's groups, resolved once per model (checks ask for them user by user and group by group). */
const groupIndexes = new WeakMap<IamModel, { size: number; groups: Map<Identity, Identity[]> }>();

function groupsByUser(model: IamModel): Map<Identity, Identity[]> {
  const size = model.identities.length + model.memberships.length;
  const cached = groupIndexes.get(model);
  if (cached && cached.size === size) return cached.groups;
  const groups = new Map<Identity, Identity[]>();
  const add = (user: Identity | undefined, group: Identity | undefined): void => {
    if (!user || !group) return;
    const list = groups.get(user);
    if (!list) groups.set(user, [group]);
    else if (!list.includes(group)) list.push(group);
  };
  for (const u of model.identities) if (u.kind === 'user') for (const g of u.groups) add(u, findIdentity(model, 'group', g));
  for (const m of model.memberships) add(findIdentity(model, 'user', m.user), findIdentity(model, 'group', m.group));
  groupIndexes.set(model, { size, groups });
  return groups;
}

/** Groups a user belongs to: listed on the user, or by membership resources. */
export function groupsOf(model: IamModel, user: Identity): Identity[] {
  return [...(groupsByUser(model).get(user) ?? [])];
}

/** Users in a group, by either direction of membership. */
export function membersOf(model: IamModel, group: Identity): Identity[] {
  const groups = groupsByUser(model);
  return model.identities.filter((u) => u.kind === 'user' && (groups.get(u)?.includes(group) ?? false));
}

/** Whether a user is in any group at all, counting memberships whose group is not defined in the project. */
export function hasAnyGroup(model: IamModel, user: Identity): boolean {
  return user.groups.length > 0 || model.memberships.some((m) => findIdentity(model, 'user', m.user) === user);
}

/** Managed policy ARNs attached to an identity, listed on it or by attachment resources. */
export function attachedPolicyArns(model: IamModel, identity: Identity): Scalar[] {
  const out = [...identity.managedPolicyArns];
  for (const a of model.attachments) if (a.target.kind === identity.kind && findIdentity(model, identity.kind, a.target.value) === identity) out.push(a.policy);
  for (const p of model.policies) {
    if (p.kind !== 'managed') continue;
    // A managed policy that names the identity itself (`Roles: [...]` on AWS::IAM::ManagedPolicy).
    if (p.targets.some((t) => t.kind === identity.kind && findIdentity(model, identity.kind, t.value) === identity)) {
      out.push({ kind: 'unknown', text: p.ref.address, loc: p.ref.loc, ref: { address: p.ref.address } });
    }
  }
  return out;
}

/** Every policy document defined in the project that applies to the identity (inline, policy resources, attached customer policies). */
export function documentsOf(model: IamModel, identity: Identity): PolicyDocument[] {
  const docs = [...identity.inlinePolicies];
  for (const p of model.policies) {
    if (!p.document) continue;
    if (p.targets.some((t) => t.kind === identity.kind && findIdentity(model, identity.kind, t.value) === identity)) docs.push(p.document);
  }
  for (const arn of attachedPolicyArns(model, identity)) {
    const p = findPolicyResource(model, arn);
    if (p?.document && !docs.includes(p.document)) docs.push(p.document);
  }
  return docs;
}

// ---- account controls: secrets and their rotations, trails' log groups, alarms on metric filters ----------
import type { Alarm, MetricFilter, Secret, SecretRotation } from './entities.js';

/** The resource addresses an unresolved value points at (`!Ref Secret`, `${aws_cloudwatch_log_group.x.arn}:*`). */
function acRefAddresses(s: Scalar): string[] {
  if (s.kind === 'unknown') return s.ref ? [s.ref.address] : [];
  if (s.kind === 'template') return s.parts.flatMap((p) => (typeof p !== 'string' && p.ref ? [p.ref.address] : []));
  return [];
}

/**
 * Whether a rotation may rotate the secret. Its secret id refers to secrets of the unit: exactly those. Anything else
 * cannot be tied to a resource and may be any secret: a parameter or variable (it may hold the secret's name), another
 * resource's attribute, a literal name or ARN (the model does not carry secrets' names).
 */
export function rotationMayTarget(model: IamModel, rotation: SecretRotation, secret: Secret): boolean {
  const secrets = new Set(model.account.secrets.map((s) => s.ref.address));
  const refs = acRefAddresses(rotation.secret).filter((a) => secrets.has(a));
  return refs.length > 0 ? refs.includes(secret.ref.address) : true;
}

/** The rotations of the unit that may rotate the secret. */
export function rotationsOf(model: IamModel, secret: Secret): SecretRotation[] {
  return model.account.secretRotations.filter((r) => rotationMayTarget(model, r, secret));
}

/** The log group name in a CloudWatch Logs log group ARN (`arn:aws:logs:r:1:log-group:Name:*` -> `Name`), or the value itself. */
function acLogGroupName(value: string): string {
  const m = /:log-group:([^:]+)(?::\*)?$/.exec(value.trim());
  return m ? (m[1] as string) : value.trim();
}

/**
 * Whether a metric filter's log group may be the trail's: the same literal name (the trail gives an ARN, the filter a
 * name). Anything else the linter cannot compare (references, parameters, an absent log group) may be the same group.
 */
export function logGroupMayMatch(trailGroup: Scalar, filterGroup: Scalar | undefined): boolean {
  if (!filterGroup) return true;
  if (trailGroup.kind === 'literal' && filterGroup.kind === 'literal') return acLogGroupName(trailGroup.value) === acLogGroupName(filterGroup.value);
  // Two references to different addresses are not told apart: a log group resource and a parameter may name one group.
  return true;
}

/** Two names that may be the same: equal literals, or anything the linter cannot read. */
function acMayEqual(a: Scalar, b: Scalar): boolean {
  return a.kind !== 'literal' || b.kind !== 'literal' || a.value === b.value;
}

/**
 * The alarms that watch a metric filter's metric: the same metric name, and the same namespace when both give one.
 * A filter or alarm without a metric name watches nothing that can be matched.
 */
export function alarmsOnMetric(model: IamModel, filter: MetricFilter): Alarm[] {
  const name = filter.metricName;
  if (!name) return [];
  return model.account.alarms.filter((a) => {
    if (!a.metricName || !acMayEqual(a.metricName, name)) return false;
    return !a.namespace || !filter.metricNamespace || acMayEqual(a.namespace, filter.metricNamespace);
  });
}

// ---- identities and credentials (user-*, empty-group, unattached-policy, user-console-no-mfa) ----------------
// Imports kept with this section so that sections appended by others do not collide.
import type { LoginProfile as IcLoginProfile, MfaDevice as IcMfaDevice } from './entities.js';

/**
 * Does the value name this identity? Asked of one identity rather than "the first identity found": the templates of
 * one cloud assembly (a CDK app's `Dev` and `Prod` stacks) often reuse logical ids, and a reference (`Ref`) in one
 * template names the resource of that template.
 */
export function namesIdentity(model: IamModel, s: Scalar, identity: Identity): boolean {
  if (!refersTo(s, identity.ref.address, identity.name)) return false;
  if (s.kind === 'literal' || identity.ref.loc.file === s.loc.file) return true;
  return !model.identities.some((i) => i !== identity && i.kind === identity.kind && i.ref.address === identity.ref.address && i.ref.loc.file === s.loc.file);
}

/** Whether a user is in any group at all (like `hasAnyGroup`, with `namesIdentity`). */
export function isInAnyGroup(model: IamModel, user: Identity): boolean {
  return user.groups.length > 0 || model.memberships.some((m) => namesIdentity(model, m.user, user));
}

/** Policy resources (`AWS::IAM::Policy`, `aws_iam_group_policy`, a managed policy's `Users`) that name the identity as a target, with or without a readable document. */
export function policyResourcesTargeting(model: IamModel, identity: Identity): PolicyResource[] {
  return model.policies.filter((p) => p.targets.some((t) => t.kind === identity.kind && namesIdentity(model, t.value, identity)));
}

/** Whether a group has any member: a user listing it, or a membership naming it (even for a user not defined in the project). */
export function hasAnyMember(model: IamModel, group: Identity): boolean {
  if (model.identities.some((u) => u.kind === 'user' && u.groups.some((g) => namesIdentity(model, g, group)))) return true;
  return model.memberships.some((m) => namesIdentity(model, m.group, group));
}

/** An ARN with unknown parts whose literal end names the policy (`arn:aws:iam::${AWS::AccountId}:policy/path/name`). */
function templateNamesPolicy(s: Scalar, policy: PolicyResource): boolean {
  if (s.kind !== 'template' || policy.name?.kind !== 'literal') return false;
  const last = s.parts[s.parts.length - 1];
  const m = typeof last === 'string' ? /:policy\/(?:.*\/)?([^/]+)$/.exec(last) : null;
  return !!m && m[1] === policy.name.value;
}

/**
 * Whether anything in the project uses the managed policy: it names targets, an attachment or identity lists it,
 * an identity has it as permissions boundary, or a policy statement refers to it (a `Resource`, or a condition
 * value such as `iam:PermissionsBoundary` that makes it the boundary others must use).
 */
export function isPolicyInUse(model: IamModel, policy: PolicyResource): boolean {
  if (policy.targets.length > 0 || model.referencedAddresses?.has(policy.ref.address)) return true;
  // Matched against this policy itself, not the first policy found: a cloud assembly's stacks may reuse logical ids.
  const named = (s: Scalar): boolean => refersTo(s, policy.ref.address, policy.name) || (s.kind === 'template' && templateNamesPolicy(s, policy));
  if (model.attachments.some((a) => named(a.policy))) return true;
  const usedByIdentity = model.identities.some((i) => i.managedPolicyArns.some(named) || (!!i.permissionsBoundary && named(i.permissionsBoundary)));
  if (usedByIdentity) return true;
  const names = (s: Scalar): boolean => (s.kind !== 'literal' || s.value.startsWith('arn:')) && named(s);
  return model.documents.some((d) =>
    d.statements.some((st) => (st.resource?.items.some(names) ?? false) || st.conditions.some((c) => c.values.items.some(names))),
  );
}

/** Login profiles given to the user by separate resources (`aws_iam_user_login_profile`). */
export function loginProfilesOf(model: IamModel, user: Identity): IcLoginProfile[] {
  return model.loginProfiles.filter((lp) => namesIdentity(model, lp.user, user));
}

/**
 * MFA devices that may belong to the user: bound to it, or bound to a value the project cannot resolve
 * (an unknown that refers to no identity of the project might be this user).
 */
export function mfaDevicesOf(model: IamModel, user: Identity): IcMfaDevice[] {
  return model.mfaDevices.filter((d) =>
    d.users.some((u) => {
      if (namesIdentity(model, u, user)) return true;
      if (findIdentity(model, 'user', u)) return false;
      return u.kind !== 'literal' && !(u.kind === 'unknown' && u.ref && model.identities.some((i) => i.ref.address === u.ref?.address));
    }),
  );
}
