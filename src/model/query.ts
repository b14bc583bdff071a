/**
 * The one place that decides what a policy value means: wildcards, unknowns and "constrained".
 * Checks ask these questions instead of looking at strings themselves, so the semantics stay consistent
 * (an unknown value is never a wildcard; a Deny never grants).
 */
import { actionPatternMatches, expandActionPattern, isAllResources, type ActionInfo } from '../iam/index.js';
import type { Condition, PrincipalEntry, Statement } from './policy.js';
import type { Scalar, ValueList } from './scalar.js';

export function literal(s: Scalar | undefined): string | undefined {
  return s?.kind === 'literal' ? s.value : undefined;
}

export function isAllow(st: Statement): boolean {
  return literal(st.effect) === 'Allow';
}

export function isDeny(st: Statement): boolean {
  return literal(st.effect) === 'Deny';
}

/** Literal items only: unknown and template values say nothing about wildcards. */
export function literals(list: ValueList | undefined): string[] {
  const out: string[] = [];
  if (list) for (const s of list.items) if (s.kind === 'literal') out.push(s.value);
  return out;
}

export function hasNonLiteral(list: ValueList | undefined): boolean {
  return !!list && list.items.some((s) => s.kind !== 'literal');
}

/** `*` exactly (the full wildcard), as written. */
export function isFullWildcard(s: Scalar): boolean {
  return s.kind === 'literal' && s.value.trim() === '*';
}

/** `*:*` and `*` both mean every action. */
export function isAllActions(s: Scalar): boolean {
  return s.kind === 'literal' && (s.value === '*' || s.value === '*:*');
}

/** A resource value that matches every ARN (`*`, `arn:aws:*`, `arn:*:*:*:*:*`). */
export function isAllResourcesValue(s: Scalar): boolean {
  return s.kind === 'literal' && isAllResources(s.value);
}

/** Allow statement whose `Resource` includes a value matching every ARN. */
export function appliesToAllResources(st: Statement): boolean {
  return !!st.resource && st.resource.items.some(isAllResourcesValue);
}

/** The first value in a list that matches every ARN, for reporting. */
export function allResourcesItem(list: ValueList | undefined): Scalar | undefined {
  return list?.items.find(isAllResourcesValue);
}

/**
 * Does the statement's Action / NotAction cover `action` (canonical `service:Action`)? Effect is not looked at.
 * With NotAction, an unknown excluded value might exclude the action, so the answer is "no" rather than a guess.
 */
export function coversAction(st: Statement, action: string): boolean {
  if (st.action) return literals(st.action).some((p) => actionPatternMatches(p, action));
  if (st.notAction) {
    if (hasNonLiteral(st.notAction)) return false;
    return !literals(st.notAction).some((p) => actionPatternMatches(p, action));
  }
  return false;
}

/** An Allow statement grants the action (conditions not considered). */
export function allows(st: Statement, action: string): boolean {
  return isAllow(st) && coversAction(st, action);
}

/**
 * The actions the statement's `Action` element names, expanded from wildcards against the action database.
 * NotAction statements are not expanded here (their complement is the rest of AWS); use `coversAction`.
 */
export function expandedActions(st: Statement): ActionInfo[] {
  const seen = new Map<string, ActionInfo>();
  for (const p of literals(st.action)) for (const a of expandActionPattern(p)) seen.set(a.key, a);
  return [...seen.values()];
}

// ---- conditions ------------------------------------------------------------------------------------------

/** Keys whose positive match narrows who or what can use a statement (RULES.md, "Constrained"). */
const CONSTRAINING_KEYS = new Set(
  [
    'aws:PrincipalOrgID',
    'aws:PrincipalOrgPaths',
    'aws:PrincipalAccount',
    'aws:PrincipalArn',
    'aws:PrincipalServiceName',
    'aws:SourceAccount',
    'aws:SourceArn',
    'aws:SourceOwner',
    'aws:SourceOrgID',
    'aws:SourceOrgPaths',
    'aws:SourceVpc',
    'aws:SourceVpce',
    'aws:SourceIp',
    'aws:VpcSourceIp',
    'aws:userid',
    'aws:username',
    'sts:ExternalId',
    'kms:CallerAccount',
    'lambda:FunctionUrlAuthType',
  ].map((k) => k.toLowerCase()),
);

/** OIDC / web identity token claims that pin the caller (`token.actions.githubusercontent.com:sub`). */
function isTokenClaimKey(key: string): boolean {
  const k = key.toLowerCase();
  return /:(sub|amr|aud|oaud)$/.test(k) && !k.startsWith('aws:');
}

function isPositiveOperator(op: string): boolean {
  const base = op.replace(/^For(All|Any)Values:/i, '').replace(/IfExists$/i, '');
  return !/^(String|Arn|Numeric|Date|Ip)?Not/i.test(base) && !/^NotIp/i.test(base) && !/^Null$/i.test(base) && !/^Bool$/i.test(base);
}

/** A value that admits everything (`*`, or only wildcards) does not narrow anything; an unknown value might, so it counts. */
function isWildcardOnlyValue(s: Scalar): boolean {
  return s.kind === 'literal' && /^[*?]*$/.test(s.value.trim());
}

export function isConstrainingCondition(c: Condition): boolean {
  if (!CONSTRAINING_KEYS.has(c.key.toLowerCase()) && !isTokenClaimKey(c.key)) return false;
  if (!isPositiveOperator(c.operator)) return false;
  if (c.values.items.length === 0) return false;
  return !c.values.items.some(isWildcardOnlyValue);
}

/** The statement has a condition that really narrows who or what can use it (aws:Referer never does). */
export function isConstrained(st: Statement): boolean {
  return st.conditions.some(isConstrainingCondition);
}

export function conditionsOnKey(st: Statement, key: string): Condition[] {
  const k = key.toLowerCase();
  return st.conditions.filter((c) => c.key.toLowerCase() === k);
}

function baseOperator(op: string): string {
  return op.replace(/^For(All|Any)Values:/i, '');
}

/** The grant is conditioned on MFA (`aws:MultiFactorAuthPresent` true or `aws:MultiFactorAuthAge` bounded). */
export function requiresMfa(st: Statement): boolean {
  return st.conditions.some((c) => {
    const key = c.key.toLowerCase();
    const op = baseOperator(c.operator);
    if (key === 'aws:multifactorauthpresent') return /^Bool(IfExists)?$/i.test(op) && literals(c.values).some((v) => v.toLowerCase() === 'true');
    if (key === 'aws:multifactorauthage') return /^Numeric(LessThan|LessThanEquals)(IfExists)?$/i.test(op);
    return false;
  });
}

/**
 * A Deny that really enforces MFA: `BoolIfExists aws:MultiFactorAuthPresent false` or `Null aws:MultiFactorAuth* true`.
 * A plain `Bool ... false` does not count: long-term keys carry no MFA key, so it never matches them.
 */
export function isMfaEnforcingDeny(st: Statement): boolean {
  if (!isDeny(st)) return false;
  return st.conditions.some((c) => {
    const key = c.key.toLowerCase();
    if (key !== 'aws:multifactorauthpresent' && key !== 'aws:multifactorauthage') return false;
    const vals = literals(c.values).map((v) => v.toLowerCase());
    if (/^BoolIfExists$/i.test(c.operator) && key === 'aws:multifactorauthpresent') return vals.includes('false');
    if (/^Null$/i.test(c.operator)) return vals.includes('true');
    return false;
  });
}

// ---- principals ------------------------------------------------------------------------------------------

/** `"Principal": "*"` or `{"AWS": "*"}`: anyone at all. */
export function isAnyonePrincipal(p: PrincipalEntry): boolean {
  return (p.type === '*' || p.type === 'AWS') && isFullWildcard(p.value);
}

export function principalEntries(st: Statement): PrincipalEntry[] {
  return st.principal?.entries ?? [];
}
