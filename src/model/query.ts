/**
 * The one place that decides what a policy value means: wildcards, unknowns and "constrained".
 * Checks ask these questions instead of looking at strings themselves, so the semantics stay consistent
 * (an unknown value is never a wildcard; a Deny never grants).
 */
import {
  actionPatternMatches,
  expandActionPattern,
  findAdminManagedPolicy,
  hasWildcard,
  isAllResources,
  serviceExists,
  type ActionInfo,
  type AdminManagedPolicy,
} from '../iam/index.js';
import type { PermissionGrant } from './entities.js';
import type { Condition, PolicyDocument, PrincipalEntry, Statement } from './policy.js';
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
    'aws:VpceAccount',
    'aws:VpceOrgID',
    'aws:VpceOrgPaths',
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

/**
 * A condition that really narrows who or what can use a statement. Not narrowing: a key outside the list above
 * (`aws:Referer` is sent by any client; `aws:username` matches a user of that name in any account), a negated
 * operator, `ForAllValues:` (true when the key is absent), a value that is only wildcards, an ARN whose account is a
 * wildcard (`arn:aws:iam::*:role/x`), `aws:SourceIp` `0.0.0.0/0`, `lambda:FunctionUrlAuthType` `NONE`.
 * An unknown value counts as narrowing: it is never a wildcard.
 */
export function isConstrainingCondition(c: Condition): boolean {
  // An operator or key known only at deploy time might narrow anything: never assume it does not.
  if (c.unknown) return true;
  const key = c.key.toLowerCase();
  if (!CONSTRAINING_KEYS.has(key) && !isTokenClaimKey(c.key)) return false;
  if (/^ForAllValues:/i.test(c.operator) || !isPositiveOperator(c.operator)) return false;
  if (c.values.items.length === 0 || c.values.items.some(isWildcardOnlyValue)) return false;
  const values = literals(c.values).map((v) => v.trim());
  if (key === 'lambda:functionurlauthtype') return !values.some((v) => v.toUpperCase() === 'NONE');
  if (key === 'aws:principalarn' || key === 'aws:sourcearn') return !values.some(isAnyAccountArnPattern);
  if (key === 'aws:sourceip' || key === 'aws:vpcsourceip') return !values.some((v) => v === '0.0.0.0/0' || v === '::/0');
  return true;
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

// ---- least privilege: grants, wildcard actions, resource scoping ------------------------------------------
// (admin-access, wildcard-action, wildcard-resource, not-action-allow, not-resource-allow, not-principal-allow)

/**
 * Documents that grant permissions: identity, resource and trust policies. A permissions boundary or an SCP
 * only caps what other policies grant (`"*"` on `"*"` there is the usual "allow all, deny some" baseline).
 */
export function isGrantingDocument(doc: PolicyDocument): boolean {
  return doc.kind === 'identity' || doc.kind === 'resource' || doc.kind === 'trust';
}

/**
 * An Allow statement, or one with no `Effect` at all: such a statement is invalid (`policy-syntax` reports it),
 * but it was written as a grant, Terraform's `aws_iam_policy_document` defaults to Allow and peer tools read it so.
 * An unknown Effect (`${var.effect}`) is not assumed to allow.
 */
export function isIntendedAllow(st: Statement): boolean {
  return isAllow(st) || st.effect === undefined;
}

/** The first value of a list that means every action (`*`, `*:*`), for reporting. */
export function allActionsItem(list: ValueList | undefined): Scalar | undefined {
  return list?.items.find(isAllActions);
}

/** The action changes resources or who can reach them: access level Write or Permissions management. */
export function isWriteOrPermissionsAction(a: ActionInfo): boolean {
  return a.accessLevels.includes('Write') || a.accessLevels.includes('Permissions management');
}

/**
 * The action changes something (Write, Tagging or Permissions management) and supports resource-level scoping
 * (it is not one of the actions that only work with `Resource: "*"`, such as `ecr:GetAuthorizationToken`).
 */
export function isScopableChangeAction(a: ActionInfo): boolean {
  if (a.wildcardOnly) return false;
  return a.accessLevels.some((l) => l === 'Write' || l === 'Tagging' || l === 'Permissions management');
}

/** `s3:*`: every action of one service the action database knows (an unknown prefix is `unknown-action`'s business). */
export function isServiceWildcard(s: Scalar): boolean {
  if (s.kind !== 'literal') return false;
  const m = /^([^:*?]+):\*+$/.exec(s.value.trim());
  return !!m && serviceExists(m[1] as string);
}

/**
 * A wildcard action value that reaches actions which change resources or permissions: `*`, `*:*`, `s3:*`,
 * `s3:Put*`, `iam:*Policy`. A wildcard that only matches List/Read actions (`iam:List*Tags`, `ec2:Describe*`)
 * or matches no known action is not broad; unknown and template values never are.
 */
export function isBroadActionWildcard(s: Scalar): boolean {
  if (s.kind !== 'literal') return false;
  if (isAllActions(s) || isServiceWildcard(s)) return true;
  const p = s.value.trim();
  if (!hasWildcard(p)) return false;
  return expandActionPattern(p).some(isWriteOrPermissionsAction);
}

/** Does the literal action value (a name or a wildcard) match at least one known action satisfying `pred`? */
export function actionValueGrants(s: Scalar, pred: (a: ActionInfo) => boolean): boolean {
  return s.kind === 'literal' && expandActionPattern(s.value.trim()).some(pred);
}

/**
 * For a `NotAction` statement: a known action it leaves granted (matched by none of its exclusions) that satisfies
 * `pred`. Undefined when there is none, or when an exclusion is unknown (it might exclude anything).
 */
export function notActionGrantedAction(st: Statement, pred: (a: ActionInfo) => boolean): ActionInfo | undefined {
  if (!st.notAction || hasNonLiteral(st.notAction)) return undefined;
  const excluded = literals(st.notAction);
  return expandActionPattern('*').find((a) => pred(a) && !excluded.some((p) => actionPatternMatches(p, a.key)));
}

// ---- least privilege: risky grants ------------------------------------------------------------------------
// (privilege-escalation, pass-role-wildcard, data-exfiltration, credentials-exposure)
// Every function takes a list of statements where the answer depends on more than one statement, so the same
// questions can later be asked of the union of all policies that reach one principal.

/** Resource-tag keys (`aws:ResourceTag/team`, `secretsmanager:ResourceTag/team`, `iam:ResourceTag/x`): attribute-based scoping. */
function isResourceTagKey(key: string): boolean {
  return /^[a-z0-9-]+:resourcetag\/.+/i.test(key);
}

/**
 * A condition on `key` (case-insensitive) with a positive operator and values that are not all wildcards:
 * it narrows what the key may be. Unknown values count as narrowing (they are never wildcards).
 */
export function hasNarrowingCondition(st: Statement, key: string): boolean {
  return conditionsOnKey(st, key).some(isNarrowingCondition);
}

function isNarrowingCondition(c: Condition): boolean {
  return isPositiveOperator(c.operator) && c.values.items.length > 0 && !c.values.items.some(isWildcardOnlyValue);
}

/**
 * The statement's resources are narrowed by a condition rather than by `Resource`: a positive match on a
 * resource tag (`aws:ResourceTag/…`, `<service>:ResourceTag/…`), the attribute-based way to scope `Resource: "*"`.
 */
export function narrowsResourcesByCondition(st: Statement): boolean {
  return st.conditions.some((c) => isResourceTagKey(c.key) && isNarrowingCondition(c));
}

/**
 * The statement grants `action` on every resource with nothing narrowing it: an Allow (or Effect-less) statement
 * whose Action / NotAction covers the action, whose `Resource` has a value matching every ARN, with no
 * constraining condition (`isConstrained`) and no resource-tag condition. `NotResource` is not "every resource"
 * here (`not-resource-allow` reports it).
 */
export function grantsUnconstrained(st: Statement, action: string): boolean {
  return (
    isIntendedAllow(st) &&
    coversAction(st, action) &&
    appliesToAllResources(st) &&
    !isConstrained(st) &&
    !narrowsResourcesByCondition(st)
  );
}

/**
 * A Deny among `statements` takes `action` away everywhere: it covers the action, its `Resource` matches every ARN,
 * it has no condition at all (a conditional Deny only applies sometimes) and it is not under a template condition.
 */
export function isDeniedEverywhere(statements: readonly Statement[], action: string): boolean {
  return statements.some(
    (st) => isDeny(st) && !st.guard && st.conditions.length === 0 && appliesToAllResources(st) && coversAction(st, action),
  );
}

/** The statements of the set that grant `action` unconstrained on every resource, unless a Deny of the set takes it away. */
export function unconstrainedGrants(statements: readonly Statement[], action: string): Statement[] {
  const grants = statements.filter((st) => grantsUnconstrained(st, action));
  if (grants.length === 0 || isDeniedEverywhere(statements, action)) return [];
  return grants;
}

/**
 * May the statement pass a role to `service` (`lambda.amazonaws.com`) as far as its `iam:PassedToService`
 * conditions say? No such condition: yes. A positive operator (`StringEquals`, `StringLike`, …IfExists,
 * `ForAnyValue:`) allows the services its values match; a negated one allows the services none of its values
 * match. An unknown value is not assumed to match (an unknown never raises a finding).
 */
export function passRoleAllowsService(st: Statement, service: string): boolean {
  return conditionsOnKey(st, 'iam:PassedToService').every((c) => {
    const base = baseOperator(c.operator).replace(/IfExists$/i, '');
    const like = /Like$/i.test(base);
    const matches = literals(c.values).some((v) =>
      like ? actionPatternMatches(v.trim(), service) : v.trim().toLowerCase() === service.toLowerCase(),
    );
    if (/^StringNot/i.test(base)) return !matches && !hasNonLiteral(c.values);
    if (!isPositiveOperator(c.operator)) return true;
    return matches;
  });
}

/**
 * A Deny relying on `Bool` (or `ForAnyValue:Bool`) `aws:MultiFactorAuthPresent` = `false`: the conditions that do so.
 * Such a condition never matches a request signed with long-term access keys, where the key is absent.
 */
export function boolMfaFalseConditions(st: Statement): Condition[] {
  if (!isDeny(st)) return [];
  return conditionsOnKey(st, 'aws:MultiFactorAuthPresent').filter(
    (c) => /^(ForAnyValue:)?Bool$/i.test(c.operator) && literals(c.values).some((v) => v.trim().toLowerCase() === 'false'),
  );
}

// ---- trust and exposure -----------------------------------------------------------------------------------
// (trust-any-principal, trust-cross-account-no-external-id, trust-oidc-unscoped, trust-root-no-mfa,
//  resource-policy-public, resource-policy-service-no-source)

/** Where an AWS principal value sits: one account (by literal id), this account, any account, or unknown. */
export type PrincipalAccount =
  | { kind: 'account'; account: string; root: boolean }
  | { kind: 'this-account'; root: boolean }
  | { kind: 'any' }
  | { kind: 'unknown' };

const TE_HOLE = '\u0001';

/** The scalar as text with each unknown part replaced by a numbered hole (`\u0001<n>\u0001`), and the holes' hints. */
function teShape(s: Scalar): { text: string; hints: (string | undefined)[] } {
  if (s.kind === 'literal') return { text: s.value.trim(), hints: [] };
  if (s.kind === 'unknown') return { text: `${TE_HOLE}0${TE_HOLE}`, hints: [s.hint] };
  const hints: (string | undefined)[] = [];
  let text = '';
  for (const p of s.parts) {
    if (typeof p === 'string') text += p;
    else {
      text += `${TE_HOLE}${hints.length}${TE_HOLE}`;
      hints.push(p.hint);
    }
  }
  return { text: text.trim(), hints };
}

/** A shape that is exactly one hole standing for this account (`AWS::AccountId`, `data.aws_caller_identity`). */
function teIsThisAccountHole(text: string, hints: (string | undefined)[]): boolean {
  const m = new RegExp(`^${TE_HOLE}(\\d+)${TE_HOLE}$`).exec(text);
  return !!m && hints[Number(m[1])] === 'this-account';
}

/**
 * The account of an AWS principal value (`123456789012`, `arn:aws:iam::123456789012:root`, a user, role or
 * assumed-role ARN, `arn:aws:iam::${AWS::AccountId}:root`). `*` and ARNs with a wildcard account are `any`.
 * Undefined when the value is not shaped like an account principal at all (`some_arn`).
 */
export function principalAccount(s: Scalar): PrincipalAccount | undefined {
  const { text, hints } = teShape(s);
  if (text === '*') return { kind: 'any' };
  if (teIsThisAccountHole(text, hints)) return { kind: 'this-account', root: true };
  if (/^\d{12}$/.test(text)) return { kind: 'account', account: text, root: true };
  const arn = /^arn:[^:]*:(?:iam|sts)::([^:]*):(.*)$/.exec(text);
  if (!arn) return text.includes(TE_HOLE) && !text.startsWith('arn:') ? { kind: 'unknown' } : undefined;
  const account = arn[1] as string;
  const root = arn[2] === 'root';
  if (account.includes(TE_HOLE)) return teIsThisAccountHole(account, hints) ? { kind: 'this-account', root } : { kind: 'unknown' };
  if (/[*?]/.test(account)) return { kind: 'any' };
  if (/^\d{12}$/.test(account)) return { kind: 'account', account, root };
  return undefined;
}

/**
 * A principal entry that admits anyone: `"Principal": "*"`, `{"AWS": "*"}`, a `*` in an (invalid) principal list,
 * or an AWS principal ARN whose account is a wildcard (`arn:aws:iam::*:role/x`: any account can create that role).
 */
export function isPublicPrincipal(p: PrincipalEntry): boolean {
  if (p.type !== '*' && p.type !== 'AWS' && p.type !== '?') return false;
  if (isFullWildcard(p.value)) return true;
  return p.type !== '*' && p.value.kind === 'literal' && principalAccount(p.value)?.kind === 'any';
}

/**
 * An ARN pattern that matches ARNs in every account: a wildcard account field (`arn:aws:iam::*:role/x`,
 * `arn:aws:iam::*`), a pattern whose wildcard swallows the account (`arn:*`), or an account-less ARN with a
 * wildcard-only resource (`arn:aws:s3:::*`). Such a value narrows nothing about who is calling.
 */
export function isAnyAccountArnPattern(value: string): boolean {
  const v = value.trim();
  if (/^[*?]*$/.test(v)) return true;
  if (!v.startsWith('arn:')) return false;
  const fields = v.split(':');
  // A truncated pattern (`arn:aws:iam::*`, `arn:*`): its wildcard stands for the missing fields, account included.
  if (fields.length < 6) return fields.some((f) => f.includes('*'));
  // ArnLike / ArnEquals compare the six fields one by one, so only the account field (or its absence) matters.
  const account = fields[4] as string;
  if (/[*?]/.test(account)) return true;
  return account === '' && /^[*?]*$/.test(fields.slice(5).join(':'));
}

function teAdmitsAll(s: Scalar): boolean {
  return s.kind === 'literal' && /^[*?]*$/.test(s.value.trim());
}

/** A literal AWS service principal (`sns.amazonaws.com`, `logs.eu-west-1.amazonaws.com`, `...amazonaws.com.cn`). */
export function isAwsServicePrincipal(p: PrincipalEntry): boolean {
  return p.type === 'Service' && p.value.kind === 'literal' && isAwsServiceName(p.value.value);
}

export function isAwsServiceName(value: string): boolean {
  return /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/i.test(value.trim());
}

const TE_SOURCE_KEYS = new Set(['aws:sourcearn', 'aws:sourceaccount', 'aws:sourceowner', 'aws:sourceorgid', 'aws:sourceorgpaths']);

/**
 * A condition that ties a service principal's request to a source in a known account or organization (the
 * confused-deputy guard): `aws:SourceArn`, `aws:SourceAccount`, `aws:SourceOwner`, `aws:SourceOrgID`,
 * `aws:SourceOrgPaths`, or the KMS encryption-context ARN keys AWS documents for CloudTrail and CloudWatch Logs
 * (`kms:EncryptionContext:aws:logs:arn`). Positive operators only, no wildcard-only or any-account value.
 */
export function isServiceSourceCondition(c: Condition): boolean {
  const key = c.key.toLowerCase();
  const isContextArn = /^kms:encryptioncontext:aws:[a-z0-9-]+:arn$/.test(key);
  if (!TE_SOURCE_KEYS.has(key) && !isContextArn) return false;
  if (/^ForAllValues:/i.test(c.operator) || !isPositiveOperator(c.operator)) return false;
  if (c.values.items.length === 0 || c.values.items.some(teAdmitsAll)) return false;
  if (key === 'aws:sourcearn' || isContextArn) return !literals(c.values).some(isAnyAccountArnPattern);
  return true;
}

export function hasServiceSourceCondition(st: Statement): boolean {
  return st.conditions.some(isServiceSourceCondition);
}

/** OIDC / web identity providers whose tokens any of their users can obtain, so the trust must pin a claim. */
export type WebIdentityProvider = 'github' | 'gitlab' | 'terraform-cloud' | 'eks' | 'cognito';

/**
 * The provider behind a `Federated` value or an OIDC provider URL (`arn:aws:iam::1:oidc-provider/HOST`,
 * `https://HOST`, `HOST`). GitLab self-managed is recognized by a host name containing `gitlab`.
 */
export function webIdentityProviderOf(text: string): WebIdentityProvider | undefined {
  const host = text
    .trim()
    .toLowerCase()
    // The account may be an unresolved `${AWS::AccountId}`, colons included.
    .replace(/^arn:.*?:oidc-provider\//, '')
    .replace(/^https?:\/\//, '');
  if (/^token\.actions\.githubusercontent\.com(\/|$)/.test(host)) return 'github';
  if (/^cognito-identity\.amazonaws\.com(\.cn)?$/.test(host)) return 'cognito';
  if (/^app\.terraform\.io(\/|$)/.test(host)) return 'terraform-cloud';
  if (/^oidc\.eks\.[^/]+\.amazonaws\.com(\.cn)?\/id\//.test(host)) return 'eks';
  if (/^[^/]*gitlab[^/]*(\/|$)/.test(host)) return 'gitlab';
  return undefined;
}

/** The token claims that pin who may assume a role trusted by the provider (RULES.md: `sub`, or `amr`/`aud` for Cognito). */
export function pinningClaims(provider: WebIdentityProvider): string[] {
  return provider === 'cognito' ? ['sub', 'aud', 'amr'] : ['sub'];
}

/** A condition on one of the provider's pinning claims (`token.actions.githubusercontent.com:sub`, `<issuer>/<x>:sub`). */
export function isPinningClaimCondition(c: Condition, provider: WebIdentityProvider): boolean {
  const key = c.key.toLowerCase();
  if (key.startsWith('aws:')) return false;
  const claim = key.slice(key.lastIndexOf(':') + 1);
  return key.includes(':') && pinningClaims(provider).includes(claim);
}

/**
 * A claim value that, under a `Like` operator, admits the whole provider: a wildcard before the first complete
 * segment after the claim's own prefix. `*`, `repo:*`, `repo:my-org*`, `system:serviceaccount:*`,
 * `organization:*` do; `repo:my-org/*` (one organization), `repo:my-org/app:*` and
 * `system:serviceaccount:ns:*` do not.
 */
export function claimValueAdmitsWholeProvider(value: string): boolean {
  const v = value.trim();
  const firstWildcard = v.search(/[*?]/);
  if (firstWildcard < 0) return false;
  let prefix = v.slice(0, firstWildcard);
  const claimPrefix = /^(system:serviceaccount:|[a-z_]+:)/i.exec(prefix);
  if (claimPrefix) prefix = prefix.slice(claimPrefix[0].length);
  return !/[^/:]+[/:]/.test(prefix);
}

/**
 * The condition pins the token: a positive operator on a pinning claim whose values are all specific. Under
 * `StringEquals` a `*` is matched literally, so it pins (to a value no token has; `invalid-condition` says so).
 * Unknown values pin (an unknown is never a wildcard).
 */
export function pinsWebIdentity(c: Condition, provider: WebIdentityProvider): boolean {
  if (!isPinningClaimCondition(c, provider) || !isPositiveOperator(c.operator) || c.values.items.length === 0) return false;
  const like = /Like(IfExists)?$/i.test(baseOperator(c.operator));
  if (!like) return true;
  return !literals(c.values).some(claimValueAdmitsWholeProvider);
}

/** Power that makes a role worth protecting: the reason, or undefined. Used for the root-trust rule. */
export function privilegedGrantReason(st: Statement): string | undefined {
  if (!isIntendedAllow(st)) return undefined;
  if (st.action) {
    const all = allActionsItem(st.action);
    if (all) return appliesToAllResources(st) ? 'administrator access ("*" on "*")' : 'every action ("*")';
    const iamWrite = expandedActions(st).find((a) => a.service === 'iam' && a.accessLevels.includes('Permissions management'));
    if (iamWrite) return `IAM permissions management ("${iamWrite.key}")`;
    return undefined;
  }
  const granted = notActionGrantedAction(st, (a) => a.service === 'iam' && a.accessLevels.includes('Permissions management'));
  return granted ? `IAM permissions management through NotAction ("${granted.key}")` : undefined;
}

/** An AWS managed policy that gives admin or near-admin power, by a literal ARN or name. */
export function privilegedManagedPolicy(s: Scalar): string | undefined {
  if (s.kind !== 'literal') return undefined;
  return findAdminManagedPolicy(s.value.trim())?.name;
}

/**
 * A guard that makes a cross-account trust safe enough: `sts:ExternalId` (third parties), `aws:PrincipalOrgID` /
 * `aws:PrincipalOrgPaths` (the caller must be in your organization) or an MFA requirement.
 */
export function hasCrossAccountGuard(st: Statement): boolean {
  if (requiresMfa(st)) return true;
  return st.conditions.some(
    (c) => ['sts:externalid', 'aws:principalorgid', 'aws:principalorgpaths'].includes(c.key.toLowerCase()) && isConstrainingCondition(c),
  );
}

/**
 * An unconditional Deny among `statements` takes `action` away from the AWS principal `value`: the Deny names
 * anyone (`*`), the principal itself, or the principal's whole account (`123456789012`, `arn:aws:iam::123456789012:root`).
 */
export function isPrincipalDenied(statements: readonly Statement[], value: Scalar, action: string): boolean {
  const target = principalAccount(value);
  return statements.some((st) => {
    if (!isDeny(st) || st.guard || st.conditions.length > 0 || !st.principal || !coversAction(st, action)) return false;
    return st.principal.entries.some((p) => {
      if (p.type !== '*' && p.type !== 'AWS') return false;
      if (isFullWildcard(p.value)) return true;
      if (p.value.kind === 'literal' && value.kind === 'literal' && p.value.value.trim() === value.value.trim()) return true;
      const denied = principalAccount(p.value);
      return denied?.kind === 'account' && denied.root && target?.kind === 'account' && target.account === denied.account;
    });
  });
}

// Permission grants made outside policy documents (Lambda permissions, function URLs).

/** A grant property that admits everything: empty, or wildcards only. */
function teGrantValueAdmitsAll(s: Scalar): boolean {
  return s.kind === 'literal' && /^[*?]*$/.test(s.value.trim());
}

/** The grant names a source (`SourceArn` of one resource, `SourceAccount`): the confused-deputy guard. Unknown values count. */
export function grantHasSource(g: PermissionGrant): boolean {
  if (g.sourceArn && !(g.sourceArn.kind === 'literal' && isAnyAccountArnPattern(g.sourceArn.value))) return true;
  return !!g.sourceAccount && !teGrantValueAdmitsAll(g.sourceAccount);
}

/**
 * A grant open to anyone: principal `*` (or a wildcard-account ARN) with no source, no `PrincipalOrgID`, and no
 * function URL auth type other than `NONE` (`AWS_IAM` asks for signed requests that the caller's own policies allow).
 */
export function isPublicPermissionGrant(g: PermissionGrant): boolean {
  if (principalAccount(g.principal)?.kind !== 'any') return false;
  if (grantHasSource(g)) return false;
  for (const c of g.conditions) {
    // `PrincipalOrgID` as CloudFormation spells it, `principal_org_id` as Terraform does.
    const key = c.key.toLowerCase().replace(/[_-]/g, '');
    if (key === 'principalorgid' && !teGrantValueAdmitsAll(c.value)) return false;
    if (key === 'functionurlauthtype' && literal(c.value)?.trim().toUpperCase() !== 'NONE') return false;
  }
  return true;
}

// ---- identities and credentials ---------------------------------------------------------------------------
// (managed-admin-policy, mfa-missing-privileged, user-console-no-mfa)

/**
 * The admin-class AWS managed policy a value names: a literal ARN (any partition) or bare name, or an ARN whose
 * only unknown part is the partition (`arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess`,
 * `arn:${data.aws_partition.current.partition}:iam::aws:policy/IAMFullAccess`). Other unknowns name nothing.
 */
export function adminManagedPolicyOf(s: Scalar): AdminManagedPolicy | undefined {
  if (s.kind === 'literal') return findAdminManagedPolicy(s.value.trim());
  if (s.kind !== 'template') return undefined;
  const [first, hole, ...rest] = s.parts;
  if (first !== 'arn:' || hole === undefined || typeof hole === 'string' || rest.length !== 1) return undefined;
  const tail = rest[0];
  if (typeof tail !== 'string') return undefined;
  const m = /^:iam::aws:(policy\/.+)$/.exec(tail.trim());
  return m ? findAdminManagedPolicy(`arn:aws:iam::aws:${m[1] as string}`) : undefined;
}

/** An IAM action that changes identities, credentials or permissions (access level Write or Permissions management). */
function icIsIamWrite(a: ActionInfo): boolean {
  return a.service === 'iam' && (a.accessLevels.includes('Write') || a.accessLevels.includes('Permissions management'));
}

/**
 * Could the resource value name an IAM resource? `*`, a wildcard service field (`arn:aws:*`), or an `iam` ARN.
 * An unknown value could be anything, so it counts; `arn:aws:s3:::bucket/*` does not.
 */
function icMayNameIamResource(s: Scalar): boolean {
  if (s.kind !== 'literal') return true;
  const v = s.value.trim();
  if (!v.startsWith('arn:')) return /[*?]/.test(v);
  const fields = v.split(':');
  const service = fields[2];
  if (service === undefined) return /[*?]/.test(v);
  return service === 'iam' || /[*?]/.test(service);
}

function icResourcesMayBeIam(st: Statement): boolean {
  if (st.notResource || !st.resource) return true;
  return st.resource.items.some(icMayNameIamResource);
}

/** What a user needs to manage its own password and MFA device (AWS's self-service MFA example policy). */
const IC_SELF_SERVICE = new Set(
  ['ChangePassword', 'CreateVirtualMFADevice', 'EnableMFADevice', 'ResyncMFADevice', 'DeactivateMFADevice', 'DeleteVirtualMFADevice', 'TagMFADevice', 'UntagMFADevice'].map((a) => `iam:${a}`.toLowerCase()),
);

/** Every resource is the caller's own user or MFA device (`arn:aws:iam::*:user/${aws:username}`, `...:mfa/${aws:username}`). */
function icOnlySelf(st: Statement): boolean {
  const self = (s: Scalar): boolean =>
    s.kind === 'literal' ? s.value.includes('${aws:username}') : s.kind === 'template' && s.parts.some((p) => typeof p === 'string' && p.includes('${aws:username}'));
  return !!st.resource && !st.notResource && st.resource.items.length > 0 && st.resource.items.every(self);
}

/**
 * Administrator or IAM-write power granted by one statement, as a phrase for messages, or undefined: an Allow (or
 * Effect-less) statement granting every action on every resource, or an IAM Write / Permissions management action
 * (`iam:CreateAccessKey`, `iam:AttachUserPolicy`, `iam:*`, through `NotAction` too) on resources that may be IAM
 * resources. Conditions are not looked at (ask `requiresMfa`).
 */
export function adminOrIamWriteGrant(st: Statement): string | undefined {
  if (!isIntendedAllow(st)) return undefined;
  if (st.action) {
    if (allActionsItem(st.action) && appliesToAllResources(st)) return 'administrator access ("*" on "*")';
    if (!icResourcesMayBeIam(st)) return undefined;
    if (allActionsItem(st.action)) return 'every action ("*"), IAM included';
    // Managing one's own password and MFA device is what MFA enforcement itself relies on.
    const self = icOnlySelf(st);
    const counts = (a: ActionInfo): boolean => icIsIamWrite(a) && !(self && IC_SELF_SERVICE.has(a.key.toLowerCase()));
    const values = st.action.items.filter((s) => actionValueGrants(s, counts)).map((s) => `"${literal(s)?.trim() ?? ''}"`);
    if (values.length === 0) return undefined;
    const shown = values.length > 3 ? `${values.slice(0, 3).join(', ')} and ${values.length - 3} more` : values.join(', ');
    return `IAM write access (${shown})`;
  }
  if (!icResourcesMayBeIam(st)) return undefined;
  const granted = notActionGrantedAction(st, icIsIamWrite);
  return granted ? `IAM write access through NotAction ("${granted.key}")` : undefined;
}

/**
 * A Deny that makes console sessions use MFA: an MFA-enforcing Deny (`isMfaEnforcingDeny`), or a `Bool`
 * `aws:MultiFactorAuthPresent` `false` Deny, which misses long-term access keys but does match every console
 * session (a console session always carries the key).
 */
export function enforcesConsoleMfa(st: Statement): boolean {
  return isMfaEnforcingDeny(st) || boolMfaFalseConditions(st).length > 0;
}

// ---- account controls: resource settings ------------------------------------------------------------------
// A setting of an account-level resource (a trail, a password policy, a Config recorder) is `unset` when it is
// absent or written as `null` (the service default applies), `unknown` when the linter cannot read it (a parameter,
// a variable, a reference, or a literal of the wrong shape), else a known value. Checks fire on `unset` and on bad
// known values, never on `unknown`.

export type AcSetting<T> = { kind: 'unset' } | { kind: 'unknown' } | { kind: 'value'; value: T };

function acUnset(s: Scalar | undefined): boolean {
  return s === undefined || (s.kind === 'literal' && s.type === 'null');
}

/** A true/false setting: a boolean literal, or the string "true"/"false" in any case (CloudFormation takes both). */
export function boolSetting(s: Scalar | undefined): AcSetting<boolean> {
  if (acUnset(s)) return { kind: 'unset' };
  if (s?.kind !== 'literal') return { kind: 'unknown' };
  const text = s.value.trim().toLowerCase();
  if (text === 'true') return { kind: 'value', value: true };
  if (text === 'false') return { kind: 'value', value: false };
  return { kind: 'unknown' };
}

/** A numeric setting: a number literal or a string holding a decimal number. */
export function numberSetting(s: Scalar | undefined): AcSetting<number> {
  if (acUnset(s)) return { kind: 'unset' };
  if (s?.kind !== 'literal') return { kind: 'unknown' };
  const text = s.value.trim();
  if (!/^[+-]?\d+(\.\d+)?$/.test(text)) return { kind: 'unknown' };
  return { kind: 'value', value: Number(text) };
}

/** A text setting such as a key id: an empty string reads as unset (Terraform's `""` and a blank parameter default). */
export function textSetting(s: Scalar | undefined): AcSetting<string> {
  if (acUnset(s)) return { kind: 'unset' };
  if (s?.kind !== 'literal') return { kind: 'unknown' };
  return s.value.trim() === '' ? { kind: 'unset' } : { kind: 'value', value: s.value };
}
