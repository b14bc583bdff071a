/**
 * What the library classes accumulate while the app is evaluated. Statements, documents and IAM entities stay
 * mutable until the end (a statement can gain actions after it was added to a policy, as in CDK), then
 * `emit.ts` lowers them to located IAM JSON and the model.
 */
import type { Located } from '../../../src/model/located.js';
import type { Location } from '../../../src/model/location.js';
import type { CNode, Thing, Val } from './values.js';

export type ListKey = 'Action' | 'NotAction' | 'Resource' | 'NotResource';

/** A list element of a statement: where its key is written and its values. */
export interface ListState {
  keyLoc: Location;
  loc: Location;
  items: Val[];
}

export interface CondEntry {
  op: string;
  opLoc: Location;
  key: string;
  keyLoc: Location;
  value: Val;
}

export interface PrincipalState {
  t: 'principal';
  /** The principal expression (`new iam.AnyPrincipal()`): values and findings point here. */
  loc: Location;
  /** `AWS`, `Service`, `Federated`, `CanonicalUser`, or `*` (StarPrincipal). */
  entries: { type: string; value: Val }[];
  conditions: CondEntry[];
  /** A condition block the linter cannot read (`withConditions(props.conditions)`). */
  unknownConditions?: Val;
  /** The actions a trust statement for this principal allows (`sts:AssumeRole`, `sts:AssumeRoleWithWebIdentity`, ...). */
  actions: string[];
  /** `iam.OrganizationPrincipal`: the organization (Lambda permissions use it as PrincipalOrgID). */
  orgId?: Val;
  /** What CDK writes as a Lambda permission's `Principal` for this principal (a service, an account, `*`). */
  lambda?: Val;
}

export interface StatementState {
  t: 'statement';
  loc: Location;
  effect?: { value: Val; keyLoc: Location };
  sid?: { value: Val; keyLoc: Location };
  lists: Partial<Record<ListKey, ListState>>;
  principals?: { keyLoc: Location; loc: Location; items: PrincipalState[] };
  notPrincipals?: { keyLoc: Location; loc: Location; items: PrincipalState[] };
  conditions: CondEntry[];
  conditionKeyLoc?: Location;
  unknownConditions?: Val;
  /** `PolicyStatement.fromJson(...)`: the statement as written. */
  raw?: Located;
}

export interface DocumentState {
  t: 'document';
  loc: Location;
  statements: StatementState[];
  /** `PolicyDocument.fromJson(...)` or a JSON object literal: the document as written (statements added later are appended). */
  raw?: Located;
}

export interface Target {
  kind: 'user' | 'group' | 'role';
  value: Val;
  loc: Location;
}

/** An IAM user, group or role construct (L2 or L1), or one imported by name or ARN. */
export interface IdentityState {
  t: 'identity';
  kind: 'user' | 'group' | 'role';
  node: CNode;
  /** CloudFormation type and the construct path of the resource it synthesizes. */
  cfnType: string;
  resourcePath: string;
  name?: Val;
  /** Role trust: the principals of `assumedBy`, with where the property is written. */
  trust?: { keyLoc: Location; principals: PrincipalState[]; externalIds: Val[] };
  /** L1 trust document, or statements added through `assumeRolePolicy.addStatements`. */
  trustDoc?: DocumentState;
  inline: { name: Val; doc: DocumentState }[];
  managed: Val[];
  boundary?: Val;
  groups: Val[];
  loginProfile?: Location;
  password?: Val;
  /** The policy CDK creates for `addToPolicy` (its `DefaultPolicy`), on first use. */
  defaultPolicy?: PolicyState;
  /** Not defined here (`Role.fromRoleArn`): statements added to it go to a policy that names it. */
  imported?: boolean;
}

/** `iam.Policy`, `iam.ManagedPolicy`, an identity's DefaultPolicy, or an L1 policy. */
export interface PolicyState {
  t: 'policy';
  kind: 'inline' | 'managed';
  node: CNode;
  cfnType: string;
  resourcePath: string;
  name?: Val;
  doc: DocumentState;
  targets: Target[];
}

/** A resource policy: the document, the resource that holds it, and the resource it protects. */
export interface ResourcePolicyState {
  t: 'resource-policy';
  /** The policy's own construct (`Bucket/Policy`), or the protected resource when the policy is a property of it (KMS keys). */
  node: CNode;
  cfnType: string;
  resourcePath: string;
  doc: DocumentState;
  /** The protected resource. */
  protects?: { node: CNode; cfnType: string; resourcePath: string };
  /** Where in the synthesized resource the document sits. */
  propertyPath: string[];
}

export interface PermissionState {
  t: 'permission';
  node: CNode;
  cfnType: string;
  resourcePath: string;
  principal: Val;
  action?: Val;
  sourceArn?: Val;
  sourceAccount?: Val;
  conditions: { key: string; value: Val }[];
  loc: Location;
}

export interface MethodGrantState {
  t: 'grant';
  resource?: CNode;
  resourceType?: string;
  resourcePath?: string;
  grantee: Val;
  method: string;
  loc: Location;
}

/** Every record the evaluation produced, in order. */
export interface Records {
  identities: IdentityState[];
  policies: PolicyState[];
  resourcePolicies: ResourcePolicyState[];
  permissions: PermissionState[];
  accessKeys: { node: CNode; cfnType: string; resourcePath: string; user?: Val; status?: Val }[];
  oidcProviders: { node: CNode; cfnType: string; resourcePath: string; url?: Val; clientIds: Val[] }[];
  instanceProfiles: { node: CNode; cfnType: string; resourcePath: string; name?: Val; roles: Val[] }[];
  textValues: { node: CNode; cfnType: string; resourcePath: string; name: string; value: Val }[];
  exposures: { node: CNode; cfnType: string; resourcePath: string; key: string; via: string; loc: Location }[];
  grants: MethodGrantState[];
  /** Memberships of users not defined in the app (`CfnUserToGroupAddition`). */
  memberships: { node: CNode; user: Val; group: Val; loc: Location }[];
}

export function emptyRecords(): Records {
  return { identities: [], policies: [], resourcePolicies: [], permissions: [], accessKeys: [], oidcProviders: [], instanceProfiles: [], textValues: [], exposures: [], grants: [], memberships: [] };
}

/** A set of principals (`CompositePrincipal`). */
export interface PrincipalSetState {
  t: 'principal-set';
  items: PrincipalState[];
}

/** An `IManagedPolicy` by ARN (`fromAwsManagedPolicyName`, `fromManagedPolicyArn`). */
export interface ManagedRefState {
  t: 'managed-ref';
  arn: Val;
}

/** A Lambda function (and the role it runs with). */
export interface FunctionState {
  t: 'function';
  node: CNode;
  cfnType: string;
  resourcePath: string;
  role: Thing;
}

/** A resource that can carry a resource policy (bucket, topic, queue, key, secret, repository). */
export interface HolderState {
  t: 'holder';
  node: CNode;
  cfnType: string;
  resourcePath: string;
  policy?: ResourcePolicyState;
  /** How its policy is stored: a child construct (`Policy`) of another type, or a property of the resource itself. */
  policyChild?: { id: string; cfnType: string; propertyPath: string[] };
  policyProperty?: string[];
  /** The attribute CDK names its ARN by (`bucketArn`). */
  arnAttribute: string;
}

/** `SecretValue` (an access key's secret, `SecretValue.unsafePlainText(...)`): what unwrapping gives. */
export interface SecretValueState {
  t: 'secret';
  of: Val;
}

/** Any other construct: IAM-relevant only through its grants and implicit role. */
export interface ConstructState {
  t: 'construct';
  node: CNode;
  cfnType: string;
  resourcePath: string;
  role?: Thing;
}

export type LibState =
  | StatementState
  | DocumentState
  | PrincipalState
  | PrincipalSetState
  | IdentityState
  | PolicyState
  | ResourcePolicyState
  | ManagedRefState
  | FunctionState
  | HolderState
  | SecretValueState
  | ConstructState;
