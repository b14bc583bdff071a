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

function refersTo(s: Scalar, address: string, name: Scalar | undefined): boolean {
  if ((s.kind === 'unknown' && s.ref?.address === address)) return true;
  if (s.kind === 'template') return s.parts.some((p) => typeof p !== 'string' && p.ref?.address === address);
  if (s.kind === 'literal' && name?.kind === 'literal') return nameFromArnOrName(s.value) === name.value;
  return false;
}

export function findIdentity(model: IamModel, kind: Identity['kind'], s: Scalar): Identity | undefined {
  return model.identities.find((i) => i.kind === kind && refersTo(s, i.ref.address, i.name));
}

export function findPolicyResource(model: IamModel, s: Scalar): PolicyResource | undefined {
  return model.policies.find((p) => p.kind === 'managed' && refersTo(s, p.ref.address, p.name));
}

/** Groups a user belongs to: listed on the user, or by membership resources. */
export function groupsOf(model: IamModel, user: Identity): Identity[] {
  const out = new Set<Identity>();
  for (const g of user.groups) {
    const group = findIdentity(model, 'group', g);
    if (group) out.add(group);
  }
  for (const m of model.memberships) {
    if (findIdentity(model, 'user', m.user) !== user) continue;
    const group = findIdentity(model, 'group', m.group);
    if (group) out.add(group);
  }
  return [...out];
}

/** Users in a group, by either direction of membership. */
export function membersOf(model: IamModel, group: Identity): Identity[] {
  return model.identities.filter((u) => u.kind === 'user' && groupsOf(model, u).includes(group));
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
