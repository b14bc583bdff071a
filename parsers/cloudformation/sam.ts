/**
 * AWS SAM resources (`Transform: AWS::Serverless-2016-10-31`). A function or state machine without `Role` gets
 * the role SAM generates for it (`<LogicalId>Role`, trusted by the service); its `Policies` become managed
 * policy ARNs, inline documents, and expanded policy templates located at the template entry that asked for them.
 */
import { toScalar } from '../../src/model/build-policy.js';
import type { Identity } from '../../src/model/entities.js';
import type { Located, LocatedArray, LocatedEntry, LocatedObject } from '../../src/model/located.js';
import { spanOf, type Location } from '../../src/model/location.js';
import type { ResourceRef } from '../../src/model/resource-ref.js';
import type { Scalar } from '../../src/model/scalar.js';
import type { ResourceContext } from './context.js';
import { environmentVariables, get, publicUrlGrant, textValue } from './helpers.js';
import { SAM_MANAGED_POLICY_PATHS, SAM_POLICY_TEMPLATES, type SamPolicyTemplate } from './sam-policy-templates.js';

type Mapper = (c: ResourceContext) => void;

const scalar = (value: string, loc: Location): Located => ({ kind: 'scalar', value, loc });
const obj = (loc: Location, entries: [string, Located][], guard?: string): LocatedObject => {
  const o: LocatedObject = { kind: 'object', loc, entries: entries.map(([key, value]): LocatedEntry => ({ key, keyLoc: loc, value })) };
  if (guard) o.guard = guard;
  return o;
};
const arr = (loc: Location, items: Located[]): LocatedArray => ({ kind: 'array', loc, items });

/** The trust policy SAM writes for the role it creates. */
function serviceTrust(service: string, loc: Location): LocatedObject {
  return obj(loc, [
    ['Version', scalar('2012-10-17', loc)],
    ['Statement', arr(loc, [obj(loc, [['Effect', scalar('Allow', loc)], ['Principal', obj(loc, [['Service', scalar(service, loc)]])], ['Action', scalar('sts:AssumeRole', loc)]])])],
  ]);
}

/** A bare managed policy name becomes the ARN SAM attaches. */
function managedPolicyArn(name: string, loc: Location): Scalar {
  const value = name.startsWith('arn:') ? name : `arn:aws:iam::aws:policy/${SAM_MANAGED_POLICY_PATHS[name] ?? ''}${name}`;
  return { kind: 'literal', value, type: 'string', loc };
}

/** The policy document a SAM policy template grants, with its parameters substituted, located at `loc`. */
export function expandPolicyTemplate(c: ResourceContext, name: string, tpl: SamPolicyTemplate, params: Located | undefined, loc: Location, guard?: string): LocatedObject {
  const vars = obj(
    loc,
    tpl.parameters.map((p) => [p, get(params, p) ?? { kind: 'unknown', text: `${name}.${p}`, loc }]),
  );
  const str = (s: string): Located => c.scope.resolver.subText(s, loc, vars, guard, 0);
  const statements = tpl.statements.map((st) => {
    const entries: [string, Located][] = [
      ['Effect', scalar('Allow', loc)],
      ['Action', arr(loc, st.Action.map((a) => scalar(a, loc)))],
      ['Resource', Array.isArray(st.Resource) ? arr(loc, st.Resource.map(str)) : str(st.Resource)],
    ];
    if (st.Condition) {
      entries.push([
        'Condition',
        obj(loc, Object.entries(st.Condition).map(([op, kv]) => [op, obj(loc, Object.entries(kv).map(([k, v]) => [k, str(v)]))])),
      ]);
    }
    return obj(loc, entries, guard);
  });
  return obj(loc, [['Version', scalar('2012-10-17', loc)], ['Statement', arr(loc, statements)]]);
}

/** The role SAM generates, with what `Policies`, `PermissionsBoundary` and `AssumeRolePolicyDocument` put on it. */
function implicitRole(c: ResourceContext, service: string): Identity | undefined {
  if (c.prop('Role')) return undefined; // an existing role: SAM attaches nothing to it
  const roleRef: ResourceRef = { address: `${c.id}Role`, type: 'AWS::IAM::Role', loc: c.ref.loc };
  if (c.ref.constructPath) roleRef.constructPath = c.ref.constructPath;
  const role: Identity = { kind: 'role', ref: roleRef, inlinePolicies: [], managedPolicyArns: [], groups: [] };
  const custom = c.prop('AssumeRolePolicyDocument');
  const [trust] = custom
    ? c.documents(custom, 'trust', ['Properties', 'AssumeRolePolicyDocument'], { owner: roleRef })
    : c.documents(serviceTrust(service, c.ref.loc), 'trust', ['Properties', 'AssumeRolePolicyDocument'], { owner: roleRef });
  if (trust) role.trust = trust;

  const policies = c.prop('Policies');
  const list = !policies ? [] : policies.kind === 'array' ? policies.items : [policies];
  list.forEach((item, i) => {
    const path: (string | number)[] = policies?.kind === 'array' ? ['Properties', 'Policies', i] : ['Properties', 'Policies'];
    const policyName: Scalar = { kind: 'literal', value: `${c.id}RolePolicy${i}`, type: 'string', loc: item.loc };
    if (item.kind === 'scalar' && typeof item.value === 'string') role.managedPolicyArns.push(managedPolicyArn(item.value, item.loc));
    else if (item.kind === 'unknown' || item.kind === 'template') role.managedPolicyArns.push(toScalar(item));
    else if (item.kind === 'object') {
      if (item.entries.some((e) => e.key === 'Statement')) {
        role.inlinePolicies.push(...c.documents(item, 'identity', path, { owner: roleRef, name: policyName }));
        return;
      }
      const [e] = item.entries;
      const tpl = e && item.entries.length === 1 ? SAM_POLICY_TEMPLATES[e.key] : undefined;
      if (!e || !tpl) {
        c.model.notes.push({ message: `${c.id}: unknown SAM policy template '${e?.key ?? '?'}'; what it grants was not linted`, loc: item.loc });
        return;
      }
      const doc = expandPolicyTemplate(c, e.key, tpl, e.value, spanOf(e.keyLoc, e.value.loc), item.guard ?? c.guard);
      role.inlinePolicies.push(...c.documents(doc, 'identity', [...path, e.key], { owner: roleRef, name: policyName }));
    }
  });
  const boundary = c.scalar('PermissionsBoundary') ?? c.scope.globalProp?.('Function', 'PermissionsBoundary');
  if (boundary) role.permissionsBoundary = boundary;
  c.model.identities.push(role);
  return role;
}

export function samMappers(): Record<string, Mapper> {
  return {
    'AWS::Serverless::Function': (c) => {
      implicitRole(c, 'lambda.amazonaws.com');
      environmentVariables(c, c.prop('Environment'), 'Properties/Environment');
      textValue(c, c.ref, 'Properties/InlineCode', c.prop('InlineCode'));
      const url = c.prop('FunctionUrlConfig');
      const auth = url?.kind === 'object' ? url.entries.find((e) => e.key === 'AuthType') : undefined;
      if (auth) publicUrlGrant(c, auth.value, spanOf(auth.keyLoc, auth.value.loc));
    },
    'AWS::Serverless::StateMachine': (c) => {
      implicitRole(c, 'states.amazonaws.com');
    },
    'AWS::Serverless::Api': (c) => {
      const custom = get(get(c.prop('Auth'), 'ResourcePolicy'), 'CustomStatements');
      if (custom) {
        c.documents({ kind: 'object', loc: custom.loc, entries: [{ key: 'Statement', keyLoc: custom.loc, value: custom }] }, 'resource', [
          'Properties', 'Auth', 'ResourcePolicy', 'CustomStatements',
        ]);
      }
    },
  };
}
