/** Small helpers shared by the resource mappers: property access, grants, and credential-bearing settings. */
import { toScalar } from '../../src/model/build-policy.js';
import type { PermissionGrant, TextValue } from '../../src/model/entities.js';
import type { Located } from '../../src/model/located.js';
import type { ResourceRef } from '../../src/model/resource-ref.js';
import type { Scalar } from '../../src/model/scalar.js';
import type { ResourceContext } from './context.js';

export const get = (v: Located | undefined, key: string): Located | undefined =>
  v?.kind === 'object' ? v.entries.find((e) => e.key === key)?.value : undefined;

export const items = (v: Located | undefined): Located[] => (!v ? [] : v.kind === 'array' ? v.items : [v]);

export function grant(c: ResourceContext, principal: Scalar, extra: Partial<PermissionGrant>, conditionProps: string[], loc = c.attrLoc('Principal')): void {
  const g: PermissionGrant = { ref: c.ref, principal, conditions: [], loc, ...extra };
  for (const p of conditionProps) {
    const value = c.scalar(p);
    if (value) g.conditions.push({ key: p, value });
  }
  c.model.permissionGrants.push(g);
}

export function missing(c: ResourceContext, what: string): Scalar {
  return { kind: 'unknown', text: what, loc: c.ref.loc };
}

export function lambdaPermission(c: ResourceContext): void {
  const extra: Partial<PermissionGrant> = {};
  const action = c.scalar('Action');
  if (action) extra.action = action;
  const sourceArn = c.scalar('SourceArn');
  if (sourceArn) extra.sourceArn = sourceArn;
  const sourceAccount = c.scalar('SourceAccount');
  if (sourceAccount) extra.sourceAccount = sourceAccount;
  grant(c, c.scalar('Principal') ?? missing(c, 'Principal'), extra, ['PrincipalOrgID', 'FunctionUrlAuthType', 'EventSourceToken']);
}

/** `AuthType: NONE` on a function URL: anyone on the internet may call it. */
export function publicUrlGrant(c: ResourceContext, authType: Located | undefined, attrLoc = c.attrLoc('AuthType')): void {
  if (authType?.kind !== 'scalar' || authType.value !== 'NONE') return;
  const value = toScalar(authType);
  grant(c, { kind: 'literal', value: '*', type: 'string', loc: authType.loc }, { action: { kind: 'literal', value: 'lambda:InvokeFunctionUrl', type: 'string', loc: authType.loc } }, [], attrLoc);
  c.model.permissionGrants[c.model.permissionGrants.length - 1]?.conditions.push({ key: 'FunctionUrlAuthType', value });
}

// ---- credentials: literal settings and secrets leaving the stack

/** Records a literal (or partly literal) string setting for credential scanning. */
export function textValue(c: { model: ResourceContext['model'] }, owner: ResourceRef, name: string, v: Located | undefined): void {
  if (!v) return;
  let value: string | undefined;
  if (v.kind === 'scalar' && typeof v.value === 'string') value = v.value;
  else if (v.kind === 'template') value = v.parts.map((p) => (typeof p === 'string' ? p : `\${${p.unknown}}`)).join('');
  if (value === undefined || value === '') return;
  const tv: TextValue = { owner, name, value, loc: v.loc };
  c.model.textValues.push(tv);
}

/** Access keys whose secret a value carries (`!GetAtt Key.SecretAccessKey`, also inside `Fn::Sub`). */
export function exposedKeys(v: Located | undefined, types: Map<string, string>): string[] {
  const out: string[] = [];
  const isKey = (address: string, attribute?: string): boolean =>
    attribute === 'SecretAccessKey' && (types.get(address) ?? 'AWS::IAM::AccessKey') === 'AWS::IAM::AccessKey';
  const visit = (x: Located): void => {
    if (x.kind === 'unknown' && x.ref && isKey(x.ref.address, x.ref.attribute)) out.push(x.ref.address);
    else if (x.kind === 'template') {
      for (const p of x.parts) if (typeof p !== 'string' && p.ref && isKey(p.ref.address, p.ref.attribute)) out.push(p.ref.address);
    } else if (x.kind === 'array') x.items.forEach(visit);
    else if (x.kind === 'object') x.entries.forEach((e) => visit(e.value));
  };
  if (v) visit(v);
  return out;
}

export function exposure(c: ResourceContext, v: Located | undefined, via: string): void {
  for (const key of exposedKeys(v, c.scope.types)) c.model.secretExposures.push({ owner: c.ref, key, via, loc: v?.loc ?? c.ref.loc });
}

/** `Variables: {NAME: value}` maps (Lambda, SAM). */
export function environmentVariables(c: ResourceContext, env: Located | undefined, path: string, owner = c.ref): void {
  const vars = get(env, 'Variables');
  if (vars?.kind !== 'object') return;
  for (const e of vars.entries) {
    textValue(c, owner, `${path}/Variables/${e.key}`, e.value);
    for (const key of exposedKeys(e.value, c.scope.types)) c.model.secretExposures.push({ owner, key, via: 'environment', loc: e.value.loc });
  }
}

/** `[{Name, Value}]` lists (ECS, Batch, CodeBuild). */
export function nameValueList(c: ResourceContext, list: Located | undefined, path: string): void {
  for (const item of items(list)) {
    const name = get(item, 'Name');
    const value = get(item, 'Value');
    const label = name?.kind === 'scalar' ? String(name.value) : '?';
    textValue(c, c.ref, `${path}/${label}`, value);
    for (const key of exposedKeys(value, c.scope.types)) c.model.secretExposures.push({ owner: c.ref, key, via: 'environment', loc: value?.loc ?? item.loc });
  }
}

