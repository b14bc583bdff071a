/**
 * The plain JSON views of model elements that custom rules' JSONPaths look at. Documented in the README ("Custom
 * rules"); change them only compatibly, rule files in users' repositories depend on them. Values the linter could not
 * resolve appear as `${...}` text (`${var.bucket}`, `arn:aws:s3:::${BucketName}/*`), never as wildcards.
 */
import type { AccessKey, Identity, InstanceProfile, OidcProvider, PolicyResource } from '../model/entities.js';
import type { IamModel } from '../model/model.js';
import type { PolicyDocument, PrincipalEntry, Statement } from '../model/policy.js';
import { principalAccount } from '../model/query.js';
import { attachedPolicyArns } from '../model/relations.js';
import type { ResourceRef } from '../model/resource-ref.js';
import { scalarText, type Scalar, type ValueList } from '../model/scalar.js';

export type ResourceKind = 'role' | 'user' | 'group' | 'policy' | 'access-key' | 'oidc-provider' | 'instance-profile';

/** A selected model element. */
export type Element =
  | { kind: 'statement'; st: Statement }
  | { kind: 'principal'; st: Statement; entry: PrincipalEntry; index: number }
  | { kind: 'policy'; doc: PolicyDocument }
  | { kind: 'resource'; ref: ResourceRef; resourceKind: ResourceKind; model: IamModel; entity: Identity | PolicyResource | AccessKey | OidcProvider | InstanceProfile };

export interface StatementView {
  sid: string | null;
  effect: string | null;
  actions: string[];
  notActions: string[];
  resources: string[];
  notResources: string[];
  principals: { type: string; value: string }[];
  notPrincipals: { type: string; value: string }[];
  conditions: { operator: string; key: string; values: string[] }[];
  documentKind: string;
  resource: string;
  resourceType: string;
  index: number;
  file: string;
}

const text = (s: Scalar | undefined): string | null => (s ? scalarText(s) : null);
const texts = (l: ValueList | undefined): string[] => (l ? l.items.map(scalarText) : []);

export function statementView(st: Statement): StatementView {
  const doc = st.document;
  return {
    sid: text(st.sid),
    effect: text(st.effect),
    actions: texts(st.action),
    notActions: texts(st.notAction),
    resources: texts(st.resource),
    notResources: texts(st.notResource),
    principals: (st.principal?.entries ?? []).map((p) => ({ type: p.type, value: scalarText(p.value) })),
    notPrincipals: (st.notPrincipal?.entries ?? []).map((p) => ({ type: p.type, value: scalarText(p.value) })),
    conditions: st.conditions.map((c) => ({ operator: c.operator, key: c.key, values: texts(c.values) })),
    documentKind: doc.kind,
    resource: doc.owner.address,
    resourceType: doc.owner.type,
    index: st.index,
    file: st.loc.file,
  };
}

/** The account a principal value names: 12 digits, `this-account`, `*` (any account), or null (not an account, or unknown). */
function accountOf(p: PrincipalEntry): string | null {
  if (p.type !== 'AWS' && p.type !== '*') return null;
  const a = principalAccount(p.value);
  if (!a) return null;
  if (a.kind === 'account') return a.account;
  if (a.kind === 'this-account') return 'this-account';
  if (a.kind === 'any') return '*';
  return null;
}

export function policyView(doc: PolicyDocument) {
  return {
    documentKind: doc.kind,
    name: text(doc.name),
    version: text(doc.version),
    resource: doc.owner.address,
    resourceType: doc.owner.type,
    consumers: doc.consumers.map((c) => c.address),
    statements: doc.statements.map(statementView),
    file: doc.loc.file,
  };
}

function resourceView(el: Extract<Element, { kind: 'resource' }>) {
  const base = { address: el.ref.address, type: el.ref.type, resourceKind: el.resourceKind, file: el.ref.loc.file };
  const e = el.entity;
  switch (el.resourceKind) {
    case 'role':
    case 'user':
    case 'group': {
      const i = e as Identity;
      return {
        ...base,
        name: text(i.name),
        permissionsBoundary: text(i.permissionsBoundary),
        managedPolicyArns: attachedPolicyArns(el.model, i).map(scalarText),
        inlinePolicies: i.inlinePolicies.map(policyView),
        trust: i.trust ? policyView(i.trust) : null,
        groups: i.groups.map(scalarText),
        hasLoginProfile: !!i.loginProfile || el.model.loginProfiles.some((lp) => lp.user.kind === 'unknown' && lp.user.ref?.address === el.ref.address),
      };
    }
    case 'policy': {
      const p = e as PolicyResource;
      return {
        ...base,
        name: text(p.name),
        policyKind: p.kind,
        document: p.document ? policyView(p.document) : null,
        targets: p.targets.map((t) => ({ kind: t.kind, value: scalarText(t.value) })),
      };
    }
    case 'access-key': {
      const k = e as AccessKey;
      return { ...base, user: text(k.user), status: text(k.status) };
    }
    case 'oidc-provider': {
      const o = e as OidcProvider;
      return { ...base, url: text(o.url), clientIds: o.clientIds.map(scalarText) };
    }
    case 'instance-profile': {
      const p = e as InstanceProfile;
      return { ...base, name: text(p.name), roles: p.roles.map(scalarText) };
    }
  }
}

/** The element's view, as rules' JSONPaths see it. */
export function viewOf(el: Element): Record<string, unknown> {
  switch (el.kind) {
    case 'statement':
      return { ...statementView(el.st) };
    case 'principal': {
      const st = statementView(el.st);
      return {
        type: el.entry.type,
        value: scalarText(el.entry.value),
        account: accountOf(el.entry),
        effect: st.effect,
        actions: st.actions,
        conditions: st.conditions,
        documentKind: st.documentKind,
        resource: st.resource,
        resourceType: st.resourceType,
        statement: st,
        file: st.file,
      };
    }
    case 'policy':
      return policyView(el.doc);
    case 'resource':
      return resourceView(el);
  }
}
