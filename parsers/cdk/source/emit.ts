/**
 * The evaluated app to the model. Every resource is named by its construct path (`Api/Handler/ServiceRole`), typed
 * with the CloudFormation type CDK synthesizes for it, and carries as `constructPath` the `aws:cdk:path` of that
 * resource (`Api/Handler/ServiceRole/Resource`), so findings can be matched with those of the cloud assembly.
 * Document paths mirror the synthesized template's (`Properties/PolicyDocument`).
 */
import { buildPolicyDocument, toScalar } from '../../../src/model/build-policy.js';
import type { Identity } from '../../../src/model/entities.js';
import type { Located } from '../../../src/model/located.js';
import { spanOf, type Location } from '../../../src/model/location.js';
import type { IamModel } from '../../../src/model/model.js';
import type { PolicyDocument, PolicyKind } from '../../../src/model/policy.js';
import type { ResourceRef } from '../../../src/model/resource-ref.js';
import type { Scalar } from '../../../src/model/scalar.js';
import type { Interp } from './evaluate.js';
import { located, lowerDocument, lowerTrust } from './lower.js';
import type { DocumentState } from './state.js';
import { locOfVal, type CNode, type Val } from './values.js';

export function emitModel(model: IamModel, interp: Interp): void {
  const r = interp.lib.records;
  const refs = new Map<string, ResourceRef>();
  const ref = (node: CNode, type: string, constructPath: string): ResourceRef => {
    const key = `${node.path}\u0000${type}`;
    let out = refs.get(key);
    if (!out) {
      out = { address: node.path, type, loc: node.loc, constructPath };
      refs.set(key, out);
    }
    return out;
  };
  const scalar = (v: Val, fallback: Location): Scalar => toScalar(located(v, locOfVal(v, fallback)));
  const doc = (source: Located, kind: PolicyKind, owner: ResourceRef, path: (string | number)[], name?: Val): PolicyDocument | undefined => {
    if (source.kind === 'unknown' || source.kind === 'template') return undefined;
    const d = buildPolicyDocument(source, { kind, owner, path, ...(name ? { name: scalar(name, owner.loc) } : {}) });
    model.documents.push(d);
    return d;
  };
  const lowered = (d: DocumentState): Located => lowerDocument(d);

  for (const st of r.identities) {
    if (st.imported) continue;
    const owner = ref(st.node, st.cfnType, st.resourcePath);
    const id: Identity = { kind: st.kind, ref: owner, inlinePolicies: [], managedPolicyArns: st.managed.map((m) => scalar(m, owner.loc)), groups: st.groups.map((g) => scalar(g, owner.loc)) };
    if (st.name) id.name = scalar(st.name, owner.loc);
    if (st.boundary) id.permissionsBoundary = scalar(st.boundary, owner.loc);
    if (st.loginProfile) id.loginProfile = { loc: st.loginProfile };
    if (st.kind === 'role') {
      let source: Located | undefined;
      if (st.trust) {
        const locs = st.trust.principals.map((p) => p.loc).filter((l) => l.file === st.trust?.keyLoc.file);
        const span = locs.reduce((acc, l) => spanOf(acc, l), st.trust.keyLoc);
        source = lowerTrust(st.trust.principals, st.trust.externalIds, st.trust.keyLoc, span);
        const extra = st.trustDoc ? lowered(st.trustDoc) : undefined;
        if (extra?.kind === 'object' && source.kind === 'object') {
          const more = extra.entries.find((e) => e.key === 'Statement')?.value;
          const statements = source.entries.find((e) => e.key === 'Statement')?.value;
          if (more?.kind === 'array' && statements?.kind === 'array') statements.items.push(...more.items);
        }
      } else if (st.trustDoc) source = lowered(st.trustDoc);
      const trust = source ? doc(source, 'trust', owner, ['Properties', 'AssumeRolePolicyDocument']) : undefined;
      if (trust) id.trust = trust;
    }
    st.inline.forEach((p, i) => {
      const d = doc(lowered(p.doc), 'identity', owner, ['Properties', 'Policies', i, 'PolicyDocument'], p.name);
      if (d) id.inlinePolicies.push(d);
    });
    model.identities.push(id);
  }

  for (const p of r.policies) {
    const owner = ref(p.node, p.cfnType, p.resourcePath);
    const document = doc(lowered(p.doc), 'identity', owner, ['Properties', 'PolicyDocument'], p.name);
    model.policies.push({
      ref: owner,
      kind: p.kind,
      ...(p.name ? { name: scalar(p.name, owner.loc) } : {}),
      ...(document ? { document } : {}),
      targets: p.targets.map((t) => ({ kind: t.kind, value: scalar(t.value, t.loc), loc: t.loc })),
    });
  }

  for (const rp of r.resourcePolicies) {
    if (rp.doc.statements.length === 0 && !rp.doc.raw) continue;
    const owner = ref(rp.node, rp.cfnType, rp.resourcePath);
    const d = doc(lowered(rp.doc), 'resource', owner, rp.propertyPath);
    if (d && rp.protects && rp.protects.node !== rp.node) d.consumers.push(ref(rp.protects.node, rp.protects.cfnType, rp.protects.resourcePath));
  }

  for (const p of r.permissions) {
    const owner = ref(p.node, p.cfnType, p.resourcePath);
    model.permissionGrants.push({
      ref: owner,
      principal: scalar(p.principal, p.loc),
      ...(p.action ? { action: scalar(p.action, p.loc) } : {}),
      ...(p.sourceArn ? { sourceArn: scalar(p.sourceArn, p.loc) } : {}),
      ...(p.sourceAccount ? { sourceAccount: scalar(p.sourceAccount, p.loc) } : {}),
      conditions: p.conditions.map((c) => ({ key: c.key, value: scalar(c.value, p.loc) })),
      loc: p.loc,
    });
  }

  for (const k of r.accessKeys) {
    const owner = ref(k.node, k.cfnType, k.resourcePath);
    model.accessKeys.push({ ref: owner, ...(k.user ? { user: scalar(k.user, owner.loc) } : {}), ...(k.status ? { status: scalar(k.status, owner.loc) } : {}) });
  }
  for (const o of r.oidcProviders) {
    const owner = ref(o.node, o.cfnType, o.resourcePath);
    model.oidcProviders.push({ ref: owner, ...(o.url ? { url: scalar(o.url, owner.loc) } : {}), clientIds: o.clientIds.map((c) => scalar(c, owner.loc)) });
  }
  for (const p of r.instanceProfiles) {
    const owner = ref(p.node, p.cfnType, p.resourcePath);
    model.instanceProfiles.push({ ref: owner, ...(p.name ? { name: scalar(p.name, owner.loc) } : {}), roles: p.roles.map((v) => scalar(v, owner.loc)) });
  }
  for (const m of r.memberships) {
    const owner = ref(m.node, 'AWS::IAM::UserToGroupAddition', m.node.path);
    model.memberships.push({ ref: owner, user: scalar(m.user, m.loc), group: scalar(m.group, m.loc), loc: m.loc });
  }
  for (const t of r.textValues) {
    const value = textOf(t.value);
    if (value === undefined || value === '') continue;
    model.textValues.push({ owner: ref(t.node, t.cfnType, t.resourcePath), name: t.name, value, loc: locOfVal(t.value, t.node.loc) });
  }
  for (const e of r.exposures) model.secretExposures.push({ owner: ref(e.node, e.cfnType, e.resourcePath), key: e.key, via: e.via, loc: e.loc });
  if (r.grants.length) {
    model.methodGrants = r.grants.map((g) => ({
      ...(g.resource ? { resource: ref(g.resource, g.resourceType ?? 'construct', g.resourcePath ?? g.resource.path) } : {}),
      grantee: scalar(g.grantee, g.loc),
      method: g.method,
      loc: g.loc,
    }));
  }
}

/** A string setting's text (unknown parts as `${...}`), for credential scanning. */
function textOf(v: Val): string | undefined {
  if (v.k === 'lit') return typeof v.v === 'string' ? v.v : undefined;
  if (v.k === 'tpl') return v.parts.map((p) => (typeof p === 'string' ? p : `\${${p.unknown}}`)).join('');
  return undefined;
}
